package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.channel.uring.IoUring;

import dev.mtlskit.testing.Programs;

/**
 * {@code mtls serve --transport}: each transport this machine has serves mTLS requests (real openssl
 * s_client) and the start says which one runs; auto picks io_uring where the kernel allows it; an
 * unknown name or a transport the machine lacks is refused with what to use instead.
 */
@ResourceLock(ServeLogging.LOCK)
class ServeTransportTest {

    @TempDir
    Path temp;

    private Path dir;

    @BeforeEach
    void pki() {
        dir = temp.resolve("pki");
        assertThat(PkiTestCli.run("pki", "init", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "server", "localhost", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "acme", "--dir", dir.toString()).exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void eachTransportServesMutualTls(String transport) throws Exception {
        if (transport.equals("io_uring") && !IoUring.isAvailable()) {
            // The refusal is what this machine can check: the transport itself runs where the kernel allows it.
            PkiTestCli.Result refused = PkiTestCli.run("serve", "--listen", "127.0.0.1:0", "--transport", "io_uring",
                    "--cert", dir.resolve("localhost-chain.crt").toString(), "--key", dir.resolve("localhost.key").toString(),
                    "--client-ca", dir.resolve("ca.crt").toString());
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).startsWith("error: --transport: io_uring cannot be used here (")
                    .endsWith("): use --transport epoll or auto\n");
            return;
        }
        ServeInProcess running = serve("--transport", transport);
        try {
            assertThat(running.log()).contains("1 event loop thread(s) on " + transport);
            assertThat(sClient(running.port())).contains("HTTP/1.1 200");
        } finally {
            running.stop();
        }
    }

    @Test
    void autoPicksIoUringWhereTheKernelAllowsIt() throws Exception {
        ServeInProcess running = serve();
        try {
            assertThat(running.log()).contains("1 event loop thread(s) on " + (IoUring.isAvailable() ? "io_uring" : "epoll"));
            assertThat(sClient(running.port())).contains("HTTP/1.1 200");
        } finally {
            running.stop();
        }
    }

    @Test
    void anUnknownTransportIsRefused() {
        PkiTestCli.Result result = PkiTestCli.run("serve", "--listen", "127.0.0.1:0", "--transport", "kqueue",
                "--cert", dir.resolve("localhost-chain.crt").toString(), "--key", dir.resolve("localhost.key").toString(),
                "--client-ca", dir.resolve("ca.crt").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: --transport: unknown transport kqueue: use auto, io_uring, epoll or nio\n");
    }

    private ServeInProcess serve(String... options) throws Exception {
        return ServeInProcess.start(dir, options);
    }

    private String sClient(int port) throws Exception {
        List<String> command = List.of(Programs.require("openssl", "openssl").toString(), "s_client",
                "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-CAfile", dir.resolve("ca.crt").toString(),
                "-cert", dir.resolve("acme.crt").toString(), "-key", dir.resolve("acme.key").toString(), "-ign_eof");
        Programs.Result result = Programs.run(command, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(30));
        return result.stdout() + "\n" + result.describe();
    }
}
