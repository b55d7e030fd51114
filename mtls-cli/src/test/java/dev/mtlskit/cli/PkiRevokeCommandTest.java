package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.mtlskit.testing.Programs;

import picocli.CommandLine;

/**
 * {@code mtls pki revoke} and {@code mtls pki crl}: the dev CA revokes what it issued, its CRL says
 * so to openssl and to {@code mtls verify}, and the gateway the printed command starts refuses the
 * revoked client while another client gets in.
 */
@ResourceLock(ServeLogging.LOCK)
class PkiRevokeCommandTest {

    @TempDir
    Path temp;

    @Test
    void aRevokedClientIsListedInTheCrlThatOpensslAndVerifyRead() throws Exception {
        Path dir = devCa();
        PkiTestCli.Result revoke = PkiTestCli.run("pki", "revoke", "acme", "--reason", "keyCompromise", "--dir", dir.toString());

        assertThat(revoke.exitCode()).as(revoke.toString()).isZero();
        assertThat(revoke.out()).startsWith("Revoked CN=acme:\n").contains("Revoked certificates  1",
                "(keyCompromise)", dir.resolve("crl.pem") + "  the CRL, signed by CN=");
        assertThat(Files.readString(dir.resolve("revoked.tsv"))).contains("\tkeyCompromise\tCN=acme\n");

        Programs.require("openssl", "openssl");
        String read = PrintedCommandsTest.steps(revoke.out()).stream().filter(step -> step.startsWith("openssl crl")).findFirst().orElseThrow();
        Programs.Result text = Programs.run(List.of(read.split(" ")), Duration.ofSeconds(30));
        assertThat(text.exitCode()).as(text.describe()).isZero();
        assertThat(text.stdout()).contains("Key Compromise", "Next Update:");
        Programs.Result verify = Programs.run(List.of("openssl", "verify", "-crl_check", "-CAfile",
                dir.resolve("ca.crt").toString(), "-CRLfile", dir.resolve("crl.pem").toString(), dir.resolve("acme.crt").toString()),
                Duration.ofSeconds(30));
        assertThat(verify.stdout() + verify.stderr()).contains("certificate revoked");

        PkiTestCli.Result strict = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(), "--ca",
                dir.resolve("ca.crt").toString(), "--crl", dir.resolve("crl.pem").toString(), "--purpose", "client");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains("REVOKED");

        PkiTestCli.Result again = PkiTestCli.run("pki", "revoke", "acme", "--dir", dir.toString());
        assertThat(again.out()).as("revoked once").contains("Revoked certificates  1", "(keyCompromise)");
    }

    @Test
    void onlyTheCaThatIssuedACertificateRevokesIt() {
        Path dir = devCa();
        Path other = temp.resolve("other");
        assertThat(PkiTestCli.run("pki", "init", "--dir", other.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "stranger", "--dir", other.toString()).exitCode()).isZero();

        PkiTestCli.Result refused = PkiTestCli.run("pki", "revoke", other.resolve("stranger.crt").toString(), "--dir",
                dir.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).startsWith("error: CN=stranger was not issued by this CA (CN=")
                .endsWith("): only the CA that issued a certificate can revoke it\n");
        assertThat(PkiTestCli.run("pki", "revoke", "nobody", "--dir", dir.toString()).err())
                .startsWith("error: " + dir.resolve("nobody.crt") + " does not exist: give the NAME");
    }

    @Test
    void theCrlCommandWritesAFreshCrl() throws Exception {
        Path dir = devCa();
        PkiTestCli.Result crl = PkiTestCli.run("pki", "crl", "--days", "2", "--dir", dir.toString());

        assertThat(crl.exitCode()).as(crl.toString()).isZero();
        assertThat(crl.out()).contains("Revoked certificates  0");
        Matcher next = Pattern.compile("Next update\\s+(\\S+)").matcher(crl.out());
        assertThat(next.find()).isTrue();
        assertThat(java.time.Instant.parse(next.group(1))).isBetween(java.time.Instant.now().plus(Duration.ofHours(47)),
                java.time.Instant.now().plus(Duration.ofHours(49)));
    }

    @Test
    void theGatewayThePrintedCommandStartsRefusesTheRevokedClientAndAdmitsAnother() throws Exception {
        Programs.require("curl", "curl");
        Path dir = devCa();
        assertThat(PkiTestCli.run("pki", "issue", "client", "bob", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "server", "localhost", "--dir", dir.toString()).exitCode()).isZero();
        PkiTestCli.Result revoke = PkiTestCli.run("pki", "revoke", "acme", "--dir", dir.toString());
        String serve = PrintedCommandsTest.steps(revoke.out()).stream().filter(step -> step.startsWith("mtls serve")).findFirst().orElseThrow()
                .replace("SERVER.crt", dir.resolve("localhost.crt").toString())
                .replace("SERVER.key", dir.resolve("localhost.key").toString());
        List<String> args = new ArrayList<>(List.of(serve.substring("mtls ".length()).split(" ")));
        args.addAll(List.of("--listen", "127.0.0.1:0", "--threads", "1", "--access-log", "off"));

        CapturedLog banner = CapturedLog.of("mtls.serve");
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true));
        ServeCommand command = commandLine.getSubcommands().get("serve").getCommand();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<Integer> exit = executor.submit(() -> commandLine.execute(args.toArray(String[]::new)));
        try {
            assertThat(command.started.await(60, TimeUnit.SECONDS)).as(banner.text()).isTrue();
            Matcher port = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)").matcher(banner.text());
            assertThat(port.find()).as(banner.text()).isTrue();
            assertThat(curl(dir, "bob", port.group(1))).isEqualTo("200");
            assertThat(curl(dir, "acme", port.group(1))).as("revoked: no HTTP answer").isEqualTo("000");
        } finally {
            command.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            executor.shutdownNow();
            banner.close();
        }
    }

    private Path devCa() {
        Path dir = temp.resolve("dev");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString()).exitCode()).isZero();
        return dir;
    }

    private static String curl(Path dir, String client, String port) throws Exception {
        return Programs.run(List.of("curl", "-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}",
                "--resolve", "localhost:" + port + ":127.0.0.1", "--cacert", dir.resolve("ca.crt").toString(),
                "--cert", dir.resolve(client + ".crt").toString(), "--key", dir.resolve(client + ".key").toString(),
                "https://localhost:" + port + "/"), Duration.ofSeconds(20)).stdout();
    }
}
