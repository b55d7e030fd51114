package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

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

    /**
     * A JVM without Netty's native transports (as where their libraries cannot load: another CPU
     * architecture, a noexec temporary directory): io_uring and epoll are refused with the
     * transport that works here, and auto, as that advice says, serves on NIO.
     */
    @Test
    void withoutNativeTransportsTheyAreRefusedAndAutoServesOnNio() throws Exception {
        String disabled = "(Native transport was explicit disabled with -Dio.netty.transport.noNative=true)";
        for (String transport : List.of("io_uring", "epoll")) {
            Path err = temp.resolve(transport + ".err");
            Process refused = withoutNativeTransports(err, "--transport", transport);
            assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.exitValue()).isEqualTo(2);
            assertThat(Files.readString(err)).isEqualTo("error: --transport: " + transport + " cannot be used here "
                    + disabled + ": use --transport nio or auto\n");
        }
        Path err = temp.resolve("auto.err");
        Process auto = withoutNativeTransports(err, "--transport", "auto");
        try {
            int port = Integer.parseInt(ProcessOutput.await(err, Pattern.compile("on https://127\\.0\\.0\\.1:(\\d+)")));
            assertThat(Files.readString(err)).contains("1 event loop thread(s) on nio");
            assertThat(sClient(port)).contains("HTTP/1.1 200");
        } finally {
            auto.destroy();
            assertThat(auto.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** {@code mtls serve} in a JVM where Netty does not load its native transports. */
    private Process withoutNativeTransports(Path err, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dio.netty.transport.noNative=true",
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                MtlsCommand.class.getName(), "serve", "--listen", "127.0.0.1:0", "--threads", "1",
                "--cert", dir.resolve("localhost-chain.crt").toString(), "--key", dir.resolve("localhost.key").toString(),
                "--client-ca", dir.resolve("ca.crt").toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectOutput(temp.resolve("serve.out").toFile()).redirectError(err.toFile())
                .start();
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
