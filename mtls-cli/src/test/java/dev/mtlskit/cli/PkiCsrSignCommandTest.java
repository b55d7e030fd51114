package dev.mtlskit.cli;

import static dev.mtlskit.cli.PkiIssueCommandTest.certificates;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.testing.Programs;

class PkiCsrSignCommandTest {

    @TempDir
    Path temp;

    private Path dir;

    @BeforeEach
    void init() {
        dir = temp.resolve("mtls-dev");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString(), "--intermediate").exitCode()).isZero();
    }

    @Test
    void createsAKeyAndACsr() throws Exception {
        PkiTestCli.Result result = PkiTestCli.run("pki", "csr", "api.example.com", "--out-dir", temp.toString(),
                "--uri", "spiffe://example.org/api");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path csr = temp.resolve("api.example.com.csr");
        assertThat(result.out())
                .contains("Subject  CN=api.example.com")
                .contains("Names    DNS:api.example.com, URI:spiffe://example.org/api")
                .contains(temp.resolve("api.example.com.key") + "  private key (secret, mode 0600: it stays here)")
                .contains(csr + "  certificate signing request: send this to the CA")
                .contains("mtls pki sign " + csr + " --purpose server");
        assertThat(Files.readString(csr)).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("api.example.com.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aClientNameIsOnlyTheCn() {
        PkiTestCli.Result result = PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString());

        assertThat(result.out()).contains("Names    (none)").contains("--purpose client");
    }

    @Test
    void signsACsrWithTheDevCa() throws Exception {
        PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString(), "--email", "ops@acme.example");
        Path csr = temp.resolve("acme.csr");

        PkiTestCli.Result result = PkiTestCli.run("pki", "sign", csr.toString(), "--purpose", "client",
                "--dir", dir.toString(), "--days", "90");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path crt = temp.resolve("acme.crt");
        Path chain = temp.resolve("acme-chain.crt");
        assertThat(result.out())
                .contains("Signed " + csr + ":")
                .contains("Names        email:ops@acme.example")
                .contains("Issuer       CN=mtls-kit dev Intermediate CA,O=mtls-kit dev")
                .contains("(90 days)")
                .contains(crt + "        client certificate")
                .contains(chain + "  client certificate and intermediate CA")
                .contains("curl --cert " + chain + " --key " + temp.resolve("acme.key"))
                .contains("openssl verify -CAfile " + dir.resolve("ca.crt") + " -untrusted " + chain
                        + " -purpose sslclient " + crt);
        X509Certificate certificate = certificates(crt).get(0);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=acme");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificates(chain)).hasSize(2);
    }

    @Test
    void signsWithACaGivenAsFilesToAChosenOutput() throws Exception {
        PkiTestCli.run("pki", "csr", "db.internal", "--out-dir", temp.toString());
        Path out = temp.resolve("certs/db.pem");

        PkiTestCli.Result result = PkiTestCli.run("pki", "sign", temp.resolve("db.internal.csr").toString(),
                "--purpose", "server", "--ca-cert", dir.resolve("intermediate.crt").toString(),
                "--ca-key", dir.resolve("intermediate.key").toString(), "--out", out.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(out.toString()).contains(temp.resolve("certs/db-chain.pem").toString())
                .contains("openssl verify -partial_chain -CAfile " + dir.resolve("intermediate.crt"));
        assertThat(certificates(out).get(0).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void signsWithAnEncryptedCaKeyGivenItsPassword() throws Exception {
        Path encryptedKey = temp.resolve("intermediate-encrypted.key");
        Programs.run(List.of(Programs.require("openssl", "openssl (to make an encrypted CA key)").toString(), "pkey", "-in",
                dir.resolve("intermediate.key").toString(), "-aes256", "-passout", "pass:s3cret", "-out", encryptedKey.toString()),
                Duration.ofSeconds(60)).successfulOutput();
        PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString());
        String[] sign = {"pki", "sign", temp.resolve("acme.csr").toString(), "--purpose", "client",
                "--ca-cert", dir.resolve("intermediate.crt").toString(), "--ca-key", encryptedKey.toString()};

        PkiTestCli.Result without = PkiTestCli.run(sign);
        String[] withPassword = java.util.Arrays.copyOf(sign, sign.length + 2);
        withPassword[sign.length] = "--ca-key-pass";
        withPassword[sign.length + 1] = "s3cret";
        PkiTestCli.Result with = PkiTestCli.run(withPassword);

        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.err()).startsWith("error: " + encryptedKey + " is encrypted");
        assertThat(with.exitCode()).as(with.toString()).isZero();
    }

    @Test
    void refusesWhatItCannotSign() throws Exception {
        PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString());
        String csr = temp.resolve("acme.csr").toString();

        assertRefused(new String[] {"pki", "sign", csr, "--purpose", "server", "--dir", dir.toString()},
                "the CSR asks for no DNS name or IP address");
        assertRefused(new String[] {"pki", "sign", csr, "--purpose", "admin", "--dir", dir.toString()},
                "'admin' is not a kind of certificate");
        assertRefused(new String[] {"pki", "sign", csr, "--purpose", "client", "--ca-cert", "x.crt"},
                "--ca-cert and --ca-key go together");
        assertRefused(new String[] {"pki", "sign", temp.resolve("acme.key").toString(), "--purpose", "client",
                "--dir", dir.toString()}, "holds no certificate signing request");
        assertRefused(new String[] {"pki", "sign", csr, "--purpose", "client", "--dir", temp.resolve("none").toString()},
                temp.resolve("none") + "/ has no CA: run 'mtls pki init --dir " + temp.resolve("none") + "' first");
        assertRefused(new String[] {"pki", "sign", csr, "--purpose", "client", "--ca-cert", dir.resolve("acme.crt").toString(),
                "--ca-key", temp.resolve("acme.key").toString()}, "acme.crt");
    }

    @Test
    void refusesToSignWithALeaf() {
        PkiTestCli.run("pki", "issue", "client", "leaf", "--dir", dir.toString());
        PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString());

        PkiTestCli.Result result = PkiTestCli.run("pki", "sign", temp.resolve("acme.csr").toString(), "--purpose", "client",
                "--ca-cert", dir.resolve("leaf.crt").toString(), "--ca-key", dir.resolve("leaf.key").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not a CA certificate");
    }

    @Test
    void csrRefusesToReplaceAKey() {
        PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString());

        PkiTestCli.Result result = PkiTestCli.run("pki", "csr", "acme", "--out-dir", temp.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("acme.key already exists: pass --force");
    }

    private static void assertRefused(String[] args, String message) {
        PkiTestCli.Result result = PkiTestCli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isEqualTo(2);
        assertThat(result.err()).as(String.join(" ", args)).startsWith("error: ").contains(message)
                .doesNotContain("\tat ");
    }
}
