package dev.mtlskit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectAltNamesTest {

    @Test
    void collectsEveryKindOfNameAndDropsDuplicates() {
        SubjectAltNames names = SubjectAltNames.builder()
                .addDnsName("API.Example.com")
                .addDnsName("api.example.com")
                .addIpAddress("127.0.0.1")
                .addIpAddress("::1")
                .addUri("spiffe://example.org/ns/prod/sa/api")
                .addEmail("ops@example.com")
                .build();

        assertThat(names.dnsNames()).containsExactly("api.example.com");
        assertThat(names.ipAddresses()).containsExactly("127.0.0.1", "::1");
        assertThat(names.uris()).containsExactly("spiffe://example.org/ns/prod/sa/api");
        assertThat(names.emails()).containsExactly("ops@example.com");
        assertThat(names).hasToString("DNS:api.example.com, IP:127.0.0.1, IP:::1, "
                + "URI:spiffe://example.org/ns/prod/sa/api, email:ops@example.com");
    }

    @Test
    void convertsInternationalNamesToPunycode() {
        assertThat(SubjectAltNames.builder().addDnsName("bücher.example").build().dnsNames())
                .containsExactly("xn--bcher-kva.example");
    }

    @Test
    void acceptsAWildcardAsTheWholeFirstLabel() {
        assertThat(SubjectAltNames.builder().addDnsName("*.example.com").build().dnsNames())
                .containsExactly("*.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.*.example.com", "a*.example.com", "*example.com", "*.*.example.com"})
    void refusesAWildcardInTheWrongPlace(String name) {
        assertThatThrownBy(() -> SubjectAltNames.builder().addDnsName(name))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("wildcard in the wrong place");
    }

    @Test
    void refusesAWildcardForATopLevelDomain() {
        assertThatThrownBy(() -> SubjectAltNames.builder().addDnsName("*.com"))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("*.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-api.example.com", "api-.example.com", "api..example.com", "api example.com",
            "api.example.com."})
    void refusesInvalidDnsNames(String name) {
        assertThatThrownBy(() -> SubjectAltNames.builder().addDnsName(name)).isInstanceOf(PkiException.class);
    }

    @Test
    void pointsToIpForAnAddressGivenAsDnsName() {
        assertThatThrownBy(() -> SubjectAltNames.builder().addDnsName("10.0.0.1"))
                .hasMessageContaining("pass it with --ip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "localhost", "fe80::1%eth0", "::g", "1.2.3.4.5"})
    void refusesInvalidIpAddressesWithoutResolvingThem(String address) {
        assertThatThrownBy(() -> SubjectAltNames.builder().addIpAddress(address))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("'" + address + "' is not an IPv4 or IPv6 literal");
    }

    @Test
    void addHostTellsAddressesFromNames() {
        SubjectAltNames names = SubjectAltNames.builder().addHost("10.1.2.3").addHost("api").build();
        assertThat(names.ipAddresses()).containsExactly("10.1.2.3");
        assertThat(names.dnsNames()).containsExactly("api");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-scheme/path", "http://exa mple.com/", "spiffe://Example.org/x", "spiffe://example.org/a//b",
            "spiffe://example.org/../x", "spiffe://example.org:8080/x", "spiffe://example.org/x?q=1", "SPIFFE://example.org/x"})
    void refusesInvalidUrisAndSpiffeIds(String uri) {
        assertThatThrownBy(() -> SubjectAltNames.builder().addUri(uri)).isInstanceOf(PkiException.class)
                .hasMessageContaining(uri);
    }

    @Test
    void acceptsOtherAbsoluteUris() {
        assertThat(SubjectAltNames.builder().addUri("urn:example:service:api").addUri("https://example.org/id").build().uris())
                .containsExactly("urn:example:service:api", "https://example.org/id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops", "@example.com", "ops@", "o ps@example.com", "ops@exa mple.com", "ops@*.example.com"})
    void refusesInvalidEmails(String email) {
        assertThatThrownBy(() -> SubjectAltNames.builder().addEmail(email)).isInstanceOf(PkiException.class);
    }

    @Test
    void withHostPutsTheHostFirstOnce() {
        SubjectAltNames names = SubjectAltNames.builder().addDnsName("b.example.com").addDnsName("a.example.com").build();
        assertThat(names.withHost("a.example.com").dnsNames()).containsExactly("a.example.com", "b.example.com");
        assertThat(names.withHost("::1").ipAddresses()).containsExactly("::1");
    }

    @Test
    void looksLikeHostNameOnlyForQualifiedNamesAddressesAndLocalhost() {
        assertThat(SubjectAltNames.looksLikeHostName("api.example.com")).isTrue();
        assertThat(SubjectAltNames.looksLikeHostName("localhost")).isTrue();
        assertThat(SubjectAltNames.looksLikeHostName("192.168.1.1")).isTrue();
        assertThat(SubjectAltNames.looksLikeHostName("acme")).isFalse();
        assertThat(SubjectAltNames.looksLikeHostName("Acme Corp.")).isFalse();
    }
}
