package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's {@code bin/mtls} (src/dist/bin/mtls) finds java in JAVA_HOME or on PATH, refuses
 * one older than 17 with the fix, and starts the JVM as {@code ./mtls} does (the same heap limit and
 * out-of-memory exit), with JAVA_OPTS and MTLS_JAVA_OPTS, also when called through a symbolic link.
 * Run against a copy in a tree like the archive's, whose "java" prints the arguments it was given.
 */
class ArchiveLauncherTest {

    @TempDir
    Path temp;

    private Path home;
    private Path jdk;

    @BeforeEach
    void anArchiveTreeAndAFakeJdk17() throws IOException {
        home = temp.resolve("mtls-1.0");
        Path launcher = home.resolve("bin/mtls");
        Files.createDirectories(launcher.getParent());
        Files.copy(Path.of("src/dist/bin/mtls"), launcher);
        executable(launcher);
        Files.write(home.resolve("mtls.jar"), new byte[0]);
        jdk = fakeJdk("jdk17", "JAVA_VERSION=\"17.0.15\"\n");
    }

    @Test
    void theJvmGetsTheHeapLimitTheOutOfMemoryExitAndTheOptions() throws Exception {
        Run run = launch(Map.of("JAVA_HOME", jdk.toString()), "serve", "--config", "gateway.yaml");

        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(run.args).containsExactly("-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar",
                home.resolve("mtls.jar").toString(), "serve", "--config", "gateway.yaml");

        Run options = launch(Map.of("JAVA_HOME", jdk.toString(), "JAVA_OPTS", "-Da=1", "MTLS_JAVA_OPTS", "-Db=2", "MTLS_HEAP", "1g"),
                "--version");
        assertThat(options.args).containsExactly("-Xms64m", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Da=1", "-Db=2", "-jar",
                home.resolve("mtls.jar").toString(), "--version");

        assertThat(launch(Map.of("JAVA_HOME", jdk.toString(), "JAVA_OPTS", "-XX:MaxRAMPercentage=75"), "serve").args)
                .as("a heap option of the operator's wins").doesNotContain("-Xmx512m", "-Xms64m").contains("-XX:MaxRAMPercentage=75");
        Run badHeap = launch(Map.of("JAVA_HOME", jdk.toString(), "MTLS_HEAP", "lots"), "serve");
        assertThat(badHeap.exit).isEqualTo(2);
        assertThat(badHeap.stderr).isEqualTo("mtls: MTLS_HEAP=lots is not a heap size: write e.g. MTLS_HEAP=512m or MTLS_HEAP=2g\n");
    }

    @Test
    void withoutJavaHomeTheJavaOnPathRunsAlsoThroughALinkToTheLauncher() throws Exception {
        Path path = toolsWithout("java");
        Files.createSymbolicLink(path.resolve("java"), jdk.resolve("bin/java"));
        Path link = Files.createDirectories(temp.resolve("usr-local-bin")).resolve("mtls");
        Files.createSymbolicLink(link, home.resolve("bin/mtls"));

        Run run = launch(link, Map.of("PATH", path.toString()), "--version");

        assertThat(run.exit).as(run.stderr).isZero();
        assertThat(run.args).contains(home.resolve("mtls.jar").toString());
    }

    @Test
    void aJavaOlderThan17OrNoneIsRefusedWithTheFix() throws Exception {
        Path java11 = fakeJdk("jdk11", "JAVA_VERSION=\"11.0.22\"\n");
        Run old = launch(Map.of("JAVA_HOME", java11.toString()), "serve");
        assertThat(old.exit).isEqualTo(2);
        assertThat(old.args).isEmpty();
        assertThat(old.stderr).isEqualTo("mtls: " + java11.resolve("bin/java") + " is Java 11: mtls needs Java 17 or newer: "
                + "install it, and set JAVA_HOME to it if another java comes first on PATH\n");

        // Without a release file, java -version tells: Java 8 says 1.8.0_392.
        Path java8 = fakeJdk("jdk8", null);
        Files.writeString(java8.resolve("bin/java"), "#!/bin/sh\necho 'openjdk version \"1.8.0_392\"' >&2\n");
        assertThat(launch(Map.of("JAVA_HOME", java8.toString()), "serve").stderr).startsWith("mtls: " + java8.resolve("bin/java")
                + " is Java 8: mtls needs Java 17 or newer");

        Run none = launch(Map.of("PATH", toolsWithout("java").toString()), "serve");
        assertThat(none.exit).isEqualTo(2);
        assertThat(none.stderr).isEqualTo("mtls: no Java found: install Java 17 or newer (e.g. apt-get install "
                + "openjdk-17-jre-headless), or set JAVA_HOME\n");

        Run wrongHome = launch(Map.of("JAVA_HOME", temp.resolve("nothing").toString()), "serve");
        assertThat(wrongHome.exit).isEqualTo(2);
        assertThat(wrongHome.stderr).isEqualTo("mtls: JAVA_HOME=" + temp.resolve("nothing") + " has no bin/java: set JAVA_HOME "
                + "to a Java 17+ installation, or unset it to use the java on PATH\n");
    }

    /** A JDK whose java prints its arguments, one a line, with {@code release} as its release file (none if null). */
    private Path fakeJdk(String name, String release) throws IOException {
        Path java = temp.resolve(name).resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        executable(java);
        if (release != null) {
            Files.writeString(temp.resolve(name).resolve("release"), release);
        }
        return temp.resolve(name);
    }

    /** A directory of the tools the launcher uses, and no java: a PATH for a machine without Java. */
    private Path toolsWithout(String absent) throws IOException {
        Path tools = Files.createDirectories(temp.resolve("tools-" + System.nanoTime()));
        for (String tool : List.of("readlink", "dirname", "sed", "grep", "head")) {
            for (String directory : List.of("/usr/bin", "/bin")) {
                Path found = Path.of(directory, tool);
                if (!tool.equals(absent) && Files.isExecutable(found) && !Files.exists(tools.resolve(tool))) {
                    // A script rather than a link out of the temporary directory, which JUnit warns about.
                    executable(Files.writeString(tools.resolve(tool), "#!/bin/sh\nexec " + found + " \"$@\"\n"));
                }
            }
        }
        return tools;
    }

    private record Run(int exit, List<String> args, String stderr) {
    }

    private Run launch(Map<String, String> environment, String... args) throws Exception {
        return launch(home.resolve("bin/mtls"), environment, args);
    }

    private Run launch(Path launcher, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        LauncherRun run = LauncherRun.run(command, inherited -> {
            inherited.clear();
            inherited.put("PATH", "/usr/bin:/bin");
            inherited.putAll(environment);
        });
        String out = run.stdout();
        return new Run(run.exit(), out.isEmpty() ? List.of() : List.of(out.split("\n")), run.stderr());
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
