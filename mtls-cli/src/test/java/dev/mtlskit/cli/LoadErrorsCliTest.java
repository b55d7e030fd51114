package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.testing.Programs;

/**
 * Key material that cannot be used, through the CLI: one line on standard error that names the
 * file, the cause and the fix, exit code 2, no stack trace.
 */
class LoadErrorsCliTest {

    @TempDir
    Path temp;

    private Path ca;
    private Path clientCert;
    private Path clientKey;

    @BeforeEach
    void files() throws Exception {
        HeldCertificate root = HeldCertificate.builder().commonName("Root").certificateAuthority(0).build();
        HeldCertificate client = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT).signedBy(root).build();
        ca = temp.resolve("ca.pem");
        PemWriter.writeCertificates(ca, List.of(root.certificate()));
        clientCert = temp.resolve("client.crt");
        PemWriter.writeCertificates(clientCert, List.of(client.certificate()));
        clientKey = temp.resolve("client.key");
        PemWriter.writePrivateKey(clientKey, client.keyPair().getPrivate());
    }

    private void assertError(PkiTestCli.Result result, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("error: " + message + "\n");
    }

    private PkiTestCli.Result verifyWithCa(Path caFile) {
        return PkiTestCli.run("verify", "--cert", clientCert.toString(), "--ca", caFile.toString());
    }

    @Test
    void garbageInsteadOfCertificates() throws Exception {
        Path garbage = temp.resolve("ca-garbage.pem");
        Files.writeString(garbage, "this is not a certificate\n");
        assertError(verifyWithCa(garbage), garbage + " holds no certificate: no PEM block and not DER "
                + "(expected -----BEGIN CERTIFICATE-----)");
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = temp.resolve("empty.pem");
        Files.write(empty, new byte[0]);
        assertError(verifyWithCa(empty), empty + " holds no certificate (the file is empty): pass a PEM or DER certificate file");
    }

    @Test
    void keyInsteadOfCertificate() {
        assertError(verifyWithCa(clientKey), clientKey
                + " holds no certificate (it looks like a private key): pass the certificate file, not the key");
    }

    @Test
    void corruptedCertificate() throws Exception {
        Path corrupted = temp.resolve("corrupted.pem");
        String pem = Files.readString(ca);
        Files.writeString(corrupted, pem.substring(0, 60) + "!!!!" + pem.substring(64));
        assertError(verifyWithCa(corrupted), corrupted
                + ": certificate number 1 is corrupted (bad base64 or DER): re-download or re-export it");
    }

    @Test
    void directoryInsteadOfFile() {
        assertError(verifyWithCa(temp), temp + " is a directory, not a certificate or key file: pass the file itself");
    }

    @Test
    void certificateInsteadOfKey() {
        assertError(PkiTestCli.run("verify", "--cert", clientCert.toString(), "--key", clientCert.toString(),
                "--ca", ca.toString()), clientCert + " holds no private key (it looks like a certificate): pass the key file, not the certificate");
    }

    @Test
    void encryptedKeyWithoutAndWithAWrongPassword() throws Exception {
        Path encrypted = temp.resolve("encrypted.key");
        Path password = temp.resolve("pass.txt");
        Files.writeString(password, "wrong\n", StandardCharsets.UTF_8);
        Programs.run(List.of(Programs.require("openssl", "openssl").toString(), "pkcs8", "-topk8", "-in", clientKey.toString(),
                "-out", encrypted.toString(), "-passout", "pass:s3cret"), Duration.ofSeconds(60)).successfulOutput();
        assertError(PkiTestCli.run("verify", "--cert", clientCert.toString(), "--key", encrypted.toString(), "--ca", ca.toString()),
                encrypted + " is encrypted: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
        assertError(PkiTestCli.run("verify", "--cert", clientCert.toString(), "--key", encrypted.toString(),
                "--key-pass-file", password.toString(), "--ca", ca.toString()), encrypted + ": wrong password (from --key-pass-file " + password + ")");
        PkiTestCli.Result right = PkiTestCli.run("verify", "--cert", clientCert.toString(), "--key", encrypted.toString(),
                "--key-pass", "s3cret", "--ca", ca.toString());
        assertThat(right.exitCode()).as(right.toString()).isZero();
    }

    @Test
    void pkcs1AndPkcs8KeysBothLoad() throws Exception {
        HeldCertificate root = HeldCertificate.builder().commonName("RSA Root").keyType(KeyType.RSA_2048).certificateAuthority(0).build();
        HeldCertificate rsaClient = HeldCertificate.builder().commonName("rsa-client").keyType(KeyType.RSA_2048)
                .purpose(Purpose.CLIENT).signedBy(root).build();
        Path cert = temp.resolve("rsa.crt");
        PemWriter.writeCertificates(cert, List.of(rsaClient.certificate()));
        Path rootFile = temp.resolve("rsa-root.pem");
        PemWriter.writeCertificates(rootFile, List.of(root.certificate()));
        Path pkcs8 = temp.resolve("rsa-pkcs8.key");
        PemWriter.writePrivateKey(pkcs8, rsaClient.keyPair().getPrivate());
        Path pkcs1 = temp.resolve("rsa-pkcs1.key");
        Files.writeString(pkcs1, PemWriter.pem(rsaClient.keyPair().getPrivate())); // BouncyCastle writes RSA PRIVATE KEY
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        for (Path key : List.of(pkcs8, pkcs1)) {
            PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", cert.toString(), "--key", key.toString(),
                    "--ca", rootFile.toString(), "--purpose", "client");
            assertThat(result.exitCode()).as(key + "\n" + result).isZero();
        }
    }
}
