package dev.mtlskit.material;

import static dev.mtlskit.material.Tools.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcaPKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.testing.TestPki;

/** Keys made in Java; the formats only OpenSSL writes are in {@link PrivateKeysOpensslTest}. */
class PrivateKeysTest {

    private static HeldCertificate ec;
    private static HeldCertificate rsa;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() {
        ec = Tools.selfSigned("ec", KeyType.EC_P256);
        rsa = Tools.selfSigned("rsa", KeyType.RSA_2048);
    }

    private static String encryptedPkcs8(PrivateKey key, String password) throws Exception {
        PKCS8EncryptedPrivateKeyInfo encrypted = new JcaPKCS8EncryptedPrivateKeyInfoBuilder(key)
                .build(new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                        .setProvider(BouncyCastle.provider()).build(password.toCharArray()));
        return PemWriter.pem(encrypted);
    }

    private void assertFails(Path file, PasswordSource password, String message) {
        assertThatThrownBy(() -> PrivateKeys.load(file, password))
                .isInstanceOf(MaterialException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((MaterialException) e).file()).isEqualTo(file));
    }

    // ---- loading ----

    @Test
    void pkcs8PemEcAndRsa() throws Exception {
        PrivateKey loadedEc = PrivateKeys.load(Tools.writeKey(tmp.resolve("ec.key"), ec.keyPair().getPrivate()), PasswordSource.none());
        assertThat(loadedEc.getEncoded()).isEqualTo(ec.keyPair().getPrivate().getEncoded());
        assertThat(PrivateKeys.matches(loadedEc, ec.certificate())).isTrue();
        PrivateKey loadedRsa = PrivateKeys.load(Tools.writeKey(tmp.resolve("rsa.key"), rsa.keyPair().getPrivate()), PasswordSource.none());
        assertThat(PrivateKeys.describe(loadedRsa)).isEqualTo("RSA 2048");
        assertThat(PrivateKeys.matches(loadedRsa, rsa.certificate())).isTrue();
    }

    @Test
    void pkcs8Der() throws Exception {
        Path file = Files.write(tmp.resolve("ec.der"), ec.keyPair().getPrivate().getEncoded());
        assertThat(PrivateKeys.matches(PrivateKeys.load(file, PasswordSource.none()), ec.certificate())).isTrue();
    }

    @Test
    void ed25519() throws Exception {
        KeyPair keys = Tools.generate("Ed25519", null);
        PrivateKey loaded = PrivateKeys.load(Tools.writeKey(tmp.resolve("ed.key"), keys.getPrivate()), PasswordSource.none());
        assertThat(PrivateKeys.describe(loaded)).isEqualTo("Ed25519");
        Tools.assertSameKey(loaded, keys.getPublic());
    }

    @Test
    void encryptedPkcs8WithPasswordFromFile() throws Exception {
        Path key = write(tmp.resolve("client.key"), encryptedPkcs8(ec.keyPair().getPrivate(), "secret"));
        Path pw = write(tmp.resolve("pw.txt"), "secret\n");
        PrivateKey loaded = PrivateKeys.load(key, PasswordSource.fromFile(pw));
        assertThat(PrivateKeys.matches(loaded, ec.certificate())).isTrue();
    }

    @Test
    void encryptedWithoutPassword() throws Exception {
        Path key = write(tmp.resolve("client.key"), encryptedPkcs8(ec.keyPair().getPrivate(), "secret"));
        assertFails(key, PasswordSource.none(),
                key + " is encrypted: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
    }

    @Test
    void encryptedWithWrongPassword() throws Exception {
        Path key = write(tmp.resolve("client.key"), encryptedPkcs8(ec.keyPair().getPrivate(), "secret"));
        Path pw = write(tmp.resolve("pw.txt"), "not-the-secret\n");
        assertFails(key, PasswordSource.fromFile(pw), key + ": wrong password (from --key-pass-file " + pw + ")");
        assertFails(key, PasswordSource.of("guess".toCharArray()), key + ": wrong password (from --key-pass)");
        assertThatThrownBy(() -> PrivateKeys.load(key, PasswordSource.of("not-the-secret".toCharArray())))
                .satisfies(e -> assertThat(e.toString()).doesNotContain("not-the-secret"));
    }

    @Test
    void encryptedWithPasswordFromUnsetVariable() throws Exception {
        Path key = write(tmp.resolve("client.key"), encryptedPkcs8(ec.keyPair().getPrivate(), "secret"));
        PasswordSource unset = new Passwords.Environment("KEY_PASS", Map.<String, String>of()::get);
        assertThatThrownBy(() -> PrivateKeys.load(key, unset)).isInstanceOf(MaterialException.class)
                .hasMessage("environment variable KEY_PASS is not set: export it with the password, or use --key-pass-file FILE");
        PasswordSource set = new Passwords.Environment("KEY_PASS", Map.of("KEY_PASS", "secret")::get);
        assertThat(PrivateKeys.matches(PrivateKeys.load(key, set), ec.certificate())).isTrue();
    }

    @Test
    void unencryptedKeyIgnoresAGivenPassword() throws Exception {
        Path key = Tools.writeKey(tmp.resolve("client.key"), ec.keyPair().getPrivate());
        assertThat(PrivateKeys.load(key, PasswordSource.of("unused".toCharArray()))).isNotNull();
    }

    @Test
    void sec1WithoutCurveTakesItFromTheEcParametersBlock() throws Exception {
        // A SEC1 key whose curve is only in the preceding EC PARAMETERS block.
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.keyPair().getPrivate().getEncoded());
        ECPrivateKey full = ECPrivateKey.getInstance(info.parsePrivateKey());
        ECPrivateKey bare = new ECPrivateKey(256, full.getKey(), (DERBitString) null, null);
        ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) info.getPrivateKeyAlgorithm().getParameters();
        String text = block("EC PARAMETERS", curve.getEncoded()) + block("EC PRIVATE KEY", bare.getEncoded());
        PrivateKey loaded = PrivateKeys.load(write(tmp.resolve("ec.key"), text), PasswordSource.none());
        assertThat(PrivateKeys.matches(loaded, ec.certificate())).isTrue();

        Path withoutParameters = write(tmp.resolve("bare.key"), block("EC PRIVATE KEY", bare.getEncoded()));
        String fix = "(openssl ecparam -name prime256v1; cat " + withoutParameters + ") > key.pem";
        assertFails(withoutParameters, PasswordSource.none(), withoutParameters
                + ": the EC private key does not say which curve it is on: export it again with its curve, or put the "
                + "curve before it, e.g. for P-256: " + fix);

        // The printed command, run: its output is the key with its curve.
        Tools.assumeOpenssl();
        Tools.run(tmp, "sh", "-c", fix);
        assertThat(PrivateKeys.matches(PrivateKeys.load(tmp.resolve("key.pem"), PasswordSource.none()), ec.certificate()))
                .isTrue();
    }

    private static String block(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Test
    void parseFromBytes() {
        byte[] pem = PemWriter.privateKey(ec.keyPair().getPrivate()).getBytes(StandardCharsets.US_ASCII);
        assertThat(PrivateKeys.matches(PrivateKeys.parse(pem, "stdin", PasswordSource.none()), ec.certificate())).isTrue();
        assertThatThrownBy(() -> PrivateKeys.parse(new byte[0], "stdin", PasswordSource.none()))
                .isInstanceOf(MaterialException.class)
                .hasMessage("stdin holds no private key (the file is empty): pass the private key file");
    }

    // ---- errors ----

    @Test
    void certificateGivenAsKey() throws Exception {
        Path file = Tools.writeCertificates(tmp.resolve("client.key"), ec.certificate());
        assertFails(file, PasswordSource.none(),
                file + " holds no private key (it looks like a certificate): pass the key file, not the certificate");
        Path der = Files.write(tmp.resolve("client.der"), ec.certificate().getEncoded());
        assertFails(der, PasswordSource.none(),
                der + " holds no private key (it looks like a certificate): pass the key file, not the certificate");
    }

    @Test
    void csrGivenAsKey() throws Exception {
        Path file = write(tmp.resolve("client.key"), PemWriter.pem(Samples.csr(ec.keyPair(), "acme")));
        assertFails(file, PasswordSource.none(), file + " holds no private key (it looks like a certificate signing "
                + "request): pass the key file the request was made with");
    }

    @Test
    void publicKeyGivenAsKey() throws Exception {
        Path file = write(tmp.resolve("client.key"), PemWriter.pem(ec.keyPair().getPublic()));
        assertFails(file, PasswordSource.none(),
                file + " holds no private key (it looks like a public key): pass the private key file");
        Path der = Files.write(tmp.resolve("client.pub.der"), ec.keyPair().getPublic().getEncoded());
        assertFails(der, PasswordSource.none(),
                der + " holds no private key (it looks like a public key): pass the private key file");
    }

    @Test
    void crlGivenAsKey() throws Exception {
        Path file = write(tmp.resolve("client.key"), PemWriter.pem(Samples.crl(ec)));
        assertFails(file, PasswordSource.none(),
                file + " holds no private key (it looks like a certificate revocation list): pass the private key file");
    }

    @Test
    void keyStoresGivenAsKey() throws Exception {
        char[] password = "changeit".toCharArray();
        Path p12 = Files.write(tmp.resolve("client.p12"), TestPki.keyStore("PKCS12", password, "client", ec));
        assertFails(p12, PasswordSource.none(),
                p12 + " is a PKCS#12 keystore, which holds the certificate and the key together: pass it as the certificate (--cert " + p12 + ") and leave out --key");
        Path jks = Files.write(tmp.resolve("client.jks"), TestPki.keyStore("JKS", password, "client", ec));
        assertFails(jks, PasswordSource.none(),
                jks + " is a JKS keystore, which holds the certificate and the key together: pass it as the certificate (--cert " + jks + ") and leave out --key");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = write(tmp.resolve("client.key"), "");
        assertFails(file, PasswordSource.none(), file + " holds no private key (the file is empty): pass the private key file");
    }

    @Test
    void garbage() throws Exception {
        Path file = write(tmp.resolve("client.key"), "hunter2\n");
        assertFails(file, PasswordSource.none(),
                file + " holds no private key: no PEM block and not DER (expected -----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void unknownDerStructure() throws Exception {
        Path file = Files.write(tmp.resolve("client.key"), new byte[] {0x30, 0x03, 0x01, 0x01, (byte) 0xff});
        assertFails(file, PasswordSource.none(), file + " holds no private key (unrecognised DER structure): "
                + "pass the private key file (PEM: -----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void unknownPemLabel() throws Exception {
        Path file = write(tmp.resolve("client.key"), "-----BEGIN PGP MESSAGE-----\nhQEM\n-----END PGP MESSAGE-----\n");
        assertFails(file, PasswordSource.none(), file + " holds no private key (its PEM block is labelled PGP MESSAGE): "
                + "pass the private key file (-----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void corruptedKey() throws Exception {
        String pem = PemWriter.privateKey(ec.keyPair().getPrivate()).replaceFirst("(?m)^M", "M!");
        Path file = write(tmp.resolve("client.key"), pem);
        assertFails(file, PasswordSource.none(),
                file + ": the private key is corrupted (bad base64 or DER): re-download or re-export it");
        String cut = PemWriter.privateKey(ec.keyPair().getPrivate());
        Path truncated = write(tmp.resolve("cut.key"), cut.substring(0, cut.length() / 2));
        assertFails(truncated, PasswordSource.none(),
                truncated + ": the private key is corrupted (bad base64 or DER): re-download or re-export it");
    }

    @Test
    void validBase64ButNotAKeyInside() throws Exception {
        Path file = write(tmp.resolve("client.key"), block("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));
        assertFails(file, PasswordSource.none(),
                file + ": the private key is corrupted (bad base64 or DER): re-download or re-export it");
    }

    @Test
    void twoKeysInOneFile() throws Exception {
        Path file = write(tmp.resolve("keys.pem"), PemWriter.privateKey(ec.keyPair().getPrivate())
                + PemWriter.privateKey(rsa.keyPair().getPrivate()));
        assertFails(file, PasswordSource.none(),
                file + " holds 2 private keys: pass a file with only the key that belongs to the certificate");
    }

    @Test
    void openSshKey() throws Exception {
        Path file = write(tmp.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                + "-----END OPENSSH PRIVATE KEY-----\n");
        assertFails(file, PasswordSource.none(), file + " is an OpenSSH private key (for SSH, not TLS): "
                + "pass the key that belongs to the certificate (-----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void keyOnACurveJavaDoesNotSupport() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair k1 = generator.generateKeyPair();
        Path file = write(tmp.resolve("k1.key"), PemWriter.privateKey(k1.getPrivate()));
        assertFails(file, PasswordSource.none(), file + " holds an EC key on curve secp256k1, which Java cannot use: "
                + "use an RSA, EC P-256/P-384/P-521 or Ed25519 key");
    }

    @Test
    void unsupportedPkcs8Encryption() throws Exception {
        // A well-formed EncryptedPrivateKeyInfo whose scheme nobody knows.
        byte[] der = new org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.3.4")),
                new byte[48]).getEncoded();
        Path file = write(tmp.resolve("client.key"), block("ENCRYPTED PRIVATE KEY", der));
        assertFails(file, PasswordSource.of("pw".toCharArray()), file + " is encrypted with 1.2.3.4, which is not "
                + "supported: re-encrypt it, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + file + " -out key.pem");
    }

    @Test
    void unsupportedLegacyCipher() throws Exception {
        Path file = write(tmp.resolve("client.key"), "-----BEGIN RSA PRIVATE KEY-----\n"
                + "Proc-Type: 4,ENCRYPTED\nDEK-Info: CAMELLIA-256-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + java.util.Base64.getEncoder().encodeToString(new byte[64]) + "\n-----END RSA PRIVATE KEY-----\n");
        assertFails(file, PasswordSource.of("pw".toCharArray()), file + " is encrypted with CAMELLIA-256-CBC, which is "
                + "not supported: re-encrypt it, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + file + " -out key.pem");
    }

    @Test
    void privateKeyFormatNotSupported() throws Exception {
        Path file = write(tmp.resolve("client.key"), "-----BEGIN SSH2 ENCRYPTED PRIVATE KEY-----\nP2/56wAAAA==\n"
                + "-----END SSH2 ENCRYPTED PRIVATE KEY-----\n");
        assertFails(file, PasswordSource.none(), file + " holds a private key in a format not supported here "
                + "(-----BEGIN SSH2 ENCRYPTED PRIVATE KEY-----): export it again as PKCS#8 (-----BEGIN PRIVATE KEY-----) "
                + "from the tool that made it");
    }

    @Test
    void unreadableFile() throws Exception {
        Path file = Tools.writeKey(tmp.resolve("client.key"), ec.keyPair().getPrivate());
        boolean changed = file.toFile().setReadable(false, false);
        org.junit.jupiter.api.Assumptions.assumeTrue(changed && !Files.isReadable(file),
                "file permissions are not enforced here (running as root?): cannot test an unreadable file");
        assertFails(file, PasswordSource.none(), file + " cannot be read (permission denied): check its permissions");
    }

    @Test
    void missingFileAndDirectory() {
        Path file = tmp.resolve("client.key");
        assertFails(file, PasswordSource.none(), file + " does not exist: check the path");
        assertFails(tmp, PasswordSource.none(), tmp + " is a directory, not a certificate or key file: pass the file itself");
    }

    @Test
    void hugeFile() throws Exception {
        Path file = Files.write(tmp.resolve("client.key"), new byte[3 * 1024 * 1024]);
        assertFails(file, PasswordSource.none(), file + " is 3.0 MB: not a certificate or key file");
    }

    // ---- matches and describe ----

    @Test
    void matchesOnlyItsOwnCertificate() throws Exception {
        assertThat(PrivateKeys.matches(ec.keyPair().getPrivate(), ec.certificate())).isTrue();
        assertThat(PrivateKeys.matches(rsa.keyPair().getPrivate(), rsa.certificate())).isTrue();
        assertThat(PrivateKeys.matches(rsa.keyPair().getPrivate(), ec.certificate())).isFalse();
        assertThat(PrivateKeys.matches(ec.keyPair().getPrivate(), rsa.certificate())).isFalse();
        HeldCertificate otherEc = Tools.selfSigned("other", KeyType.EC_P256);
        assertThat(PrivateKeys.matches(ec.keyPair().getPrivate(), otherEc.certificate())).isFalse();
        HeldCertificate p384 = Tools.selfSigned("p384", KeyType.EC_P384);
        assertThat(PrivateKeys.matches(ec.keyPair().getPrivate(), p384.certificate())).isFalse();
        KeyPair ed = Tools.generate("Ed25519", null);
        HeldCertificate edCert = HeldCertificate.builder().commonName("ed").keyPair(ed).signatureAlgorithm("Ed25519").build();
        assertThat(PrivateKeys.matches(ed.getPrivate(), edCert.certificate())).isTrue();
        assertThat(PrivateKeys.matches(Tools.generate("Ed25519", null).getPrivate(), edCert.certificate())).isFalse();
        assertThat(PrivateKeys.matches(ed.getPrivate(), ec.certificate())).isFalse();
    }

    @Test
    void describesPrivateAndPublicKeys() throws Exception {
        assertThat(PrivateKeys.describe(rsa.keyPair().getPrivate())).isEqualTo("RSA 2048");
        assertThat(PrivateKeys.describe(rsa.keyPair().getPublic())).isEqualTo("RSA 2048");
        assertThat(PrivateKeys.describe(ec.keyPair().getPrivate())).isEqualTo("EC P-256");
        assertThat(PrivateKeys.describe(ec.certificate().getPublicKey())).isEqualTo("EC P-256");
        for (Map.Entry<String, String> curve : Map.of("secp384r1", "EC P-384", "secp521r1", "EC P-521").entrySet()) {
            KeyPair keys = Tools.generate("EC", curve.getKey());
            assertThat(PrivateKeys.describe(keys.getPrivate())).isEqualTo(curve.getValue());
            assertThat(PrivateKeys.describe(keys.getPublic())).isEqualTo(curve.getValue());
        }
        KeyPair ed = Tools.generate("Ed25519", null);
        assertThat(PrivateKeys.describe(ed.getPrivate())).isEqualTo("Ed25519");
        assertThat(PrivateKeys.describe(ed.getPublic())).isEqualTo("Ed25519");
        assertThat(PrivateKeys.describe(Tools.generate("RSA", null).getPublic())).startsWith("RSA ");
    }

    @Test
    void describesOtherCurvesByOid() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPair k1 = generator.generateKeyPair();
        assertThat(PrivateKeys.describe(k1.getPrivate())).isEqualTo("EC (named curve 1.3.132.0.10)");
        assertThat(PrivateKeys.describe(k1.getPublic())).isEqualTo("EC (named curve 1.3.132.0.10)");
    }

    @Test
    void describesAnythingElseByAlgorithm() throws Exception {
        assertThat(PrivateKeys.describe(Tools.generate("X25519", null).getPublic())).isEqualTo("X25519");
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(1024);
        assertThat(PrivateKeys.describe(dsa.generateKeyPair().getPrivate())).isEqualTo("DSA 1024");
        assertThat(PrivateKeys.describe(new javax.crypto.spec.SecretKeySpec(new byte[16], "AES"))).isEqualTo("AES");
    }

    @Test
    void keysFromTheJdkAreReturnedNotBouncyCastleOnes() throws Exception {
        PrivateKey loaded = PrivateKeys.load(Tools.writeKey(tmp.resolve("ec.key"), ec.keyPair().getPrivate()),
                PasswordSource.none());
        assertThat(loaded.getClass().getName()).doesNotContain("bouncycastle");
        assertThat(List.of("EC", "ECDSA")).contains(loaded.getAlgorithm());
    }
}
