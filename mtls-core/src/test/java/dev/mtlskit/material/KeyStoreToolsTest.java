package dev.mtlskit.material;

import static dev.mtlskit.material.Tools.keytool;
import static dev.mtlskit.material.Tools.openssl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;

/** PKCS#12 files made by {@code openssl pkcs12 -export} and JKS files made by {@code keytool}. */
class KeyStoreToolsTest {

    private static final String SECRET = "s3cret";
    private static final PasswordSource PASSWORD = PasswordSource.of(SECRET.toCharArray());

    @TempDir
    static Path pki;

    private static HeldCertificate root;
    private static HeldCertificate intermediate;
    private static HeldCertificate client;

    @TempDir
    Path tmp;

    @BeforeAll
    static void files() throws Exception {
        root = HeldCertificate.builder().commonName("Tools Root CA").certificateAuthority(1).build();
        intermediate = HeldCertificate.builder().commonName("Tools Issuing CA").certificateAuthority(0).signedBy(root).build();
        client = HeldCertificate.builder().commonName("tools-client").keyType(KeyType.RSA_2048)
                .purpose(Purpose.CLIENT).signedBy(intermediate).build();
        Tools.writeCertificates(pki.resolve("client.crt"), client.certificate());
        Tools.writeCertificates(pki.resolve("cas.pem"), intermediate.certificate(), root.certificate());
        Tools.writeKey(pki.resolve("client.key"), client.keyPair().getPrivate());
    }

