package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.testing.Programs;

/**
 * The distribution archive that {@code ./mvnw package} makes runs on a machine with only a JDK:
 * extracted to a temporary directory, its {@code bin/mtls} prints the version and serves an mTLS
 * request with the zero-config dev PKI, with the libraries, BoringSSL and BouncyCastle it carries.
 * Runs after {@code package} (the build passes the archive as {@code mtls.distribution}).
 */
class DistributionArchiveTest {

    @TempDir
    Path temp;

    /** The archive the build made; the test is skipped when run before package (in the test phase). */
    static Path archive() {
        String archive = System.getProperty("mtls.distribution");
        assumeTrue(archive != null, "the distribution archive is made in package: this test runs in verify, after it");
        Path path = Path.of(archive);
        assertThat(path).as("the archive ./mvnw package makes").isRegularFile();
        return path;
    }

    /** Extracts the archive into {@code directory} and returns its top directory, mtls-VERSION. */
    static Path extract(Path archive, Path directory) throws Exception {
        Programs.require("tar", "tar");
        Programs.run(List.of("tar", "-xzf", archive.toString(), "-C", directory.toString()), Duration.ofSeconds(60))
                .successfulOutput();
        Path home = directory.resolve(archive.getFileName().toString().replaceFirst("\\.tar\\.gz$", ""));
        assertThat(home).isDirectory();
        return home;
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarItsLibrariesAndTheDocs() throws Exception {
        Path archive = archive();
        Path home = extract(archive, temp);

        assertThat(home.resolve("bin/mtls")).isExecutable();
        assertThat(home.resolve("mtls.jar")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("LICENSE")).isRegularFile();
        assertThat(home.resolve("docs/configuration.md")).isRegularFile();
        assertThat(home.resolve("deploy/systemd/mtls.service")).isRegularFile();
        assertThat(home.resolve("Containerfile")).isRegularFile();
        try (var lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.map(jar -> jar.getFileName().toString()))
                    .anyMatch(jar -> jar.startsWith("mtls-gateway-"))
                    .anyMatch(jar -> jar.startsWith("bcprov-jdk18on-"))
                    .anyMatch(jar -> jar.startsWith("netty-tcnative-boringssl-static-") && jar.contains("linux-x86_64"))
                    .noneMatch(jar -> jar.startsWith("junit") || jar.startsWith("assertj") || jar.startsWith("mtls-testing"));
        }

        // The zip holds the same files, for those who unpack zips.
        List<String> tarEntries = new ArrayList<>(List.of(Programs.run(List.of("tar", "-tzf", archive.toString()),
                Duration.ofSeconds(60)).successfulOutput().split("\n")));
        tarEntries.removeIf(entry -> entry.endsWith("/"));
        Path zip = archive.resolveSibling(archive.getFileName().toString().replaceFirst("\\.tar\\.gz$", ".zip"));
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            List<String> zipEntries = new ArrayList<>(zipFile.stream().filter(entry -> !entry.isDirectory())
                    .map(entry -> entry.getName()).toList());
            Collections.sort(tarEntries);
            Collections.sort(zipEntries);
            assertThat(zipEntries).isEqualTo(tarEntries);
        }
    }

    @Test
    void binMtlsRunsWithTheJdkOfJavaHomeAndServesAnMtlsRequest() throws Exception {
        Programs.require("curl", "curl");
        Path archive = archive();
        Path home = extract(archive, temp);
        String version = home.getFileName().toString().substring("mtls-".length());

        Process versionRun = start(home, List.of("--version"), temp.resolve("version.out"), temp.resolve("version.err"));
        assertThat(versionRun.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(versionRun.exitValue()).as(Files.readString(temp.resolve("version.err"))).isZero();
        assertThat(Files.readString(temp.resolve("version.out"))).startsWith("mtls " + version + "\n");

        Path dev = temp.resolve("dev");
        Path err = temp.resolve("serve.err");
        Process serve = start(home, List.of("serve", "--listen", "127.0.0.1:0", "--dev-dir", dev.toString(),
                "--admin", "127.0.0.1:0", "--threads", "1"), temp.resolve("serve.out"), err);
        try {
            String port = ProcessOutput.await(err, Pattern.compile("listener default on https://127\\.0\\.0\\.1:(\\d+)"));
            String admin = ProcessOutput.await(err, Pattern.compile("admin listener on (http://127\\.0\\.0\\.1:\\d+)"));
            Programs.Result call = Programs.run(List.of("curl", "-sS", "--max-time", "20", "-w", "\n%{http_code}",
                    "--resolve", "localhost:" + port + ":127.0.0.1", "--cacert", dev.resolve("ca.crt").toString(),
                    "--cert", dev.resolve("client.crt").toString(), "--key", dev.resolve("client.key").toString(),
                    "https://localhost:" + port + "/orders"), Duration.ofSeconds(30));
            assertThat(call.exitCode()).as(call.describe()).isZero();
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.body()).contains("\"tls\":\"TLSv1.3\"", "\"subject\":\"CN=dev-client\"");
            assertThat(Programs.run(List.of("curl", "-sS", "--max-time", "10", admin + "/healthz"), Duration.ofSeconds(20))
                    .successfulOutput()).isEqualTo("ok\n");
            // BoringSSL (the default engine) came from lib/: without it the gateway would not have started.
            assertThat(Files.readString(err)).doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "--tls-provider jdk");
        } finally {
            serve.destroy(); // SIGTERM: bin/mtls exec'd the JVM, which drains and stops
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(serve.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(err)).contains("stopping (SIGTERM): /readyz answers 503 from now on",
                "shutting down: finishing requests in flight");
    }

    /**
     * bin/mtls with JAVA_HOME set to the JDK running this test, and a PATH of the system's tools only,
     * in {@code temp} as its working directory.
     */
    private Process start(Path home, List<String> args, Path out, Path err) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/mtls").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("HOME", temp.toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }
}
