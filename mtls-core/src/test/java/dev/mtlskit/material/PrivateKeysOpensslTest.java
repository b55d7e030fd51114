package dev.mtlskit.material;

import static dev.mtlskit.material.Tools.openssl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key format as the real OpenSSL writes it. Each loaded key is checked against the public
 * key OpenSSL derives from the same file, so a test passes only when we read the key OpenSSL reads.
 */
class PrivateKeysOpensslTest {

    private static final String PASS = "pass:s3cret";

    @TempDir
    static Path keys;

    private static PublicKey rsaPublic;
    private static PublicKey ecPublic;

    @TempDir
    Path tmp;

    @BeforeAll
    static void generate() throws Exception {
        Tools.assumeOpenssl();
        openssl(keys, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem");
        openssl(keys, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        rsaPublic = Tools.opensslPublicKey(keys, "rsa.pem");
        ecPublic = Tools.opensslPublicKey(keys, "ec.pem");
    }

    /** Converts a base key with openssl into {@code tmp/output}. */
    private Path convert(String output, String... arguments) {
        openssl(tmp, arguments);
        return tmp.resolve(output);
    }

    private static PrivateKey load(Path file) {
        return PrivateKeys.load(file, PasswordSource.none());
    }

    private static PrivateKey load(Path file, String password) {
        return PrivateKeys.load(file, PasswordSource.of(password.toCharArray()));
    }

    private static String text(Path file) throws Exception {
        return Files.readString(file);
    }

    // ---- the advice for a cipher this library lacks ----

    /** A legacy PEM key in Camellia is refused with an openssl command; run (with the passwords it prompts for), it fixes the key. */
    @Test
    void aKeyInAnUnsupportedCipherIsFixedByThePrintedCommand() throws Exception {
        Path camellia = convert("camellia.pem", "rsa", "-in", keys.resolve("rsa.pem").toString(), "-traditional",
                "-camellia256", "-passout", PASS, "-out", "camellia.pem");
        String command = "openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + camellia + " -out key.pem";
        assertThatThrownBy(() -> load(camellia, "s3cret")).isInstanceOf(MaterialException.class)
                .hasMessage(camellia + " is encrypted with CAMELLIA-256-CBC, which is not supported: re-encrypt it, e.g. "
                        + command);

        String[] printed = command.split(" ");
        String[] withPasswords = java.util.Arrays.copyOf(printed, printed.length + 4);
        System.arraycopy(new String[] {"-passin", PASS, "-passout", PASS}, 0, withPasswords, printed.length, 4);
        Tools.run(tmp, withPasswords);
        Tools.assertSameKey(load(tmp.resolve("key.pem"), "s3cret"), rsaPublic);
    }

    // ---- unencrypted PEM ----

    @Test
    void pkcs8AndPkcs1BothLoadTheSameRsaKey() throws Exception {
        Path pkcs8 = keys.resolve("rsa.pem");
        Path pkcs1 = convert("rsa1.pem", "pkey", "-in", pkcs8.toString(), "-traditional", "-out", "rsa1.pem");
        assertThat(text(pkcs8)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(text(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        PrivateKey fromPkcs8 = load(pkcs8);
        PrivateKey fromPkcs1 = load(pkcs1);
        Tools.assertSameKey(fromPkcs8, rsaPublic);
        Tools.assertSameKey(fromPkcs1, rsaPublic);
        assertThat(fromPkcs1.getEncoded()).isEqualTo(fromPkcs8.getEncoded());
        assertThat(PrivateKeys.describe(fromPkcs1)).isEqualTo("RSA 2048");
    }

    @Test
    void sec1EcKey() throws Exception {
        Path sec1 = convert("ec1.pem", "pkey", "-in", keys.resolve("ec.pem").toString(), "-traditional", "-out", "ec1.pem");
        assertThat(text(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        PrivateKey key = load(sec1);
        Tools.assertSameKey(key, ecPublic);
        assertThat(PrivateKeys.describe(key)).isEqualTo("EC P-256");
    }

    @Test
    void sec1WithPrecedingEcParametersBlock() throws Exception {
        Path file = convert("ecparam.pem", "ecparam", "-name", "prime256v1", "-genkey", "-out", "ecparam.pem");
        assertThat(text(file)).startsWith("-----BEGIN EC PARAMETERS-----").contains("-----BEGIN EC PRIVATE KEY-----");
        PrivateKey key = load(file);
        Tools.assertSameKey(key, Tools.opensslPublicKey(tmp, "ecparam.pem"));
        assertThat(PrivateKeys.describe(key)).isEqualTo("EC P-256");
    }

    @Test
    void otherCurvesAndEd25519() throws Exception {
        for (String[] curve : new String[][] {{"P-384", "EC P-384"}, {"P-521", "EC P-521"}}) {
            String name = curve[0] + ".pem";
            openssl(tmp, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve[0], "-out", name);
            openssl(tmp, "pkey", "-in", name, "-traditional", "-out", "sec1-" + name);
            for (String file : new String[] {name, "sec1-" + name}) {
                PrivateKey key = load(tmp.resolve(file));
                assertThat(PrivateKeys.describe(key)).isEqualTo(curve[1]);
                Tools.assertSameKey(key, Tools.opensslPublicKey(tmp, name));
            }
        }
        Path ed = convert("ed.pem", "genpkey", "-algorithm", "ed25519", "-out", "ed.pem");
        PrivateKey key = load(ed);
        assertThat(PrivateKeys.describe(key)).isEqualTo("Ed25519");
        Tools.assertSameKey(key, Tools.opensslPublicKey(tmp, "ed.pem"));
    }

    @Test
    void dsaKeyAfterItsParameters() throws Exception {
        Path file = convert("dsa.pem", "dsaparam", "-genkey", "-out", "dsa.pem", "1024");
        assertThat(text(file)).startsWith("-----BEGIN DSA PARAMETERS-----");
        PrivateKey key = load(file);
        assertThat(PrivateKeys.describe(key)).isEqualTo("DSA 1024");
        Tools.assertSameKey(key, Tools.opensslPublicKey(tmp, "dsa.pem"));
        Path traditional = convert("dsa1.pem", "pkey", "-in", "dsa.pem", "-traditional", "-out", "dsa1.pem");
        assertThat(text(traditional)).startsWith("-----BEGIN DSA PRIVATE KEY-----");
        assertThat(load(traditional).getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void curveJavaCannotUse() {
        Path file = convert("k1.pem", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-out", "k1.pem");
        assertThatThrownBy(() -> load(file)).isInstanceOf(MaterialException.class)
                .hasMessage(file + " holds an EC key on curve secp256k1, which Java cannot use: "
                        + "use an RSA, EC P-256/P-384/P-521 or Ed25519 key");
    }

    // ---- legacy OpenSSL encryption (Proc-Type / DEK-Info) ----

    @Test
    void legacyEncryptedDes3Rsa() throws Exception {
        Path file = convert("des3.pem", "pkey", "-in", keys.resolve("rsa.pem").toString(), "-traditional",
                "-des-ede3-cbc", "-passout", PASS, "-out", "des3.pem");
        assertThat(text(file)).contains("Proc-Type: 4,ENCRYPTED").contains("DEK-Info: DES-EDE3-CBC,");
        assertThat(FileKind.sniff(Files.readAllBytes(file))).isEqualTo(FileKind.ENCRYPTED_PRIVATE_KEY);
        Tools.assertSameKey(load(file, "s3cret"), rsaPublic);
    }

    @Test
    void legacyEncryptedAes256Ec() throws Exception {
        Path file = convert("aes.pem", "pkey", "-in", keys.resolve("ec.pem").toString(), "-traditional",
                "-aes-256-cbc", "-passout", PASS, "-out", "aes.pem");
        assertThat(text(file)).contains("Proc-Type: 4,ENCRYPTED").contains("DEK-Info: AES-256-CBC,")
                .contains("-----BEGIN EC PRIVATE KEY-----");
        Tools.assertSameKey(load(file, "s3cret"), ecPublic);
    }

    @Test
    void legacyEncryptedWrongAndMissingPassword() throws Exception {
        Path file = convert("client.key", "pkey", "-in", keys.resolve("rsa.pem").toString(), "-traditional",
                "-aes-256-cbc", "-passout", PASS, "-out", "client.key");
        Path pw = Tools.write(tmp.resolve("pw.txt"), "wrong\n");
        assertThatThrownBy(() -> PrivateKeys.load(file, PasswordSource.fromFile(pw)))
                .isInstanceOf(MaterialException.class)
                .hasMessage(file + ": wrong password (from --key-pass-file " + pw + ")");
        assertThatThrownBy(() -> load(file)).isInstanceOf(MaterialException.class)
                .hasMessage(file + " is encrypted: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
    }

    // ---- encrypted PKCS#8 ----

    @Test
    void encryptedPkcs8OpensslDefault() throws Exception {
        // OpenSSL 3's default: PBES2, PBKDF2 with HMAC-SHA256, AES-256-CBC.
        Path file = convert("p8.pem", "pkcs8", "-topk8", "-in", keys.resolve("rsa.pem").toString(),
                "-passout", PASS, "-out", "p8.pem");
        assertThat(text(file)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        Tools.assertSameKey(load(file, "s3cret"), rsaPublic);
    }

    @Test
    void encryptedPkcs8OtherSchemes() {
        // PKCS#12-style PBE (old OpenSSL and Java), PBES2 with other ciphers, and scrypt.
        String[][] schemes = {{"-v1", "PBE-SHA1-3DES"}, {"-v2", "aes-128-cbc"}, {"-v2", "des3"}, {"-scrypt"}};
        for (String[] scheme : schemes) {
            String name = "p8" + String.join("", scheme) + ".pem";
            java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("pkcs8", "-topk8",
                    "-in", keys.resolve("ec.pem").toString(), "-passout", PASS, "-out", name));
            arguments.addAll(java.util.List.of(scheme));
            openssl(tmp, arguments.toArray(String[]::new));
            Tools.assertSameKey(load(tmp.resolve(name), "s3cret"), ecPublic);
        }
    }

    @Test
    void encryptedPkcs8WrongAndMissingPassword() {
        Path file = convert("client.key", "pkcs8", "-topk8", "-in", keys.resolve("ec.pem").toString(),
                "-passout", PASS, "-out", "client.key");
        assertThatThrownBy(() -> load(file, "guess")).isInstanceOf(MaterialException.class)
                .hasMessage(file + ": wrong password (from --key-pass)");
        assertThatThrownBy(() -> load(file)).isInstanceOf(MaterialException.class)
                .hasMessage(file + " is encrypted: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
    }

    // ---- DER ----

    @Test
    void derForms() throws Exception {
        String rsa = keys.resolve("rsa.pem").toString();
        String ec = keys.resolve("ec.pem").toString();
        Path pkcs8 = convert("rsa8.der", "pkcs8", "-topk8", "-nocrypt", "-in", rsa, "-outform", "DER", "-out", "rsa8.der");
        Path pkcs1 = convert("rsa1.der", "pkey", "-in", rsa, "-outform", "DER", "-out", "rsa1.der");
        Path sec1 = convert("ec1.der", "pkey", "-in", ec, "-outform", "DER", "-out", "ec1.der");
        Path ec8 = convert("ec8.der", "pkcs8", "-topk8", "-nocrypt", "-in", ec, "-outform", "DER", "-out", "ec8.der");
        assertThat(Der.kind(Files.readAllBytes(pkcs8))).isEqualTo(Der.Kind.PKCS8);
        assertThat(Der.kind(Files.readAllBytes(pkcs1))).isEqualTo(Der.Kind.PKCS1_RSA);
        assertThat(Der.kind(Files.readAllBytes(sec1))).isEqualTo(Der.Kind.SEC1_EC);
        Tools.assertSameKey(load(pkcs8), rsaPublic);
        Tools.assertSameKey(load(pkcs1), rsaPublic);
        Tools.assertSameKey(load(sec1), ecPublic);
        Tools.assertSameKey(load(ec8), ecPublic);
    }

    @Test
    void encryptedPkcs8Der() throws Exception {
        Path file = convert("enc.der", "pkcs8", "-topk8", "-in", keys.resolve("rsa.pem").toString(),
                "-outform", "DER", "-passout", PASS, "-out", "enc.der");
        assertThat(FileKind.sniff(Files.readAllBytes(file))).isEqualTo(FileKind.ENCRYPTED_PRIVATE_KEY);
        Tools.assertSameKey(load(file, "s3cret"), rsaPublic);
        assertThatThrownBy(() -> load(file)).isInstanceOf(MaterialException.class)
                .hasMessage(file + " is encrypted: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
        assertThatThrownBy(() -> load(file, "nope")).isInstanceOf(MaterialException.class)
                .hasMessage(file + ": wrong password (from --key-pass)");
    }

    @Test
    void ed25519Der() throws Exception {
        openssl(tmp, "genpkey", "-algorithm", "ed25519", "-out", "ed.pem");
        Path der = convert("ed.der", "pkey", "-in", "ed.pem", "-outform", "DER", "-out", "ed.der");
        Tools.assertSameKey(load(der), Tools.opensslPublicKey(tmp, "ed.pem"));
    }
}