    /** {@code openssl pkcs12 -export} with the client, its key and its CAs, plus extra options. */
    private Path export(String name, String... options) {
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("pkcs12", "-export",
                "-in", pki.resolve("client.crt").toString(), "-inkey", pki.resolve("client.key").toString(),
                "-certfile", pki.resolve("cas.pem").toString(), "-name", "client", "-out", name));
        arguments.addAll(java.util.List.of(options));
        openssl(tmp, arguments.toArray(String[]::new));
        return tmp.resolve(name);
    }

    // ---- PKCS#12 from openssl ----

    @Test
    void opensslDefaultPkcs12() {
        Tools.assumeOpenssl();
        Path p12 = export("client.p12", "-passout", "pass:" + SECRET);
        KeyMaterial material = KeyMaterial.loadKeyStore(p12, PASSWORD, null);
        assertThat(material.chain()).containsExactlyElementsOf(client.fullChain());
        assertThat(material.privateKey().getEncoded()).isEqualTo(client.keyPair().getPrivate().getEncoded());
        KeyMaterial byAlias = KeyMaterial.loadKeyStore(p12, PASSWORD, "client");
        assertThat(byAlias.leaf()).isEqualTo(client.certificate());
        CertificateBundle bundle = CertificateBundle.load(p12, PASSWORD);
        assertThat(bundle.certificates()).containsExactlyElementsOf(client.fullChain());
    }

    @Test
    void opensslLegacyPkcs12() {
        Tools.assumeOpenssl();
        // RC2-40 for certificates, 3DES for the key, SHA-1 MAC: what old tools and Windows still produce.
        Path p12 = export("legacy.pfx", "-legacy", "-passout", "pass:" + SECRET);
        assertThat(KeyMaterial.loadKeyStore(p12, PASSWORD, null).chain()).containsExactlyElementsOf(client.fullChain());
        assertThat(CertificateBundle.load(p12, PASSWORD).leaf()).isEqualTo(client.certificate());
    }

    @Test
    void opensslPkcs12WrongAndMissingPassword() throws Exception {
        Tools.assumeOpenssl();
        Path p12 = export("store.p12", "-passout", "pass:" + SECRET);
        Path pw = Tools.write(tmp.resolve("pw.txt"), "guess\n");
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(p12, PasswordSource.fromFile(pw), null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + ": wrong password (from --key-pass-file " + pw + ")");
        assertThatThrownBy(() -> CertificateBundle.load(p12, PasswordSource.fromFile(pw)))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + ": wrong password (from --key-pass-file " + pw + ")");
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(p12, PasswordSource.none(), null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + " is protected by a password: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
        assertThatThrownBy(() -> CertificateBundle.load(p12, PasswordSource.none()))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + " is protected by a password: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
    }

    @Test
    void opensslPkcs12WithEmptyPassword() {
        Tools.assumeOpenssl();
        Path p12 = export("empty.p12", "-passout", "pass:");
        assertThat(KeyMaterial.loadKeyStore(p12, PasswordSource.none(), null).leaf()).isEqualTo(client.certificate());
        assertThat(CertificateBundle.load(p12, PasswordSource.none()).leaf()).isEqualTo(client.certificate());
    }

    @Test
    void opensslPkcs12WithoutEncryption() {
        Tools.assumeOpenssl();
        Path p12 = export("plain.p12", "-keypbe", "NONE", "-certpbe", "NONE", "-nomac", "-passout", "pass:");
        assertThat(KeyMaterial.loadKeyStore(p12, PasswordSource.none(), null).leaf()).isEqualTo(client.certificate());
    }

    @Test
    void opensslPkcs12OfCertificatesOnly() {
        Tools.assumeOpenssl();
        // No trust attribute on these certificates: the JDK's own PKCS12 KeyStore would show none of them.
        openssl(tmp, "pkcs12", "-export", "-nokeys", "-in", pki.resolve("cas.pem").toString(),
                "-passout", "pass:" + SECRET, "-out", "cas.p12");
        Path p12 = tmp.resolve("cas.p12");
        CertificateBundle bundle = CertificateBundle.load(p12, PASSWORD);
        assertThat(bundle.certificates()).containsExactly(intermediate.certificate(), root.certificate());
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(p12, PASSWORD, null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + " holds only certificates, no private key: pass the keystore that holds your key, "
                        + "or give the certificate and key as PEM files");
    }

    @Test
    void opensslPkcs12WithKeyButNoCertificate() {
        Tools.assumeOpenssl();
        openssl(tmp, "pkcs12", "-export", "-nocerts", "-inkey", pki.resolve("client.key").toString(),
                "-name", "client", "-passout", "pass:" + SECRET, "-out", "keyonly.p12");
        Path p12 = tmp.resolve("keyonly.p12");
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(p12, PASSWORD, null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + ": the key 'client' has no certificate: re-export the keystore with the key's certificate");
        assertThatThrownBy(() -> CertificateBundle.load(p12, PASSWORD))
                .isInstanceOf(MaterialException.class)
                .hasMessage(p12 + " holds no certificate (the keystore has no certificate entries): pass the keystore that holds the certificates");
    }

    @Test
    void pkcs12GivenAsKeyOrCertificateText() {
        Tools.assumeOpenssl();
        Path p12 = export("client.p12", "-passout", "pass:" + SECRET);
        assertThatThrownBy(() -> PrivateKeys.load(p12, PASSWORD)).isInstanceOf(MaterialException.class)
                .hasMessage(p12 + " is a PKCS#12 keystore, which holds the certificate and the key together: pass it as the certificate (--cert " + p12 + ") and leave out --key");
        assertThat(FileKind.sniff(readAll(p12))).isEqualTo(FileKind.KEYSTORE_PKCS12);
    }

    // ---- JKS from keytool ----

    /** A JKS made by keytool from an openssl PKCS#12, as people convert them. */
    private Path jks(String name, String storePass, String keyPass) {
        Tools.assumeOpenssl();
        Tools.assumeKeytool();
        Path p12 = export(name + ".p12", "-passout", "pass:" + storePass);
        keytool(tmp, "-importkeystore", "-noprompt", "-srckeystore", p12.toString(), "-srcstoretype", "PKCS12",
                "-srcstorepass", storePass, "-destkeystore", name, "-deststoretype", "JKS",
                "-deststorepass", storePass, "-destkeypass", keyPass);
        return tmp.resolve(name);
    }

    @Test
    void keytoolJks() {
        Path jks = jks("client.jks", SECRET, SECRET);
        assertThat(FileKind.sniff(readAll(jks))).isEqualTo(FileKind.KEYSTORE_JKS);
        KeyMaterial material = KeyMaterial.loadKeyStore(jks, PASSWORD, null);
        assertThat(material.chain()).containsExactlyElementsOf(client.fullChain());
        // Certificates need no password in a JKS.
        assertThat(CertificateBundle.load(jks, PasswordSource.none()).certificates())
                .containsExactlyElementsOf(client.fullChain());
    }

    @Test
    void keytoolJksWrongPasswordAndKeyWithAnotherPassword() {
        Path jks = jks("client.jks", SECRET, "other-key-pass");
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(jks, PasswordSource.of("guess".toCharArray()), null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(jks + ": wrong password (from --key-pass)");
        assertThatThrownBy(() -> KeyMaterial.loadKeyStore(jks, PASSWORD, null))
                .isInstanceOf(MaterialException.class)
                .hasMessage(jks + ": the key 'client' has another password than the keystore: give it the keystore's "
                        + "password, e.g. keytool -keypasswd -alias client -keystore " + jks);
    }

    @Test
    void keytoolTrustStore() {
        Tools.assumeKeytool();
        keytool(tmp, "-importcert", "-noprompt", "-alias", "root", "-file", pki.resolve("cas.pem").toString(),
                "-keystore", "trust.jks", "-storetype", "JKS", "-storepass", SECRET);
        Path jks = tmp.resolve("trust.jks");
        assertThat(CertificateBundle.load(jks, PasswordSource.none()).certificates()).containsExactly(intermediate.certificate());
        assertThatThrownBy(() -> PrivateKeys.load(jks, PASSWORD)).isInstanceOf(MaterialException.class)
                .hasMessage(jks + " is a JKS keystore, which holds the certificate and the key together: pass it as the certificate (--cert " + jks + ") and leave out --key");
    }

    private static byte[] readAll(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
