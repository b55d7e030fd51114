package dev.mtlskit.policy;

import static dev.mtlskit.policy.Certificates.OTHER_CA;
import static dev.mtlskit.policy.Certificates.client;
import static dev.mtlskit.policy.Certificates.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mtlskit.identity.PeerIdentity;

class AllowRuleTest {

    private static final PeerIdentity ACME = identity(client().organization("Acme").organizationalUnit("Payments")
            .commonName("acme").addDnsName("api.partner.example").addUri("spiffe://example.org/ns/prod/sa/acme")
            .addEmail("Ops@Acme.Example").addIpAddress("10.1.2.3").addIpAddress("fd00::7"));

    @Test
    void commonNameMatchesExactly() {
        assertThat(rule().commonName("acme").build().matches(ACME)).isTrue();
        assertThat(rule().commonName("Acme").build().matches(ACME)).isFalse();
        assertThat(rule().commonName("acme2").build().matches(ACME)).isFalse();
    }

    @Test
    void organizationAndUnitMatchAnyOfTheSubjects() {
        assertThat(rule().organization("Acme").build().matches(ACME)).isTrue();
        assertThat(rule().organization("Acme Corp").build().matches(ACME)).isFalse();
        assertThat(rule().organizationalUnit("Payments").build().matches(ACME)).isTrue();
        assertThat(rule().organizationalUnit("Ops").build().matches(ACME)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "api.partner.example, true",
            "API.Partner.Example., true",
            "*.partner.example, true",
            "partner.example, false",
            "*.api.partner.example, false",
            "*.other.example, false",
            "www.partner.example, false"})
    void dnsNamesMatchCaseInsensitivelyWithAOneLabelWildcard(String dns, boolean matches) {
        assertThat(rule().dnsName(dns).build().matches(ACME)).isEqualTo(matches);
    }

    @Test
    void aDnsWildcardCoversExactlyOneLabel() {
        AllowRule wildcard = rule().dnsName("*.partner.example").build();

        assertThat(wildcard.matches(identity(client().commonName("x").addDnsName("a.b.partner.example")))).isFalse();
        assertThat(wildcard.matches(identity(client().commonName("x").addDnsName("partner.example")))).isFalse();
        assertThat(wildcard.matches(identity(client().commonName("x").addDnsName("apartner.example")))).isFalse();
        assertThat(wildcard.matches(identity(client().commonName("x").addDnsName("*.partner.example")))).isTrue();
        assertThat(rule().dnsName("x.partner.example").build()
                .matches(identity(client().commonName("x").addDnsName("*.partner.example")))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "spiffe://example.org/ns/prod/sa/acme, spiffe://example.org/ns/prod/sa/acme, true",
            "spiffe://example.org/ns/prod/sa/acme, spiffe://example.org/ns/prod/sa/acme2, false",
            "spiffe://example.org/*, spiffe://example.org/ns/prod/sa/acme, true",
            "spiffe://example.org/ns/prod/*, spiffe://example.org/ns/prod/sa/acme, true",
            "spiffe://example.org/ns/dev/*, spiffe://example.org/ns/prod/sa/acme, false",
            "spiffe://example.org/*, spiffe://example.org.evil/ns/prod/sa/acme, false",
            "spiffe://example.org/*, spiffe://example.organization/x, false",
            "spiffe://example.org/*, spiffe://example.org, false",
            "spiffe://example.org/*, spiffe://example.org/, false",
            "spiffe://example.org/*, spiffe://evil.example/example.org/x, false",
            "spiffe://example.org/*, spiffe://example.org@evil.example/x, false"})
    void urisMatchExactlyOrBelowATrailingWildcard(String pattern, String uri, boolean matches) {
        PeerIdentity identity = identity(client().commonName("x").addUri(uri));

        assertThat(rule().uri(pattern).build().matches(identity)).isEqualTo(matches);
    }

    @Test
    void emailMatchesTheLocalPartExactlyAndTheDomainInAnyCase() {
        assertThat(rule().email("Ops@acme.example").build().matches(ACME)).isTrue();
        assertThat(rule().email("ops@acme.example").build().matches(ACME)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "10.1.2.3, true",
            "10.1.2.4, false",
            "10.0.0.0/8, true",
            "10.1.2.0/24, true",
            "10.2.0.0/16, false",
            "0.0.0.0/0, true",
            "fd00::7, true",
            "FD00:0:0:0:0:0:0:7, true",
            "fd00::/8, true",
            "fe80::/10, false"})
    void ipAddressesMatchAnAddressOrCidrRange(String range, boolean matches) {
        assertThat(rule().ipAddress(range).build().matches(ACME)).isEqualTo(matches);
    }

