package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.testing.Programs;

/** What {@code mtls pki} writes must satisfy the real openssl, the reference most peers agree with. */
class PkiOpensslTest {

    @TempDir
    Path temp;

    @BeforeAll
    static void requireOpenssl() {
        Programs.require("openssl", "openssl");
    }

    @Test
    void aClientCertificatePassesOpensslVerifyAsSslclient() {
        Path dir = temp.resolve("mtls-dev");
        mtls("pki", "init", "--dir", dir.toString());
        mtls("pki", "issue", "client", "acme", "--dir", dir.toString());

        assertVerifies("-CAfile", dir.resolve("ca.crt").toString(), "-purpose", "sslclient", dir.resolve("acme.crt").toString());
        assertRejected("-CAfile", dir.resolve("ca.crt").toString(), "-purpose", "sslserver", dir.resolve("acme.crt").toString());
    }

    @Test
    void aServerCertificatePassesOpensslVerifyAsSslserverForItsName() {
        Path dir = temp.resolve("mtls-dev");
        mtls("pki", "init", "--dir", dir.toString(), "--rsa", "2048");
        mtls("pki", "issue", "server", "localhost", "--dir", dir.toString(), "--ip", "127.0.0.1");

        assertVerifies("-CAfile", dir.resolve("ca.crt").toString(), "-purpose", "sslserver",
                "-verify_hostname", "localhost", dir.resolve("localhost.crt").toString());
        assertVerifies("-CAfile", dir.resolve("ca.crt").toString(), "-purpose", "sslserver",
                "-verify_ip", "127.0.0.1", dir.resolve("localhost.crt").toString());
        assertRejected("-CAfile", dir.resolve("ca.crt").toString(), "-purpose", "sslserver",
                "-verify_hostname", "example.com", dir.resolve("localhost.crt").toString());
    }

    @Test
    void withAnIntermediateTheChainVerifiesForBothPurposes() {
        Path dir = temp.resolve("mtls-dev");
        mtls("pki", "init", "--dir", dir.toString(), "--intermediate");
        mtls("pki", "issue", "client", "acme", "--dir", dir.toString());
        mtls("pki", "issue", "dual", "svc.example.com", "--dir", dir.toString());

        String ca = dir.resolve("ca.crt").toString();
        assertVerifies("-CAfile", ca, "-untrusted", dir.resolve("intermediate.crt").toString(), "-purpose", "sslclient",
                dir.resolve("acme.crt").toString());
        assertVerifies("-CAfile", ca, "-untrusted", dir.resolve("acme-chain.crt").toString(), "-purpose", "sslclient",
                dir.resolve("acme.crt").toString());
        assertVerifies("-CAfile", ca, "-untrusted", dir.resolve("intermediate.crt").toString(), "-purpose", "sslserver",
                dir.resolve("svc.example.com.crt").toString());
        assertVerifies("-CAfile", ca, "-untrusted", dir.resolve("intermediate.crt").toString(), "-purpose", "sslclient",
                dir.resolve("svc.example.com.crt").toString());
        // Without the intermediate the chain is incomplete: the chain file is needed.
        assertRejected("-CAfile", ca, "-purpose", "sslclient", dir.resolve("acme.crt").toString());
    }

    @Test
    void aCsrMadeByOpensslIsSignedIntoAVerifiableCertificate() {
        Path dir = temp.resolve("mtls-dev");
        mtls("pki", "init", "--dir", dir.toString());
        Path key = temp.resolve("legacy.key");
        Path csr = temp.resolve("legacy.csr");
        // The common legacy form: the host name only as CN, and a greedy CA:TRUE request that must be ignored.
        Result req = openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=legacy.example.com",
                "-addext", "basicConstraints=critical,CA:TRUE");
        assertThat(req.exitCode()).as(req.output()).isZero();

        mtls("pki", "sign", csr.toString(), "--purpose", "server", "--dir", dir.toString());

        Path crt = temp.resolve("legacy.crt");
        assertVerifies("-CAfile", dir.resolve("ca.crt").toString(), "-purpose", "sslserver",
                "-verify_hostname", "legacy.example.com", crt.toString());
        Result text = openssl("x509", "-in", crt.toString(), "-noout", "-text");
        assertThat(text.output()).contains("CA:FALSE").doesNotContain("CA:TRUE");
    }

    @Test
    void opensslReadsTheCsrAndThePkcs12File() throws IOException {
        Path dir = temp.resolve("mtls-dev");
        mtls("pki", "init", "--dir", dir.toString());
        mtls("pki", "csr", "api.example.com", "--out-dir", temp.toString());
        Path passwordFile = temp.resolve("pass.txt");
        Files.writeString(passwordFile, "changeit\n");
        mtls("pki", "issue", "client", "acme", "--dir", dir.toString(), "--p12", "--p12-pass-file", passwordFile.toString());

        Result csr = openssl("req", "-in", temp.resolve("api.example.com.csr").toString(), "-noout", "-verify", "-text");
        Result p12 = openssl("pkcs12", "-in", dir.resolve("acme.p12").toString(), "-passin", "file:" + passwordFile,
                "-nokeys", "-info");

        assertThat(csr.exitCode()).as(csr.output()).isZero();
        assertThat(csr.output()).contains("DNS:api.example.com");
        assertThat(p12.exitCode()).as(p12.output()).isZero();
        assertThat(p12.output()).contains("subject=CN = acme").contains("AES-256");
    }

    private static void mtls(String... args) {
        PkiTestCli.Result result = PkiTestCli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isZero();
    }

    private static void assertVerifies(String... args) {
        Result result = openssl(verify(args));
        assertThat(result.exitCode()).as("openssl " + String.join(" ", verify(args)) + "\n" + result.output()).isZero();
        assertThat(result.output()).contains(": OK");
    }

    private static void assertRejected(String... args) {
        Result result = openssl(verify(args));
        assertThat(result.exitCode()).as("openssl " + String.join(" ", verify(args)) + "\n" + result.output()).isNotZero();
    }

    private static String[] verify(String... args) {
        List<String> all = new ArrayList<>();
        all.add("verify");
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    record Result(int exitCode, String output) {
    }

    private static Result openssl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Programs.Result result = Programs.run(command, Duration.ofSeconds(60));
            return new Result(result.exitCode(), result.stdout() + result.stderr());
        } catch (IOException e) {
            return new Result(-1, "cannot run openssl: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
