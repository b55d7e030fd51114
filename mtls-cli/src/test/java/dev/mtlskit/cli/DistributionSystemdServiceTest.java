package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.DevPki;
import dev.mtlskit.testing.Programs;

/**
 * deploy/systemd/mtls.service run by a real systemd (in a podman container, systemd as its init), with
 * the archive extracted to /opt/mtls: the gateway starts as a dynamic user under the unit's sandbox
 * (BoringSSL's native library unpacked in the private /tmp), answers an mTLS request, reloads on
 * {@code systemctl reload} and drains and stops on {@code systemctl stop}. Skipped where podman is missing.
 */
class DistributionSystemdServiceTest {

    /** The base image with systemd added (from Debian's packages), made once per machine. */
    private static final String SYSTEMD_IMAGE = "localhost/mtls-base-jre-systemd:17";

    @TempDir
    Path temp;

    @Test
    void systemdRunsTheGatewaySandboxedReloadsAndStopsItCleanly() throws Exception {
        Programs.require("podman", "podman");
        Path home = DistributionArchiveTest.extract(DistributionArchiveTest.archive(), temp);
        DistributionContainerImageTest.ensureBaseImage();
        ensureSystemdImage();

        DevPki pki = DevPki.ensure(temp.resolve("pki"));
        Path etc = Files.createDirectories(temp.resolve("etc-mtls"));
        for (Path file : List.of(pki.server().chain(), pki.server().key(), pki.caCertificate(), pki.client().certificate(),
                pki.client().key())) {
            Files.copy(file, etc.resolve(file.getFileName()));
        }
        Files.writeString(etc.resolve("gateway.yaml"), String.join("\n",
                "admin:",
                "  listen: 127.0.0.1:9901",
                "upstreams:",
                "  echo:",
                "    url: \"echo:\"",
                "listeners:",
                "  - name: public",
                "    listen: 0.0.0.0:8443",
                "    tls:",
                "      cert: /etc/mtls/" + pki.server().chain().getFileName(),
                "      key: /etc/mtls/" + pki.server().key().getFileName(),
                "      client_ca: /etc/mtls/" + pki.caCertificate().getFileName(),
                "    routes:",
                "      - path: /",
                "        upstream: echo",
                ""));
        // The files a dynamic user reads must be readable by others. The key is too here: systemd 252 in a
        // container leaves LoadCredential='s directory empty (for every unit, root's too), so the drop-in
        // names the key in /etc/mtls instead of the credential, and changes nothing else of the unit.
        try (var files = Files.list(etc)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        Path dropIn = Files.createDirectories(temp.resolve("mtls.service.d"));
        Files.writeString(dropIn.resolve("test.conf"), "[Service]\nLoadCredential=\n");
        String container = "mtls-systemd-test-" + UUID.randomUUID();
        try {
            podman(Duration.ofSeconds(60), "run", "-d", "--name", container, "--privileged", "--systemd=always",
                    "--network", "none", "-v", home + ":/opt/mtls:ro", "-v", etc + ":/etc/mtls:ro",
                    "-v", Path.of("..", "deploy", "systemd", "mtls.service").toAbsolutePath().normalize()
                            + ":/etc/systemd/system/mtls.service:ro",
                    "-v", dropIn + ":/etc/systemd/system/mtls.service.d:ro", SYSTEMD_IMAGE, "/sbin/init").successfulOutput();
            awaitOutput(container, List.of("systemctl", "is-system-running"), "running", "degraded");
            exec(container, "systemctl", "start", "mtls").successfulOutput();
            awaitOutput(container, List.of("journalctl", "-u", "mtls", "--no-pager"), "admin listener on http://127.0.0.1:9901");

            String mainPid = exec(container, "systemctl", "show", "-p", "MainPID", "--value", "mtls").successfulOutput().strip();
            assertThat(exec(container, "ps", "-o", "uid=", "-p", mainPid).successfulOutput().strip())
                    .as("the JVM runs as a dynamic user, not root").isNotEqualTo("0");
            Programs.Result call = exec(container, "curl", "-sS", "--max-time", "20", "-w", "\n%{http_code}",
                    "--resolve", "localhost:8443:127.0.0.1", "--cacert", "/etc/mtls/" + pki.caCertificate().getFileName(),
                    "--cert", "/etc/mtls/" + pki.client().certificate().getFileName(),
                    "--key", "/etc/mtls/" + pki.client().key().getFileName(), "https://localhost:8443/orders");
            assertThat(call.exitCode()).as(call.describe()).isZero();
            assertThat(call.status()).isEqualTo(200);

            exec(container, "systemctl", "reload", "mtls").successfulOutput();
            awaitOutput(container, List.of("journalctl", "-u", "mtls", "--no-pager"), "configuration reloaded: ");

            exec(container, "systemctl", "stop", "mtls").successfulOutput();
            String stopped = exec(container, "systemctl", "show", "-p", "Result", "-p", "ExecMainStatus", "-p", "ActiveState",
                    "mtls").successfulOutput();
            assertThat(stopped).as("drained and stopped within TimeoutStopSec")
                    .contains("Result=success", "ActiveState=inactive", "ExecMainStatus=0");
            assertThat(exec(container, "journalctl", "-u", "mtls", "--no-pager").stdout())
                    .contains("stopping (SIGTERM): /readyz answers 503 from now on", "shutting down: finishing requests in flight");
        } finally {
            podman(Duration.ofSeconds(60), "rm", "-f", container);
        }
    }

    /** The Java base with systemd as init, from Debian's packages (the build reaches Debian's mirrors). */
    private static void ensureSystemdImage() throws Exception {
        if (podman(Duration.ofSeconds(30), "image", "exists", SYSTEMD_IMAGE).exitCode() == 0) {
            return;
        }
        Path context = Files.createTempDirectory("mtls-systemd-image");
        try {
            Files.writeString(context.resolve("Containerfile"), "FROM " + DistributionContainerImageTest.BASE_IMAGE + "\n"
                    + "RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "
                    + "systemd systemd-sysv procps >/dev/null && rm -rf /var/lib/apt/lists/*\n");
            podman(Duration.ofMinutes(10), "build", "--network", "host", "-t", SYSTEMD_IMAGE, context.toString())
                    .successfulOutput();
        } finally {
            Files.deleteIfExists(context.resolve("Containerfile"));
            Files.deleteIfExists(context);
        }
    }

    private static Programs.Result exec(String container, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("exec", container));
        args.addAll(List.of(command));
        return podman(Duration.ofSeconds(60), args.toArray(String[]::new));
    }

    /** Waits until the command's output contains one of {@code expected}; fails with the last output. */
    private static void awaitOutput(String container, List<String> command, String... expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String output = "";
        while (System.nanoTime() < deadline) {
            output = exec(container, command.toArray(String[]::new)).stdout();
            for (String text : expected) {
                if (output.contains(text)) {
                    return;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no " + List.of(expected) + " in the output of " + command + ":\n" + output);
    }

    private static Programs.Result podman(Duration timeout, String... args) throws Exception {
        return DistributionContainerImageTest.podman(timeout, args);
    }
}
