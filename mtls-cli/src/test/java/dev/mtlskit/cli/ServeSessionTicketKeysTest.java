package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import picocli.CommandLine;

import dev.mtlskit.testing.Programs;

/**
 * {@code mtls serve --session-ticket-keys FILE}: two gateways started with the same file resume each
 * other's sessions (real openssl s_client); the flag is refused with the JDK engine and with
 * {@code --config}, and a file others can read stops the start, naming the fix.
 */
@ResourceLock(ServeLogging.LOCK)
class ServeSessionTicketKeysTest {

    @TempDir
    Path temp;

    private Path dir;
    private Path keys;

    @BeforeEach
    void pki() throws Exception {
        dir = temp.resolve("pki");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "server", "localhost", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString()).exitCode()).isZero();
        keys = temp.resolve("tickets.key");
        Programs.run(List.of(Programs.require("openssl", "openssl").toString(), "rand", "-out", keys.toString(), "48"),
                Duration.ofSeconds(10)).successfulOutput();
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void twoGatewaysStartedWithTheSameKeyFileResumeEachOthersSessions() throws Exception {
        Running first = serve("--session-ticket-keys", keys.toString());
        try {
            Running second = serve("--session-ticket-keys", keys.toString());
            try {
                Path session = temp.resolve("session.pem");
                assertThat(sClient(first.port(), "-sess_out", session.toString())).contains("New, TLSv1.3");
                assertThat(sClient(second.port(), "-sess_in", session.toString())).contains("Reused, TLSv1.3")
                        .contains("HTTP/1.1 200");
            } finally {
                second.stop();
            }
        } finally {
            first.stop();
        }
    }

    @Test
    void theFlagIsRefusedWhereItCannotWork() throws Exception {
        String cert = dir.resolve("localhost-chain.crt").toString();
        String key = dir.resolve("localhost.key").toString();
        String ca = dir.resolve("ca.crt").toString();
        PkiTestCli.Result jdk = PkiTestCli.run("serve", "--cert", cert, "--key", key, "--client-ca", ca,
                "--tls-provider", "jdk", "--session-ticket-keys", keys.toString());
        assertThat(jdk.exitCode()).isEqualTo(2);
        assertThat(jdk.err()).isEqualTo("error: --session-ticket-keys with --tls-provider jdk: the JDK engine makes its "
                + "own session-ticket keys and cannot take shared ones; drop one of the two\n");
        assertThat(PkiTestCli.run("serve", "--config", temp.resolve("g.yaml").toString(), "--session-ticket-keys",
                keys.toString()).err()).isEqualTo("error: --config replaces the one-listener flags (--session-ticket-keys): "
                + "put those settings in " + temp.resolve("g.yaml") + "\n");

        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-rw-r--"));
        PkiTestCli.Result open = PkiTestCli.run("serve", "--cert", cert, "--key", key, "--client-ca", ca,
                "--listen", "127.0.0.1:0", "--session-ticket-keys", keys.toString());
        assertThat(open.exitCode()).isEqualTo(2);
        assertThat(open.err()).isEqualTo("error: " + keys + " can be read by others than its owner (rw-rw-r--): whoever "
                + "reads a session-ticket key can decrypt the sessions it protects; make it private: chmod 600 " + keys + "\n");
    }

    private record Running(ServeCommand serve, Future<Integer> exit, ExecutorService executor, int port) {
        void stop() throws Exception {
            serve.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            executor.shutdownNow();
        }
    }

    private Running serve(String... options) throws Exception {
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true));
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        List<String> arguments = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0", "--threads", "1",
                "--cert", dir.resolve("localhost-chain.crt").toString(), "--key", dir.resolve("localhost.key").toString(),
                "--client-ca", dir.resolve("ca.crt").toString(), "--access-log", "off"));
        arguments.addAll(List.of(options));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (CapturedLog out = CapturedLog.of("mtls.serve")) {
            Future<Integer> exit = executor.submit(() -> commandLine.execute(arguments.toArray(String[]::new)));
            assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + out.text()).isTrue();
            Matcher port = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)").matcher(out.text());
            assertThat(port.find()).as(out.text()).isTrue();
            return new Running(serve, exit, executor, Integer.parseInt(port.group(1)));
        }
    }

    private String sClient(int port, String... session) throws Exception {
        List<String> command = new ArrayList<>(List.of(Programs.require("openssl", "openssl").toString(), "s_client",
                "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-CAfile", dir.resolve("ca.crt").toString(),
                "-cert", dir.resolve("acme.crt").toString(), "-key", dir.resolve("acme.key").toString(), "-ign_eof"));
        command.addAll(List.of(session));
        Programs.Result result = Programs.run(command, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(30));
        return result.stdout() + "\n" + result.describe();
    }
}