    @Test
    void ipRangesAreKeptInCanonicalText() {
        assertThat(rule().ipAddress("FD00:0:0:0:0:0:0:0/8").build().ipAddress()).isEqualTo("fd00::/8");
        assertThat(rule().ipAddress("10.1.2.3").build().ipAddress()).isEqualTo("10.1.2.3");
    }

    @Test
    void issuerIsComparedAsANameNotAsText() {
        assertThat(rule().issuer("CN=Partner CA,O=Partner").build().matches(ACME)).isTrue();
        assertThat(rule().issuer("cn=partner  ca, o=PARTNER").build().matches(ACME)).isTrue();
        assertThat(rule().issuer("O=Partner,CN=Partner CA").build().matches(ACME)).isTrue();
        assertThat(rule().issuer("CN=Partner CA").build().matches(ACME)).isFalse();
        assertThat(rule().issuer("CN=Other CA,O=Other").build().matches(ACME)).isFalse();
        assertThat(rule().issuer("CN=Other CA,O=Other").build()
                .matches(identity(client().commonName("acme").signedBy(OTHER_CA)))).isTrue();
    }

    @Test
    void sha256FingerprintsMatchInAnyCaseWithOrWithoutColons() {
        String hex = ACME.sha256Fingerprint();
        StringBuilder colons = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            colons.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }

