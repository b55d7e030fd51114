package dev.mtlskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.reason.Reason;

class CertificateInspectorTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final CertificateInspector inspector = new CertificateInspector(Clock.fixed(NOW, ZoneOffset.UTC));
    private final HeldCertificate root = HeldCertificate.builder().organization("Acme").commonName("Test Root CA")
            .certificateAuthority(1).validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(3650))).build();

    @Test
    void reportsTheFactsOfAClientCertificate() throws Exception {
        HeldCertificate leaf = HeldCertificate.builder().organization("Acme Corp").commonName("acme")
                .purpose(Purpose.CLIENT)
                .serialNumber(new BigInteger("0a1b2c", 16))
                .addDnsName("acme.example.com").addIpAddress("2001:db8::1").addIpAddress("10.0.0.1")
                .addUri("spiffe://example.org/acme").addEmail("ops@acme.example")
                .ocspUrl("http://ocsp.example.com").caIssuersUrl("http://ca.example.com/ca.crt")
                .addCrlDistributionPoint("http://crl.example.com/ca.crl")
                .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)))
                .signedBy(root).build();
        X509Certificate certificate = leaf.certificate();

        CertificateReport report = inspector.inspect(certificate);

        assertThat(report.subject()).isEqualTo("CN=acme,O=Acme Corp");
        assertThat(report.issuer()).isEqualTo("CN=Test Root CA,O=Acme");
        assertThat(report.serial()).isEqualTo("0A1B2C");
        assertThat(report.role()).isEqualTo(CertificateRole.LEAF);
        assertThat(report.validity().summary()).isEqualTo("90 days left");
        assertThat(report.key()).isEqualTo(new KeyFacts("EC P-256", "EC", 256));
        assertThat(report.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(report.subjectAltNames()).extracting(Object::toString).containsExactly("DNS:acme.example.com",
                "IP:2001:db8::1", "IP:10.0.0.1", "URI:spiffe://example.org/acme", "email:ops@acme.example");
        assertThat(report.keyUsage()).containsExactly("digitalSignature");
        assertThat(report.extendedKeyUsage()).containsExactly("clientAuth");
        assertThat(report.basicConstraints()).isEqualTo(new CaConstraints(true, false, null));
        assertThat(report.selfSigned()).isFalse();
        assertThat(report.ocspUrls()).containsExactly("http://ocsp.example.com");
        assertThat(report.caIssuersUrls()).containsExactly("http://ca.example.com/ca.crt");
        assertThat(report.crlUrls()).containsExactly("http://crl.example.com/ca.crl");
        assertThat(report.findings()).isEmpty();

        byte[] fingerprint = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        assertThat(report.sha256Fingerprint()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint));
        assertThat(report.spkiPin()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded())));
    }

    @Test
    void tellsRootsFromIntermediates() {
        HeldCertificate intermediate = HeldCertificate.builder().commonName("Issuing CA").certificateAuthority(0)
                .signedBy(root).build();

        CertificateReport rootReport = inspector.inspect(root.certificate());
        CertificateReport intermediateReport = inspector.inspect(intermediate.certificate());

        assertThat(rootReport.role()).isEqualTo(CertificateRole.ROOT_CA);
        assertThat(rootReport.selfSigned()).isTrue();
        assertThat(rootReport.basicConstraints()).isEqualTo(new CaConstraints(true, true, 1));
        assertThat(rootReport.keyUsage()).containsExactly("keyCertSign", "cRLSign");
        assertThat(rootReport.extendedKeyUsage()).isEmpty();
        assertThat(intermediateReport.role()).isEqualTo(CertificateRole.INTERMEDIATE_CA);
        assertThat(intermediateReport.basicConstraints().pathLength()).isZero();
    }

    @Test
    void flagsACertificateWithoutClientAuth() {
        HeldCertificate serverOnly = HeldCertificate.builder().commonName("api.example.com").purpose(Purpose.SERVER)
                .addDnsName("api.example.com").signedBy(root).build();

        assertThat(inspector.inspect(serverOnly.certificate()).findings()).containsExactly(new Finding(Reason.WRONG_PURPOSE,
                "no clientAuth: servers that check the purpose will reject it as a client certificate "
                        + "(public CAs stopped issuing clientAuth in 2026)"));
    }

    @Test
    void doesNotFlagCasOrCertificatesWithoutExtendedKeyUsage() {
        HeldCertificate anyPurpose = HeldCertificate.builder().commonName("legacy").signedBy(root).build();

        assertThat(inspector.inspect(root.certificate()).findings()).isEmpty();
        assertThat(inspector.inspect(anyPurpose.certificate()).findings()).isEmpty();
    }

    @Test
    void flagsWeakKeysWeakSignaturesAndServersWithoutNames() {
        HeldCertificate weakRoot = HeldCertificate.builder().commonName("Old CA").keyType(KeyType.RSA_2048)
                .certificateAuthority(0).build();
        HeldCertificate sha1 = HeldCertificate.builder().commonName("old.example.com").purpose(Purpose.DUAL)
                .signatureAlgorithm("SHA1withRSA").signedBy(weakRoot).build();

        List<Finding> findings = inspector.inspect(sha1.certificate()).findings();

        assertThat(findings).extracting(Finding::reason)
                .containsExactly(Reason.WEAK_SIGNATURE_ALGORITHM, Reason.NAME_MISMATCH);
    }

    @Test
    void reportsExpiryAndOtherPurposesByName() {
        HeldCertificate expired = HeldCertificate.builder().commonName("old")
                .extendedKeyUsage(List.of(KeyPurposeId.id_kp_codeSigning, KeyPurposeId.id_kp_clientAuth))
                .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(6)).minus(Duration.ofHours(3)))
                .signedBy(root).build();

        CertificateReport report = inspector.inspect(expired.certificate());

        assertThat(report.validity().status()).isEqualTo(ValidityStatus.EXPIRED);
        assertThat(report.validity().summary()).isEqualTo("EXPIRED 6 days ago");
        assertThat(report.extendedKeyUsage()).containsExactly("codeSigning", "clientAuth");
    }

    @Test
    void writesIpv6AddressesShort() {
        assertThat(dev.mtlskit.names.IpAddresses.format(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}))
                .isEqualTo("::1");
        assertThat(dev.mtlskit.names.IpAddresses.format(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0})).isEqualTo("fe80::");
        assertThat(dev.mtlskit.names.IpAddresses.format(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1,
                0, 0, 0, 0, 0, 0, 0, 1})).isEqualTo("2001:db8:0:1::1");
        assertThat(dev.mtlskit.names.IpAddresses.format(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 1, 0, 0,
                0, 1, 0, 1, 0, 1, 0, 1})).isEqualTo("2001:db8:1:0:1:1:1:1");
    }
}
