package dev.mtlskit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrTest {

    @TempDir
    Path dir;

    private final DevCa ca = new DevCa(HeldCertificate.builder().commonName("Test Root CA").certificateAuthority(0).build(),
            Clock.systemUTC());

    @Test
    void roundTripsThroughPemWithItsNames() {
        KeyPair keyPair = KeyType.EC_P256.generate();
        SubjectAltNames names = SubjectAltNames.builder().addDnsName("api.example.com").addIpAddress("10.0.0.5")
                .addUri("spiffe://example.org/api").addEmail("ops@example.com").build();
        Csr created = Csr.create("api.example.com", names, keyPair);

        Csr parsed = Csr.parse(created.pem().getBytes(StandardCharsets.US_ASCII), "api.csr");

        assertThat(created.pem()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(parsed.subject()).hasToString("CN=api.example.com");
        assertThat(parsed.publicKey()).isEqualTo(keyPair.getPublic());
        assertThat(parsed.names()).isEqualTo(names);
    }

    @Test
    void readsDerToo() throws Exception {
        Csr created = Csr.create("acme", SubjectAltNames.none(), KeyType.RSA_2048.generate());
        Path file = dir.resolve("acme.der");
        Files.write(file, created.request().getEncoded());

        assertThat(Csr.read(file).subject()).hasToString("CN=acme");
    }

    @Test
    void refusesACsrWhoseSignatureDoesNotVerify() throws Exception {
        KeyPair signer = KeyType.EC_P256.generate();
        KeyPair other = KeyType.EC_P256.generate();
        // Claims one key, signed with another: the requester does not hold the key it wants certified.
        PKCS10CertificationRequest forged = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=forged"), other.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));

        assertThatThrownBy(() -> Csr.parse(forged.getEncoded(), "forged.csr"))
                .isInstanceOf(PkiException.class)
                .hasMessageStartingWith("forged.csr has an invalid signature");
    }

    @Test
    void refusesFilesThatAreNoCsr() throws Exception {
        Path certificate = dir.resolve("ca.crt");
        Files.writeString(certificate, dev.mtlskit.material.PemWriter.certificates(List.of(ca.root())));

        assertThatThrownBy(() -> Csr.read(certificate)).hasMessageContaining("holds no certificate signing request");
        assertThatThrownBy(() -> Csr.parse("hello".getBytes(StandardCharsets.US_ASCII), "hello.txt"))
                .hasMessageStartingWith("hello.txt is not a certificate signing request");
        assertThatThrownBy(() -> Csr.read(dir.resolve("missing.csr"))).hasMessageContaining("missing.csr does not exist");
    }

    @Test
    void signingCopiesSubjectAndNamesButNeverCaRights() throws Exception {
        KeyPair keyPair = KeyType.EC_P256.generate();
        Extensions greedy = new Extensions(new Extension[] {
                new Extension(Extension.basicConstraints, true, new BasicConstraints(true).getEncoded()),
                new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign).getEncoded()),
                new Extension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "svc.example.com"),
                        new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] {10, 0, 0, 7}))}).getEncoded())});
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("O=Acme,CN=svc.example.com"), keyPair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, greedy)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));

        X509Certificate certificate = ca.sign(Csr.parse(request.getEncoded(), "svc.csr"), Purpose.SERVER, Optional.empty());

        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=svc.example.com,O=Acme");
        assertThat(PkiTestSupport.sanValues(certificate))
                .containsExactly("svc.example.com", "10.0.0.7");
        assertThat(certificate.getPublicKey()).isEqualTo(keyPair.getPublic());
        certificate.verify(ca.issuer().certificate().getPublicKey());
    }

    @Test
    void signingRefusesAWeakKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        Csr csr = Csr.create("old", SubjectAltNames.none(), generator.generateKeyPair());

        assertThatThrownBy(() -> ca.sign(csr, Purpose.CLIENT, Optional.empty()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("RSA 1024 (below 2048 bits)");
    }

    @Test
    void aServerCsrWithOnlyAHostNameAsCnIsCertifiedForThatName() throws Exception {
        Csr csr = Csr.create("legacy.example.com", SubjectAltNames.none(), KeyType.EC_P256.generate());

        X509Certificate certificate = ca.sign(csr, Purpose.SERVER, Optional.empty());

        assertThat(PkiTestSupport.sanValues(certificate))
                .containsExactly("legacy.example.com");
    }

    @Test
    void aServerCsrWithoutAnyHostNameIsRefused() throws Exception {
        Csr csr = Csr.create("acme", SubjectAltNames.none(), KeyType.EC_P256.generate());

        assertThatThrownBy(() -> ca.sign(csr, Purpose.SERVER, Optional.empty()))
                .hasMessageContaining("no DNS name or IP address")
                .hasMessageContaining("--dns");
        assertThat(ca.sign(csr, Purpose.CLIENT, Optional.empty()).getSubjectAlternativeNames()).isNull();
    }

    @Test
    void aCsrAskingForOtherKindsOfNamesIsRefused() throws Exception {
        KeyPair keyPair = KeyType.EC_P256.generate();
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), keyPair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new Extensions(new Extension(
                        Extension.subjectAlternativeName, false, new GeneralNames(
                        new GeneralName(new X500Name("CN=dir"))).getEncoded())))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));

        assertThatThrownBy(() -> Csr.parse(request.getEncoded(), "x.csr"))
                .hasMessage("x.csr: it asks for a directoryName subject alternative name, which mtls pki does not "
                        + "issue: use DNS, IP, URI or e-mail names only");
    }

    @Test
    void aCsrWithAnInvalidNameIsRefusedWithTheName() throws Exception {
        KeyPair keyPair = KeyType.EC_P256.generate();
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), keyPair.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new Extensions(new Extension(
                        Extension.subjectAlternativeName, false, new GeneralNames(
                        new GeneralName(GeneralName.dNSName, "a.*.example.com")).getEncoded())))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));

        assertThatThrownBy(() -> Csr.parse(request.getEncoded(), "x.csr"))
                .hasMessageStartingWith("x.csr: DNS name 'a.*.example.com' has a wildcard in the wrong place");
    }
}
