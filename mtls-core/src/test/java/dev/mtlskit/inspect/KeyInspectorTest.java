package dev.mtlskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mtlskit.inspect.KeyInspector.BundleCertificates;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;

class KeyInspectorTest {

    private final HeldCertificate root = HeldCertificate.builder().commonName("Root").certificateAuthority(0).build();
    private final HeldCertificate client = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
            .keyType(KeyType.RSA_2048).signedBy(root).build();

    @Test
    void findsTheCertificateAKeyBelongsTo() {
        List<BundleCertificates> given = List.of(
                new BundleCertificates("ca.crt", List.of(root.certificate())),
                new BundleCertificates("client-chain.crt", List.of(client.certificate(), root.certificate())));

        KeyReport report = KeyInspector.inspect(client.keyPair().getPrivate(), "client.key", given);

        assertThat(report.key()).isEqualTo(new KeyFacts("RSA 2048", "RSA", 2048));
        assertThat(report.certificatesCompared()).isEqualTo(3);
        assertThat(report.matches()).containsExactly(new KeyMatch("client-chain.crt", 1, "CN=acme"));
    }

    @Test
    void reportsNoMatch() {
        KeyReport report = KeyInspector.inspect(KeyType.EC_P256.generate().getPrivate(), "other.key",
                List.of(new BundleCertificates("client.crt", List.of(client.certificate()))));

        assertThat(report.matches()).isEmpty();
        assertThat(report.certificatesCompared()).isEqualTo(1);
        assertThat(report.key().type()).isEqualTo("EC P-256");
    }
}