        assertThat(rule().sha256Fingerprint(hex).build().matches(ACME)).isTrue();
        assertThat(rule().sha256Fingerprint(colons.toString().toUpperCase(Locale.ROOT)).build().matches(ACME)).isTrue();
        assertThat(rule().sha256Fingerprint(colons.toString()).build().sha256Fingerprint()).isEqualTo(hex);
        assertThat(rule().sha256Fingerprint("0".repeat(64)).build().matches(ACME)).isFalse();
    }

    @Test
    void spkiPinsMatchWithOrWithoutTheSha256Prefix() {
        assertThat(rule().spkiPin(ACME.spkiPin()).build().matches(ACME)).isTrue();
        assertThat(rule().spkiPin("sha256/" + ACME.spkiPin()).build().matches(ACME)).isTrue();
        assertThat(rule().spkiPin("sha256/" + ACME.spkiPin()).build().spkiPin()).isEqualTo(ACME.spkiPin());
        assertThat(rule().spkiPin("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").build().matches(ACME)).isFalse();
    }

    @Test
    void everyConditionThatIsSetMustHold() {
        assertThat(rule().commonName("acme").issuer("CN=Partner CA,O=Partner").build().matches(ACME)).isTrue();
        assertThat(rule().commonName("acme").issuer("CN=Other CA,O=Other").build().matches(ACME)).isFalse();
        assertThat(rule().commonName("acme").dnsName("other.example").build().matches(ACME)).isFalse();
    }

    @Test
    void describesItsConditionsInKeyOrder() {
        AllowRule rule = rule().issuer("CN=Partner CA,O=Partner").uri("spiffe://example.org/*").build();

        assertThat(rule.describe()).isEqualTo("uri=spiffe://example.org/* and issuer=CN=Partner CA,O=Partner");
        assertThat(rule).hasToString("AllowRule[uri=spiffe://example.org/* and issuer=CN=Partner CA,O=Partner]");
    }

    @Test
    void behindAPublicCaOnlyPinsOrASubjectAltNameWithItsIssuerSingleOutAPartner() {
        String issuer = "CN=R10,O=Let's Encrypt,C=US";
        assertThat(rule().dnsName("partner.example").issuer(issuer).build().singlesOutPartner()).isTrue();
        assertThat(rule().uri("spiffe://partner.example/*").issuer(issuer).build().singlesOutPartner()).isTrue();
        assertThat(rule().email("ops@partner.example").issuer(issuer).build().singlesOutPartner()).isTrue();
        assertThat(rule().spkiPin(ACME.spkiPin()).build().singlesOutPartner()).isTrue();
        assertThat(rule().sha256Fingerprint(ACME.sha256Fingerprint()).build().singlesOutPartner()).isTrue();

        assertThat(rule().dnsName("partner.example").build().singlesOutPartner()).as("any CA under the root").isFalse();
        assertThat(rule().commonName("partner.example").issuer(issuer).build().singlesOutPartner())
                .as("a CN is not what a public CA vouches for").isFalse();
        assertThat(rule().issuer(issuer).organization("Partner").build().singlesOutPartner()).isFalse();
        assertThat(rule().ipAddress("192.0.2.7").issuer(issuer).build().singlesOutPartner()).isFalse();
    }

    @Test
    void refusesARuleWithoutConditions() {
        assertThatThrownBy(() -> rule().build()).isInstanceOf(IllegalArgumentException.class).hasMessage(
                "an allow rule needs at least one condition (one of cn, ou, o, dns, uri, email, ip, issuer, sha256, "
                        + "spki): a rule without conditions would let every client in; to allow any verified client, "
                        + "give the route no allow rules");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DNS    | *.com             | dns: \"*.com\" is a wildcard over a whole top-level domain: name the domain, e.g. *.partner.example",
            "DNS    | a*.example.org    | dns: \"a*.example.org\" has a wildcard that is not the whole first label: write *.example.org (one label) or the full name",
            "DNS    | exa mple.org      | dns: \"exa mple.org\" is not a DNS name: use letters, digits and hyphens in dot-separated labels, e.g. partner.example",
            "DNS    | 10.1.2.3          | dns: \"10.1.2.3\" is an IP address, not a DNS name: use ip: instead",
            "URI    | spiffe://example.org/a* | uri: \"spiffe://example.org/a*\" has a wildcard that is not a trailing /*: write e.g. spiffe://example.org/* for every ID in a trust domain",
            "URI    | spiffe://*.example.org/ | uri: \"spiffe://*.example.org/\" has a wildcard that is not a trailing /*: write e.g. spiffe://example.org/* for every ID in a trust domain",
            "URI    | example.org/x     | uri: \"example.org/x\" is not an absolute URI: write it with its scheme, e.g. spiffe://example.org/ns/prod/sa/api",
            "URI    | spiffe:/*         | uri: \"spiffe:/*\" has a wildcard but no authority before it: name the trust domain, e.g. spiffe://example.org/*",
            "EMAIL  | ops               | email: \"ops\" is not an e-mail address (expected e.g. ops@example.org)",
            "IP     | 10.0.0.1/8        | ip: \"10.0.0.1/8\" has bits set after the prefix length: write 10.0.0.0/8",
            "IP     | 10.0.0.0/33       | ip: \"10.0.0.0/33\" has a prefix length other than 0 to 32 (expected e.g. 10.0.0.0/8)",
            "IP     | fd00::1/129       | ip: \"fd00::1/129\" has a prefix length other than 0 to 128 (expected e.g. fd00::/8)",
            "IP     | localhost         | ip: \"localhost\" is not an IP address or CIDR range (expected e.g. 10.1.2.3, 10.0.0.0/8 or fd00::/8)",
            "IP     | fe80::1%eth0      | ip: \"fe80::1%eth0\" is not an IP address or CIDR range (expected e.g. 10.1.2.3, 10.0.0.0/8 or fd00::/8)",
            "ISSUER | Partner CA        | issuer: \"Partner CA\" is not a distinguished name: write it as RFC 2253, e.g. CN=Partner CA,O=Partner (mtls inspect shows a certificate's issuer)",
            "SHA256 | ab:cd             | sha256: \"ab:cd\" is not a SHA-256 fingerprint: expected 64 hex digits, colons allowed (mtls inspect prints it as SHA-256)",
            "SPKI   | c2hvcnQ=          | spki: \"c2hvcnQ=\" is not an SPKI pin: expected the base64 SHA-256 of the public key, 44 characters (mtls inspect prints it as SPKI pin)",
            "CN     | ' '               | cn: is empty (expected: a common name, e.g. acme)"})
    void refusesInvalidValuesWithAMessageThatSaysWhatIsExpected(AllowRule.Condition condition, String value,
                                                               String message) {
        assertThatThrownBy(() -> rule().set(condition, value).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    private static AllowRule.Builder rule() {
        return AllowRule.builder();
    }
}
