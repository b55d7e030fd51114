package dev.mtlskit.policy;

import static dev.mtlskit.policy.Certificates.NOT_AFTER;
import static dev.mtlskit.policy.Certificates.NOT_BEFORE;
import static dev.mtlskit.policy.Certificates.PARTNER_CA;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.testing.TestPki;

class PublicRootsTest {

    /** A real root of the JDK's trust store: ISRG Root X1 where present, else the first with a CN. */
    private static final X509Certificate PUBLIC_ROOT = TestPki.publicRoot();
    private static final String ROOT_NAME = "CN=" + TestPki.commonName(PUBLIC_ROOT);

    private static final AllowRule PARTNER = AllowRule.builder().dnsName("partner.example")
            .issuer("CN=R10,O=Let's Encrypt,C=US").build();
    private static final AllowRule ISSUER_ONLY = AllowRule.builder().issuer("CN=R10,O=Let's Encrypt,C=US").build();
    private static final AllowRule PINNED = AllowRule.builder()
            .spkiPin("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").build();

    @Test
    void aRootOfTheJdkTrustStoreIsPublic() {
        assertThat(PublicRoots.isPublicRoot(PUBLIC_ROOT)).isTrue();
    }

    @Test
    void aPrivateCaIsNotPublicNorIsACopyOfAPublicRootsNameWithAnotherKey() {
        HeldCertificate impostor = HeldCertificate.builder()
                .subject(X500Name.getInstance(PUBLIC_ROOT.getSubjectX500Principal().getEncoded()))
                .certificateAuthority(1).validity(NOT_BEFORE, NOT_AFTER).build();

        assertThat(PublicRoots.isPublicRoot(PARTNER_CA.certificate())).isFalse();
        assertThat(PublicRoots.isPublicRoot(impostor.certificate())).isFalse();
    }

    @Test
    void aRouteWithoutAllowRulesBehindAPublicRootIsExposed() {
        Policy policy = new Policy(List.of(Route.of("/api/", "api", List.of())));

        List<PublicRoots.Exposure> exposures = PublicRoots.exposures(
                List.of(bundle("partners.pem", PARTNER_CA.certificate(), PUBLIC_ROOT)), policy);

        assertThat(exposures).extracting(PublicRoots.Exposure::gap).containsExactly(PublicRoots.Gap.NO_ALLOW_RULE);
        assertThat(exposures.get(0).rule()).isNull();
        assertThat(exposures.get(0).problem()).isEqualTo("client CA bundle partners.pem holds the public root "
                + ROOT_NAME + ": route /api/ has no allow rule, so any certificate this public CA ever issued can call it");
    }

    @Test
    void everyRuleThatDoesNotSingleOutAPartnerIsExposedWithWhatItLacks() {
        AllowRule dnsOnly = AllowRule.builder().dnsName("partner.example").build();
        AllowRule cnAndIssuer = AllowRule.builder().commonName("partner").issuer("CN=R10,O=Let's Encrypt,C=US").build();
        Policy policy = new Policy(List.of(Route.of("/api/", "api", List.of(PARTNER, dnsOnly, ISSUER_ONLY, cnAndIssuer,
                PINNED))));

        List<PublicRoots.Exposure> exposures = PublicRoots.exposures(List.of(bundle("/etc/mtls/partners.pem",
                PUBLIC_ROOT)), policy);

        assertThat(exposures).extracting(PublicRoots.Exposure::rule).containsExactly(dnsOnly, ISSUER_ONLY, cnAndIssuer);
        assertThat(exposures).extracting(PublicRoots.Exposure::gap).containsExactly(PublicRoots.Gap.NO_ISSUER,
                PublicRoots.Gap.NO_PARTNER_NAME, PublicRoots.Gap.NO_PARTNER_NAME);
        assertThat(exposures.get(0).problem()).isEqualTo("client CA bundle partners.pem holds the public root "
                + ROOT_NAME + ": route /api/ has the allow rule dns=partner.example, which names no issuer, so a "
                + "certificate for that name from any CA under this public root can call it");
        assertThat(exposures.get(1).problem()).isEqualTo("client CA bundle partners.pem holds the public root "
                + ROOT_NAME + ": route /api/ has the allow rule issuer=CN=R10,O=Let's Encrypt,C=US, which neither pins "
                + "a certificate (sha256, spki) nor requires a subjectAltName (dns, uri, email) with its issuer, so "
                + "certificates this public CA issued to others can match it");
    }

    @Test
    void publicRootsInSeveralBundlesAreNamedTogetherOncePerRoute() {
        Policy policy = new Policy(List.of(Route.of("/", "api", List.of())));

        List<PublicRoots.Exposure> exposures = PublicRoots.exposures(List.of(bundle("clients.pem",
                PARTNER_CA.certificate()), bundle("a.pem", PUBLIC_ROOT), bundle("b.pem", PUBLIC_ROOT)), policy);

        assertThat(exposures).hasSize(1);
        assertThat(exposures.get(0).trusted()).isEqualTo("client CA bundles a.pem, b.pem hold the public root "
                + ROOT_NAME);
    }

    @Test
    void nothingIsExposedWhenEveryRuleSinglesOutItsPartnerOrTheRouteIsAnonymousAnyway() {
        Policy policy = new Policy(List.of(Route.of("/api/", "api", List.of(PARTNER, PINNED)),
                new Route("/public/", Set.of(), "web", List.of(), true)));

        assertThat(PublicRoots.exposures(List.of(bundle("partners.pem", PUBLIC_ROOT)), policy)).isEmpty();
    }

    @Test
    void privateCasKeepEveryRule() {
        Policy policy = new Policy(List.of(Route.of("/", "api", List.of()),
                Route.of("/api/", "api", List.of(AllowRule.builder().commonName("acme").build(), ISSUER_ONLY))));

        assertThat(PublicRoots.exposures(List.of(bundle("clients.pem", PARTNER_CA.certificate())), policy)).isEmpty();
    }

    private static CertificateBundle bundle(String file, X509Certificate... certificates) {
        return new CertificateBundle(Path.of(file), Arrays.asList(certificates), Arrays.asList(certificates));
    }

}
