package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.testing.Programs;

/**
 * The Containerfile builds an image from the extracted distribution archive (with podman, on a Java
 * base image made from Debian's packages: no registry is needed), and a zero-config {@code mtls serve}
 * in it runs as a user other than root, is healthy by the image's HEALTHCHECK (the admin /healthz)
 * and answers an mTLS request. Skipped where podman is not installed.
 */
class DistributionContainerImageTest {

    /** Made by deploy/container/local-base-image once per machine, then reused. */
    static final String BASE_IMAGE = "localhost/mtls-base-jre:17";

    @TempDir
    Path temp;

    @Test
    void theImageRunsTheGatewayAsAUserOtherThanRootAndIsHealthy() throws Exception {
        Programs.require("podman", "podman");
        Path context = DistributionArchiveTest.extract(DistributionArchiveTest.archive(), temp);
        ensureBaseImage();
        String image = "localhost/mtls-test-" + UUID.randomUUID();
        String container = "mtls-test-" + UUID.randomUUID();
        try {
            podman(Duration.ofMinutes(5), "build", "--format", "docker", "--network", "none", "--build-arg",
                    "BASE_IMAGE=" + BASE_IMAGE, "-t", image, context.toString()).successfulOutput();
            String config = podman(Duration.ofSeconds(30), "image", "inspect", "--format",
                    "{{.Config.User}}|{{json .Config.ExposedPorts}}|{{json .Config.Healthcheck.Test}}|{{json .Config.Entrypoint}}",
                    image).successfulOutput();
            assertThat(config).contains("10001:10001|", "\"8443/tcp\"", "\"9901/tcp\"",
                    "http://127.0.0.1:9901/healthz", "[\"/opt/mtls/bin/mtls\"]");

            // Zero config: the dev PKI in the user's home, the admin listener on localhost:9901.
            podman(Duration.ofSeconds(60), "run", "-d", "--name", container, "--network", "none", image, "serve")
                    .successfulOutput();
            awaitLog(container, "admin listener on http://localhost:9901");
            Programs.Result health = podman(Duration.ofSeconds(30), "healthcheck", "run", container);
            assertThat(health.exitCode()).as(health.describe()).isZero();
            assertThat(podman(Duration.ofSeconds(30), "exec", container, "id", "-u").successfulOutput()).isEqualTo("10001\n");
            Programs.Result call = podman(Duration.ofSeconds(60), "exec", container, "curl", "-sS", "--max-time", "20",
                    "-w", "\n%{http_code}", "--cert", "mtls-dev/client.crt", "--key", "mtls-dev/client.key", "--cacert",
                    "mtls-dev/ca.crt", "https://localhost:8443/orders");
            assertThat(call.exitCode()).as(call.describe()).isZero();
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.body()).contains("\"subject\":\"CN=dev-client\"");

            // podman stop sends SIGTERM to the JVM (bin/mtls exec'd it): it drains, stops and exits 0.
            podman(Duration.ofSeconds(60), "stop", "-t", "30", container).successfulOutput();
            assertThat(podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.ExitCode}}", container)
                    .successfulOutput().strip()).isEqualTo("0");
            assertThat(podman(Duration.ofSeconds(30), "logs", container).stderr())
                    .contains("stopping (SIGTERM): /readyz answers 503 from now on", "shutting down: finishing requests in flight");
        } finally {
            podman(Duration.ofSeconds(60), "rm", "-f", container);
            podman(Duration.ofSeconds(60), "rmi", "-f", image);
        }
    }

    /** The base image, made from Debian's packages where it is missing (root and debootstrap needed). */
    static void ensureBaseImage() throws Exception {
        if (podman(Duration.ofSeconds(30), "image", "exists", BASE_IMAGE).exitCode() == 0) {
            return;
        }
        assumeTrue(Programs.isInstalled("debootstrap") && "root".equals(System.getProperty("user.name")),
                "no base image " + BASE_IMAGE + ": make it once with deploy/container/local-base-image (as root, with "
                        + "debootstrap: apt-get install debootstrap)");
        Path script = Path.of("..", "deploy", "container", "local-base-image").toAbsolutePath().normalize();
        Programs.Result made = Programs.run(List.of(script.toString(), BASE_IMAGE), Duration.ofMinutes(15));
        assertThat(made.exitCode()).as(made.describe()).isZero();
    }

    private static void awaitLog(String container, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String logs = "";
        while (System.nanoTime() < deadline) {
            logs = podman(Duration.ofSeconds(30), "logs", container).stderr();
            if (logs.contains(line)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no \"" + line + "\" in the container's log:\n" + logs);
    }

    /**
     * podman with the settings this kind of machine needs (containers.conf may say so too): runc,
     * which works with hybrid cgroups where crun does not, and the default ulimits, which may not be raised.
     */
    static Programs.Result podman(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman"));
        if (Programs.isInstalled("runc")) {
            command.addAll(List.of("--runtime", "runc"));
        }
        List<String> rest = List.of(args);
        command.addAll(rest.subList(0, 1));
        if (rest.get(0).equals("run") || rest.get(0).equals("build")) {
            command.addAll(List.of("--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"));
        }
        command.addAll(rest.subList(1, rest.size()));
        return Programs.run(command, timeout);
    }
}
