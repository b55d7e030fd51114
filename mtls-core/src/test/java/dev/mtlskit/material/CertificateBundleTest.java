package dev.mtlskit.material;

import static dev.mtlskit.material.Tools.write;
import static dev.mtlskit.material.Tools.writeCertificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.testing.TestPki;

class CertificateBundleTest {

    private static HeldCertificate root;
    private static HeldCertificate intermediate;
    private static HeldCertificate leaf;
    private static HeldCertificate otherRoot;

    @TempDir
    Path tmp;

    @BeforeAll
    static void chain() {
        root = HeldCertificate.builder().commonName("Bundle Root CA").certificateAuthority(1).build();
        intermediate = HeldCertificate.builder().commonName("Bundle Issuing CA").certificateAuthority(0)
                .signedBy(root).build();
        leaf = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT).signedBy(intermediate).build();
        otherRoot = HeldCertificate.builder().commonName("Unrelated Root CA").certificateAuthority(-1).build();
    }

    private Path pem(String name, X509Certificate... certificates) throws Exception {
        return writeCertificates(tmp.resolve(name), certificates);
    }

    // ---- formats that load ----

    @Test
    void singlePemCertificate() throws Exception {
        Path file = pem("client.crt", leaf.certificate());
        CertificateBundle bundle = CertificateBundle.load(file, PasswordSource.none());
        assertThat(bundle.source()).isEqualTo(file);
        assertThat(bundle.certificates()).containsExactly(leaf.certificate());
        assertThat(bundle.leaf()).isEqualTo(leaf.certificate());
        assertThat(bundle.wasReordered()).isFalse();
    }

    @Test
    void chainInOrderStaysAsIs() throws Exception {
        CertificateBundle bundle = CertificateBundle.load(
                pem("chain.pem", leaf.certificate(), intermediate.certificate(), root.certificate()), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(leaf.certificate(), intermediate.certificate(), root.certificate());
        assertThat(bundle.wasReordered()).isFalse();
    }

    @Test
    void chainInWrongOrderIsReorderedLeafFirst() throws Exception {
        CertificateBundle bundle = CertificateBundle.load(
                pem("chain.pem", root.certificate(), leaf.certificate(), intermediate.certificate()), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(leaf.certificate(), intermediate.certificate(), root.certificate());
        assertThat(bundle.asWritten()).containsExactly(root.certificate(), leaf.certificate(), intermediate.certificate());
        assertThat(bundle.wasReordered()).isTrue();
    }

    @Test
    void reversedChainIsReordered() throws Exception {
        CertificateBundle bundle = CertificateBundle.load(
                pem("chain.pem", root.certificate(), intermediate.certificate(), leaf.certificate()), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(leaf.certificate(), intermediate.certificate(), root.certificate());
        assertThat(bundle.wasReordered()).isTrue();
    }

    @Test
    void unrelatedCertificatesFollowInFileOrder() throws Exception {
        CertificateBundle bundle = CertificateBundle.load(pem("bundle.pem", otherRoot.certificate(),
                root.certificate(), leaf.certificate(), intermediate.certificate()), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(leaf.certificate(), intermediate.certificate(),
                root.certificate(), otherRoot.certificate());
        assertThat(bundle.wasReordered()).isTrue();
    }

    @Test
    void bundleOfRootsKeepsItsOrder() throws Exception {
        HeldCertificate thirdRoot = HeldCertificate.builder().commonName("Third Root CA").certificateAuthority(-1).build();
        CertificateBundle bundle = CertificateBundle.load(pem("roots.pem", root.certificate(), otherRoot.certificate(),
                thirdRoot.certificate()), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(root.certificate(), otherRoot.certificate(), thirdRoot.certificate());
        assertThat(bundle.wasReordered()).isFalse();
    }

    @Test
    void leafWithoutIssuerInTheFileStillComesFirst() throws Exception {
        // Only the leaf and an unrelated CA: the CA issued nothing here either, but the leaf is not a CA.
        CertificateBundle bundle = CertificateBundle.load(pem("mixed.pem", otherRoot.certificate(), leaf.certificate()),
                PasswordSource.none());
        assertThat(bundle.leaf()).isEqualTo(leaf.certificate());
        assertThat(bundle.wasReordered()).isTrue();
    }

    @Test
    void sameNamedIssuersAreToldApartBySignature() throws Exception {
        // A re-keyed CA: two certificates with the same subject, the leaf signed by the second key.
        HeldCertificate oldCa = HeldCertificate.builder().commonName("Rekeyed CA").certificateAuthority(0).build();
        HeldCertificate newCa = HeldCertificate.builder().commonName("Rekeyed CA").certificateAuthority(0).build();
        HeldCertificate client = HeldCertificate.builder().commonName("client").signedBy(newCa).build();
        CertificateBundle bundle = CertificateBundle.load(pem("rekeyed.pem", oldCa.certificate(), newCa.certificate(),
                client.certificate()), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(client.certificate(), newCa.certificate(), oldCa.certificate());
    }

    @Test
    void duplicatesAreDroppedWithoutCountingAsReordering() throws Exception {
        CertificateBundle bundle = CertificateBundle.load(pem("dup.pem", leaf.certificate(), intermediate.certificate(),
                intermediate.certificate()), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(leaf.certificate(), intermediate.certificate());
        assertThat(bundle.wasReordered()).isFalse();
    }

    @Test
    void textAroundBlocksLikeOpensslTextOutputAndBagAttributes() throws Exception {
        String text = "Bag Attributes\n    friendlyName: acme\n    localKeyId: 01 02 03\n"
                + "subject=CN = acme\n\nissuer=CN = Bundle Issuing CA\n\n"
                + PemWriter.certificates(List.of(leaf.certificate()))
                + "Certificate:\n    Data:\n        Version: 3 (0x2)\n        Serial Number: 42 (0x2a)\n"
                + "        Signature Algorithm: ecdsa-with-SHA256\n"
                + PemWriter.certificates(List.of(intermediate.certificate())).replace("\n", "\r\n")
                + "\n   some trailing remark\n";
        CertificateBundle bundle = CertificateBundle.load(write(tmp.resolve("noisy.pem"), text), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(leaf.certificate(), intermediate.certificate());
    }

    @Test
    void pemFlattenedOntoOneLine() throws Exception {
        // As it arrives from an environment variable whose newlines became spaces.
        String flat = PemWriter.certificates(List.of(leaf.certificate(), intermediate.certificate())).replace("\n", " ");
        CertificateBundle bundle = CertificateBundle.load(write(tmp.resolve("flat.pem"), flat), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(leaf.certificate(), intermediate.certificate());
    }

    @Test
    void combinedKeyAndCertificateFileYieldsTheCertificates() throws Exception {
        String text = PemWriter.privateKey(leaf.keyPair().getPrivate()) + PemWriter.certificates(leaf.fullChain());
        CertificateBundle bundle = CertificateBundle.load(write(tmp.resolve("combined.pem"), text), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactlyElementsOf(leaf.fullChain());
    }

    @Test
    void trustedCertificateLabel() throws Exception {
        // OpenSSL's "TRUSTED CERTIFICATE": the certificate followed by trust settings.
        byte[] der = leaf.certificate().getEncoded();
        byte[] aux = {0x30, 0x00};
        byte[] both = new byte[der.length + aux.length];
        System.arraycopy(der, 0, both, 0, der.length);
        System.arraycopy(aux, 0, both, der.length, aux.length);
        String text = "-----BEGIN TRUSTED CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(both)
                + "\n-----END TRUSTED CERTIFICATE-----\n";
        CertificateBundle bundle = CertificateBundle.load(write(tmp.resolve("trusted.pem"), text), PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(leaf.certificate());
    }

    @Test
    void derCertificate() throws Exception {
        Path file = Files.write(tmp.resolve("client.der"), leaf.certificate().getEncoded());
        assertThat(CertificateBundle.load(file, PasswordSource.none()).certificates()).containsExactly(leaf.certificate());
    }

    @Test
    void pkcs7InDerAndPem() throws Exception {
        byte[] p7 = CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(intermediate.certificate(), leaf.certificate())).getEncoded("PKCS7");
        Path der = Files.write(tmp.resolve("chain.p7b"), p7);
        assertThat(CertificateBundle.load(der, PasswordSource.none()).certificates())
                .containsExactly(leaf.certificate(), intermediate.certificate());
        String pem = "-----BEGIN PKCS7-----\n" + java.util.Base64.getMimeEncoder().encodeToString(p7) + "\n-----END PKCS7-----\n";
        assertThat(CertificateBundle.load(write(tmp.resolve("chain.p7c"), pem), PasswordSource.none()).certificates())
                .containsExactly(leaf.certificate(), intermediate.certificate());
    }

    @Test
    void parseNamesTheSourceButHasNoFile() {
        byte[] content = PemWriter.certificates(List.of(leaf.certificate())).getBytes(StandardCharsets.US_ASCII);
        CertificateBundle bundle = CertificateBundle.parse(content, "stdin");
        assertThat(bundle.source()).isNull();
        assertThat(bundle.leaf()).isEqualTo(leaf.certificate());
    }

    @Test
    void keyStoresMadeByTheJdk() throws Exception {
        char[] password = "changeit".toCharArray();
        Path jks = Files.write(tmp.resolve("store.jks"), TestPki.keyStore("JKS", password, "client", leaf,
                "extra", otherRoot.certificate()));
        // JKS certificates are readable without the password.
        CertificateBundle fromJks = CertificateBundle.load(jks, PasswordSource.none());
        assertThat(fromJks.certificates()).containsExactly(leaf.certificate(), intermediate.certificate(),
                root.certificate(), otherRoot.certificate());
        Path p12 = Files.write(tmp.resolve("store.p12"), TestPki.keyStore("PKCS12", password, "client", leaf));
        CertificateBundle fromP12 = CertificateBundle.load(p12, PasswordSource.of(password));
        assertThat(fromP12.certificates()).containsExactlyElementsOf(leaf.fullChain());
    }

    @Test
    void pkcs12WithEncryptedCertificatesNeedsThePassword() throws Exception {
        Path p12 = Files.write(tmp.resolve("store.p12"), TestPki.keyStore("PKCS12", "changeit".toCharArray(), "client", leaf));
        assertThatThrownBy(() -> CertificateBundle.load(p12, PasswordSource.none()))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + " is protected by a password: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
        assertThatThrownBy(() -> CertificateBundle.load(p12, PasswordSource.of("nope".toCharArray())))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + ": wrong password (from --key-pass)");
    }

    // ---- errors ----

    private void assertFails(Path file, String message) {
        assertThatThrownBy(() -> CertificateBundle.load(file, PasswordSource.none()))
                .isInstanceOf(MaterialException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MaterialException) e).file()).isEqualTo(file));
    }

    @Test
    void privateKeyGivenAsCertificate() throws Exception {
        Path file = Tools.writeKey(tmp.resolve("ca.pem"), leaf.keyPair().getPrivate());
        assertFails(file, file + " holds no certificate (it looks like a private key): pass the certificate file, not the key");
    }

    @Test
    void derPrivateKeyGivenAsCertificate() throws Exception {
        Path file = Files.write(tmp.resolve("ca.der"), leaf.keyPair().getPrivate().getEncoded());
        assertFails(file, file + " holds no certificate (it looks like a private key): pass the certificate file, not the key");
    }

    @Test
    void encryptedKeyGivenAsCertificate() throws Exception {
        Path file = write(tmp.resolve("ca.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertFails(file, file + " holds no certificate (it looks like an encrypted private key): "
                + "pass the certificate file, not the key");
    }

    @Test
    void csrGivenAsCertificate() throws Exception {
        Path file = write(tmp.resolve("ca.pem"), PemWriter.pem(Samples.csr(leaf.keyPair(), "acme")));
        assertFails(file, file + " holds no certificate (it looks like a certificate signing request): "
                + "have it signed by a CA, e.g. mtls pki sign");
    }

    @Test
    void crlGivenAsCertificate() throws Exception {
        Path file = write(tmp.resolve("ca.pem"), PemWriter.pem(Samples.crl(root)));
        assertFails(file, file + " holds no certificate (it looks like a certificate revocation list): "
                + "pass the CA's certificate, not its CRL");
    }

    @Test
    void publicKeyGivenAsCertificate() throws Exception {
        Path file = write(tmp.resolve("ca.pem"), PemWriter.pem(leaf.keyPair().getPublic()));
        assertFails(file, file + " holds no certificate (it looks like a public key): "
                + "pass the certificate, which carries the key with a name and a signature");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = write(tmp.resolve("ca.pem"), "");
        assertFails(file, file + " holds no certificate (the file is empty): pass a PEM or DER certificate file");
        Path blank = write(tmp.resolve("blank.pem"), "\n  \n");
        assertFails(blank, blank + " holds no certificate (the file is empty): pass a PEM or DER certificate file");
    }

    @Test
    void garbage() throws Exception {
        Path file = write(tmp.resolve("ca.pem"), "this is not a certificate\n");
        assertFails(file, file + " holds no certificate: no PEM block and not DER (expected -----BEGIN CERTIFICATE-----)");
        Path binary = Files.write(tmp.resolve("random.bin"), new byte[] {0x13, 0x37, (byte) 0xca, (byte) 0xfe, 0});
        assertFails(binary, binary + " holds no certificate: no PEM block and not DER (expected -----BEGIN CERTIFICATE-----)");
    }

    @Test
    void unknownDerStructure() throws Exception {
        Path file = Files.write(tmp.resolve("odd.der"), new byte[] {0x30, 0x03, 0x01, 0x01, (byte) 0xff});
        assertFails(file, file + " holds no certificate (unrecognised DER structure): pass a PEM or DER certificate file");
    }

    @Test
    void unknownPemLabel() throws Exception {
        Path file = write(tmp.resolve("ca.pem"), "-----BEGIN SSH2 PUBLIC KEY-----\nAAAA\n-----END SSH2 PUBLIC KEY-----\n");
        assertFails(file, file + " holds no certificate (its PEM block is labelled SSH2 PUBLIC KEY): "
                + "pass a file with -----BEGIN CERTIFICATE----- blocks");
    }

    @Test
    void corruptedSecondCertificate() throws Exception {
        String good = PemWriter.certificates(List.of(leaf.certificate()));
        String bad = PemWriter.certificates(List.of(intermediate.certificate())).replaceFirst("(?m)^MII", "MII*");
        Path file = write(tmp.resolve("ca.pem"), good + bad);
        assertFails(file, file + ": certificate number 2 is corrupted (bad base64 or DER): re-download or re-export it");
    }

    @Test
    void damagedDerInsideValidBase64() throws Exception {
        byte[] der = leaf.certificate().getEncoded();
        byte[] cut = java.util.Arrays.copyOf(der, der.length / 2);
        String text = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(cut)
                + "\n-----END CERTIFICATE-----\n";
        Path file = write(tmp.resolve("ca.pem"), text);
        assertFails(file, file + ": certificate number 1 is corrupted (bad base64 or DER): re-download or re-export it");
    }

    @Test
    void truncatedPem() throws Exception {
        String chain = PemWriter.certificates(List.of(leaf.certificate(), intermediate.certificate()));
        Path file = write(tmp.resolve("ca.pem"), chain.substring(0, chain.length() - 200));
        assertFails(file, file + ": certificate number 2 is corrupted (bad base64 or DER): re-download or re-export it");
    }

    @Test
    void missingFile() {
        Path file = tmp.resolve("ca.pem");
        assertFails(file, file + " does not exist: check the path");
    }

    @Test
    void directory() {
        assertFails(tmp, tmp + " is a directory, not a certificate or key file: pass the file itself");
    }

    @Test
    void hugeFile() throws Exception {
        Path file = Files.write(tmp.resolve("movie.mp4"), new byte[12 * 1024 * 1024]);
        assertFails(file, file + " is 12 MB: not a certificate or key file");
        Path small = Files.write(tmp.resolve("big.pem"), new byte[1536 * 1024]);
        assertFails(small, small + " is 1.5 MB: not a certificate or key file");
    }

    @Test
    void messagesUseThePathAsTheUserGaveIt() throws Exception {
        Path absolute = Tools.writeKey(tmp.resolve("certs/ca.pem"), leaf.keyPair().getPrivate());
        Path relative = Path.of("").toAbsolutePath().relativize(absolute);
        assertThat(relative.isAbsolute()).isFalse();
        assertFails(relative, relative + " holds no certificate (it looks like a private key): "
                + "pass the certificate file, not the key");
        assertThat(relative.toString()).endsWith("certs/ca.pem");
    }

    @Test
    void parseErrorsUseTheGivenName() {
        assertThatThrownBy(() -> CertificateBundle.parse(PemWriter.privateKey(leaf.keyPair().getPrivate())
                .getBytes(StandardCharsets.US_ASCII), "ca.pem"))
                .isInstanceOf(MaterialException.class)
                .hasMessage("ca.pem holds no certificate (it looks like a private key): pass the certificate file, not the key")
                .satisfies(e -> assertThat(((MaterialException) e).file()).isNull());
        assertThatThrownBy(() -> CertificateBundle.parse(new byte[2 * 1024 * 1024], "stdin"))
                .isInstanceOf(MaterialException.class).hasMessage("stdin is 2.0 MB: not a certificate or key file");
    }

    @Test
    void privateKeyBytesNeverReachTheMessage() throws Exception {
        String keyPem = PemWriter.privateKey(leaf.keyPair().getPrivate());
        String body = keyPem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
        Path file = write(tmp.resolve("ca.pem"), keyPem);
        assertThatThrownBy(() -> CertificateBundle.load(file, PasswordSource.none()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 20)));
    }

    @Test
    void ed25519AndRsaCertificatesLoad() throws Exception {
        HeldCertificate rsa = Tools.selfSigned("rsa", KeyType.RSA_2048);
        java.security.KeyPair ed = Tools.generate("Ed25519", null);
        HeldCertificate edCert = HeldCertificate.builder().commonName("ed").keyPair(ed)
                .signatureAlgorithm("Ed25519").build(); // KeyType does not know the JDK's name "EdDSA"
        CertificateBundle bundle = CertificateBundle.load(pem("two.pem", rsa.certificate(), edCert.certificate()),
                PasswordSource.none());
        assertThat(bundle.certificates()).containsExactly(rsa.certificate(), edCert.certificate());
    }
}
