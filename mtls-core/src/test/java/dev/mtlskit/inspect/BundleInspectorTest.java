package dev.mtlskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

class BundleInspectorTest {

    private final BundleInspector inspector = new BundleInspector(Clock.systemUTC());
    private final HeldCertificate root = HeldCertificate.builder().commonName("Root").certificateAuthority(1).build();
    private final HeldCertificate intermediate = HeldCertificate.builder().commonName("Issuing CA").certificateAuthority(0)
            .signedBy(root).build();
    private final HeldCertificate leaf = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
            .signedBy(intermediate).build();

    @Test
    void checksThatEachCertificateIsSignedByTheNext() {
        List<X509Certificate> chain = List.of(leaf.certificate(), intermediate.certificate(), root.certificate());

        BundleReport report = inspector.inspect(new CertificateBundle(Path.of("chain.pem"), chain, chain), "chain.pem");

        assertThat(report.source()).isEqualTo("chain.pem");
        assertThat(report.certificates()).extracting(CertificateReport::role).containsExactly(
                CertificateRole.LEAF, CertificateRole.INTERMEDIATE_CA, CertificateRole.ROOT_CA);
        assertThat(report.links()).containsExactly(new IssuerLink(1, true, true), new IssuerLink(2, true, true));
        assertThat(report.isChain()).isTrue();
        assertThat(report.reordered()).isFalse();
    }

    @Test
    void saysWhenTheFileWasOutOfOrder() {
        List<X509Certificate> ordered = List.of(leaf.certificate(), intermediate.certificate());
        List<X509Certificate> asWritten = List.of(intermediate.certificate(), leaf.certificate());

        BundleReport report = inspector.inspect(new CertificateBundle(null, ordered, asWritten), "stdin");

        assertThat(report.reordered()).isTrue();
        assertThat(report.certificates().get(0).subject()).isEqualTo("CN=acme");
    }

    @Test
    void aSameNamedImpostorIsCaughtByItsKey() {
        // Same DN as the real issuing CA, different key: only the signature check tells them apart.
        HeldCertificate impostor = HeldCertificate.builder().commonName("Issuing CA").certificateAuthority(0)
                .signedBy(root).build();
        List<X509Certificate> chain = List.of(leaf.certificate(), impostor.certificate());

        BundleReport report = inspector.inspect(new CertificateBundle(null, chain, chain), "stdin");

        assertThat(report.links()).containsExactly(new IssuerLink(1, true, false));
        assertThat(report.links().get(0).signedByNext()).isFalse();
        assertThat(report.isChain()).isFalse();
    }
}
