package dev.mtlskit.policy;

import static dev.mtlskit.policy.Certificates.NOT_AFTER;
import static dev.mtlskit.policy.Certificates.NOT_BEFORE;
import static dev.mtlskit.policy.Certificates.PARTNER_CA;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.pki.HeldCertificate;

class PublicRootsTest {

    /** A real root of the JDK's trust store: ISRG Root X1 where present, else the first with a CN. */
    private static final X509Certificate PUBLIC_ROOT = publicRoot();
    private static final String ROOT_NAME = "CN=" + commonName(PUBLIC_ROOT);

    private static final AllowRule PARTNER = AllowRule.builder().dnsName("partner.example")
            .issuer("CN=R10,O=Let's Encrypt,C=US").build();
    private static final AllowRule ISSUER_ONLY = AllowRule.builder().issuer("CN=R10,O=Let's Encrypt,C=US").build();

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
    void warnsAboutARouteWithoutAllowRulesBehindAPublicRoot() {
        Policy policy = new Policy(List.of(Route.of("/api/", "api", List.of())));

        assertThat(PublicRoots.warnings(List.of(bundle("partners.pem", PARTNER_CA.certificate(), PUBLIC_ROOT)), policy))
                .containsExactly("client CA bundle partners.pem holds the public root " + ROOT_NAME + ": route /api/ "
                        + "has no allow rule, so any certificate this public CA ever issued can call it; add allow "
                        + "rules that name the clients (e.g. dns: partner.example and issuer: the DN of the CA that "
                        + "issued its certificate)");
    }

    @Test
    void warnsAboutEveryRuleThatNamesNoClient() {
        Policy policy = new Policy(List.of(Route.of("/api/", "api", List.of(PARTNER, ISSUER_ONLY))));

        assertThat(PublicRoots.warnings(List.of(bundle("/etc/mtls/partners.pem", PUBLIC_ROOT)), policy))
                .containsExactly("client CA bundle partners.pem holds the public root " + ROOT_NAME + ": route /api/ "
                        + "has an allow rule that names no client (issuer=CN=R10,O=Let's Encrypt,C=US), so any "
                        + "certificate this public CA ever issued can call it; add a name, fingerprint or pin to that "
                        + "rule (e.g. dns: partner.example)");
    }

    @Test
    void noWarningWhenEveryRuleNamesItsClientsOrTheRouteIsAnonymousAnyway() {
        Policy policy = new Policy(List.of(Route.of("/api/", "api", List.of(PARTNER)),
                new Route("/public/", Set.of(), "web", List.of(), true)));

        assertThat(PublicRoots.warnings(List.of(bundle("partners.pem", PUBLIC_ROOT)), policy)).isEmpty();
    }

    @Test
    void noWarningForPrivateCas() {
        Policy policy = new Policy(List.of(Route.of("/", "api", List.of())));

        assertThat(PublicRoots.warnings(List.of(bundle("clients.pem", PARTNER_CA.certificate())), policy)).isEmpty();
    }

    private static CertificateBundle bundle(String file, X509Certificate... certificates) {
        return new CertificateBundle(Path.of(file), Arrays.asList(certificates), Arrays.asList(certificates));
    }

    private static X509Certificate publicRoot() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509TrustManager manager = (X509TrustManager) factory.getTrustManagers()[0];
            List<X509Certificate> roots = Arrays.stream(manager.getAcceptedIssuers())
                    .filter(root -> commonName(root) != null).toList();
            return roots.stream().filter(root -> "ISRG Root X1".equals(commonName(root))).findFirst()
                    .orElseGet(() -> roots.get(0));
        } catch (Exception e) {
            throw new IllegalStateException("the JDK trust store is unreadable", e);
        }
    }

    private static String commonName(X509Certificate certificate) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = rdn.getValue().toString();
                }
            }
            return cn;
        } catch (Exception e) {
            return null;
        }
    }
}
