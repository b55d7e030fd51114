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

    private static final String NO_NATIVE = "-Dio.netty.transport.noNative=true";

    @TempDir
    Path temp;

    private Path dir;

    @BeforeEach
    void pki() {
        dir = PkiTestCli.serverAndClient(temp.resolve("pki"));
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
        List<String> auto = new java.util.ArrayList<>(ServeInProcess.arguments(dir));
        auto.addAll(List.of("--transport", "auto"));
        servesMutualTls(List.of(NO_NATIVE), auto, "nio");
    }

    @Test
    void byDefaultOneEventLoopPerCore() throws Exception {
        Path err = temp.resolve("default.err");
        Process serve = ServeProcess.start(List.of(), List.of(), temp.resolve("serve.out"), err, List.of("serve",
                "--listen", "127.0.0.1:0", "--cert", dir.resolve("localhost-chain.crt").toString(),
                "--key", dir.resolve("localhost.key").toString(), "--client-ca", dir.resolve("ca.crt").toString()));
        try {
            String loops = ProcessOutput.await(err, Pattern.compile("(\\d+) event loop thread\\(s\\) on "));
            // The JVM of the process counts the same cores as this one (same machine, same container limits).
            assertThat(Integer.parseInt(loops)).isEqualTo(Runtime.getRuntime().availableProcessors());
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Netty unpacks BoringSSL's native library into the temporary directory: where no file can be
     * created there (a read-only file system; /proc stands in for one), the start says so and what
     * to do, and both pieces of advice work: another directory for Netty, or the JDK's engine.
     */
    @Test
    void aTemporaryDirectoryThatTakesNoFileStopsTheStartWithWhatToDo() throws Exception {
        List<String> unwritable = List.of("-Djava.io.tmpdir=/proc/self");
        Path err = temp.resolve("refused.err");
        Process refused = ServeProcess.start(List.of(), unwritable, temp.resolve("serve.out"), err, ServeInProcess.arguments(dir));
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(3);
        assertThat(Files.readString(err)).isEqualTo("error: the gateway did not start: BoringSSL (netty-tcnative) "
                + "cannot be used here: its native library cannot be unpacked into the directory /proc/self (no file can "
                + "be created there): make it writable, or point Netty to a writable directory with "
                + "MTLS_JAVA_OPTS=-Dio.netty.native.workdir=DIR; or use the JDK's TLS engine (--tls-provider jdk, or "
                + "provider: jdk in a listener's tls settings)\n");

        Path work = Files.createDirectories(temp.resolve("netty-work"));
        List<String> advised = List.of("-Djava.io.tmpdir=/proc/self", "-Dio.netty.native.workdir=" + work);
        servesMutualTls(advised, ServeInProcess.arguments(dir), "io_uring|epoll");
        List<String> jdk = new java.util.ArrayList<>(ServeInProcess.arguments(dir));
        jdk.addAll(List.of("--tls-provider", "jdk"));
        servesMutualTls(unwritable, jdk, "nio"); // without native libraries, the transport is Java's own too
    }

    /** The same on a file system mounted noexec (a hardened container's /tmp), where a root test may mount one. */
    @Test
    void aTemporaryDirectoryMountedNoexecStopsTheStartWithWhatToDo() throws Exception {
        Path noexec = Files.createDirectories(temp.resolve("noexec"));
        Programs.Result mount = Programs.run(List.of("mount", "-t", "tmpfs", "-o", "noexec,size=64m", "tmpfs",
                noexec.toString()), Duration.ofSeconds(10));
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.exitCode() == 0,
                "mounting a noexec tmpfs needs root (CAP_SYS_ADMIN): " + mount.describe());
        try {
            Path err = temp.resolve("noexec.err");
            Process refused = ServeProcess.start(List.of(), List.of("-Djava.io.tmpdir=" + noexec), temp.resolve("serve.out"),
                    err, ServeInProcess.arguments(dir));
            assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(refused.exitValue()).isEqualTo(3);
            assertThat(Files.readString(err)).isEqualTo("error: the gateway did not start: BoringSSL (netty-tcnative) "
                    + "cannot be used here: its native library cannot be loaded from the directory " + noexec + ", which is "
                    + "on a file system mounted noexec: point Netty to a directory on another with "
                    + "MTLS_JAVA_OPTS=-Dio.netty.native.workdir=DIR; or use the JDK's TLS engine (--tls-provider jdk, or "
                    + "provider: jdk in a listener's tls settings)\n");
        } finally {
            Programs.run(List.of("umount", noexec.toString()), Duration.ofSeconds(10));
        }
    }

    private void servesMutualTls(List<String> jvmOptions, List<String> args, String transports) throws Exception {
        Path err = temp.resolve("serving-" + System.nanoTime() + ".err");
        Process serve = ServeProcess.start(List.of(), jvmOptions, temp.resolve("serve.out"), err, args);
        try {
            int port = Integer.parseInt(ProcessOutput.await(err, Pattern.compile("on https://127\\.0\\.0\\.1:(\\d+)")));
            assertThat(Files.readString(err)).containsPattern("1 event loop thread\\(s\\) on (" + transports + ")\n");
            assertThat(sClient(port)).contains("HTTP/1.1 200");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** {@code mtls serve} in a JVM where Netty does not load its native transports. */
    private Process withoutNativeTransports(Path err, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(ServeInProcess.arguments(dir));
        args.addAll(List.of(options));
        return ServeProcess.start(List.of(), List.of(NO_NATIVE), temp.resolve("serve.out"), err, args);
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
