package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

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
        dir = PkiTestCli.serverAndClient(temp.resolve("pki"));
        keys = temp.resolve("tickets.key");
        Programs.run(List.of(Programs.require("openssl", "openssl").toString(), "rand", "-out", keys.toString(), "48"),
                Duration.ofSeconds(10)).successfulOutput();
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void twoGatewaysStartedWithTheSameKeyFileResumeEachOthersSessions() throws Exception {
        ServeInProcess first = serve("--session-ticket-keys", keys.toString());
        try {
            ServeInProcess second = serve("--session-ticket-keys", keys.toString());
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

    private ServeInProcess serve(String... options) throws Exception {
        return ServeInProcess.start(dir, options);
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
