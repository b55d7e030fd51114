package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mtls} launcher bounds the JVM's heap (512m unless MTLS_HEAP or a heap option in
 * MTLS_JAVA_OPTS says otherwise) and exits on out-of-memory. Run against a copy of the launcher
 * whose "java" prints the arguments it was given.
 */
class LauncherMemoryTest {

    @TempDir
    Path root;

    @BeforeEach
    void copyOfTheLauncher() throws IOException {
        Path launcher = Files.copy(Path.of("..", "mtls"), root.resolve("mtls"));
        launcher.toFile().setExecutable(true);
        Files.createDirectories(root.resolve("mtls-cli/target"));
        Files.write(root.resolve("mtls-cli/target/mtls.jar"), new byte[0]);
        Path java = root.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void theHeapIsBoundedByDefault() throws Exception {
        Run run = launch(Map.of(), "serve");

        assertThat(run.exit).isZero();
        assertThat(run.stdout).containsExactly("-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar",
                root.resolve("mtls-cli/target/mtls.jar").toString(), "serve");
    }

    @Test
    void mtlsHeapSizesIt() throws Exception {
        assertThat(launch(Map.of("MTLS_HEAP", "2g"), "serve").stdout).contains("-Xmx2g").doesNotContain("-Xmx512m");
        assertThat(launch(Map.of("MTLS_HEAP", "64m"), "serve").stdout).contains("-Xmx64m");
    }

    @Test
    void aHeapOptionInMtlsJavaOptsWins() throws Exception {
        Run run = launch(Map.of("MTLS_JAVA_OPTS", "-Dx=y -Xmx1g"), "serve");

        assertThat(run.stdout).containsSubsequence("-XX:+ExitOnOutOfMemoryError", "-Dx=y", "-Xmx1g", "-jar")
                .doesNotContain("-Xmx512m", "-Xms64m");
        assertThat(launch(Map.of("MTLS_JAVA_OPTS", "-XX:MaxRAMPercentage=50"), "serve").stdout)
                .doesNotContain("-Xmx512m");
    }

    @Test
    void aBadHeapSizeIsRefusedWithTheFix() throws Exception {
        Run words = launch(Map.of("MTLS_HEAP", "lots"), "serve");
        assertThat(words.exit).isEqualTo(2);
        assertThat(words.stdout).isEmpty();
        assertThat(words.stderr).isEqualTo(
                "mtls: MTLS_HEAP=lots is not a heap size: write e.g. MTLS_HEAP=512m or MTLS_HEAP=2g");

        Run small = launch(Map.of("MTLS_HEAP", "32m"), "serve");
        assertThat(small.exit).isEqualTo(2);
        assertThat(small.stderr).isEqualTo("mtls: MTLS_HEAP=32m is too small: the gateway needs at least 64m");
    }

    private record Run(int exit, List<String> stdout, String stderr) {
    }

    private Run launch(Map<String, String> environment, String... args) throws Exception {
        Map<String, String> withoutBuild = new java.util.HashMap<>(environment);
        withoutBuild.putIfAbsent("MTLS_SKIP_BUILD", "1");
        LauncherRun run = LauncherRun.launch(root, withoutBuild, args);
        return new Run(run.exit(), run.stdout().isEmpty() ? List.of() : List.of(run.stdout().split("\n")),
                run.stderr().strip());
    }
}
