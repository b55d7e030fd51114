package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mtls} launcher rebuilds the jar when a source of any module in it changed, says how
 * long a build takes and shows one line per module, and on failure the errors. Run against a copy
 * of the launcher in a tree of empty modules, whose {@code mvnw} pretends to build.
 */
class LauncherBuildTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MODULES = Pattern.compile("(?m)^modules=\"([^\"]*)\"$");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>[^<]*</groupId>\\s*<artifactId>(mtls-[a-z]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);

    @TempDir
    Path root;

    private Instant built;

    @BeforeEach
    void aTreeOfModulesBuiltAMinuteAgo() throws IOException {
        Path launcher = Files.copy(REPOSITORY.resolve("mtls"), root.resolve("mtls"));
        launcher.toFile().setExecutable(true);
        built = Instant.now().minusSeconds(60);
        for (String module : List.of("mtls-core", "mtls-testing", "mtls-tls", "mtls-client", "mtls-gateway", "mtls-cli",
                "mtls-bench")) {
            Path source = root.resolve(module).resolve("src/main/java/Example.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "class Example {}\n");
            Files.setLastModifiedTime(source, FileTime.from(built.minusSeconds(60)));
            Path pom = Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>\n");
            Files.setLastModifiedTime(pom, FileTime.from(built.minusSeconds(60)));
        }
        Files.setLastModifiedTime(Files.writeString(root.resolve("pom.xml"), "<project/>\n"), FileTime.from(built.minusSeconds(60)));
        Path jar = root.resolve("mtls-cli/target/mtls.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        Files.setLastModifiedTime(jar, FileTime.from(built));
        executable(root.resolve("jdk/bin/java"), "#!/bin/sh\necho ran\n");
        executable(root.resolve("mvnw"), """
                #!/bin/sh
                echo "$@" >> "$MVNW_CALLS"
                echo "[INFO] Scanning for projects..."
                echo "[INFO] Building mtls-core 0.1.0-SNAPSHOT                                  [1/2]"
                echo "[INFO] Building jar: /somewhere/mtls-core.jar"
                echo "[INFO] Building mtls-cli 0.1.0-SNAPSHOT                                   [2/2]"
                if [ "${FAIL:-}" = 1 ]; then
                  echo "[ERROR] Failed to execute goal on project mtls-cli: Compilation failure"
                  echo "[ERROR] Example.java:[1,7] class, interface or enum expected"
                  exit 1
                fi
                mkdir -p mtls-cli/target && touch mtls-cli/target/mtls.jar
                """);
    }

    /** The launcher's list is mtls-cli and every module it needs at run time (compile scope), directly or not. */
    @Test
    void theLauncherWatchesEveryModuleInTheJar() throws IOException {
        assertThat(launcherModules()).containsExactlyInAnyOrderElementsOf(modulesInTheJar());
    }

    @Test
    void aChangeInAnyModuleOfTheJarRebuildsIt() throws Exception {
        for (String module : modulesInTheJar()) {
            Path changed = root.resolve(module).resolve("src/main/java/Example.java");
            Files.setLastModifiedTime(changed, FileTime.from(Instant.now()));
            Run run = launch(Map.of());
            assertThat(run.mavenCalls).as(module).containsExactly("-B -ntp -DskipTests -pl mtls-cli -am package");
            assertThat(run.stderr).as(module).startsWith("mtls: sources changed since the last build: rebuilding");
            assertThat(run.stdout).isEqualTo("ran\n");
            Files.setLastModifiedTime(changed, FileTime.from(built.minusSeconds(60)));
            Files.setLastModifiedTime(root.resolve("mtls-cli/target/mtls.jar"), FileTime.from(built));
        }
    }

    @Test
    void nothingChangedOrAModuleOutsideTheJarChangedMeansNoBuild() throws Exception {
        assertThat(launch(Map.of()).mavenCalls).isEmpty();
        Files.setLastModifiedTime(root.resolve("mtls-bench/src/main/java/Example.java"), FileTime.from(Instant.now()));
        Files.setLastModifiedTime(root.resolve("mtls-testing/src/main/java/Example.java"), FileTime.from(Instant.now()));
        Run run = launch(Map.of());
        assertThat(run.mavenCalls).isEmpty();
        assertThat(run.stderr).isEmpty();
    }

    @Test
    void aFirstBuildSaysHowLongItTakesAndShowsEachModule() throws Exception {
        Files.delete(root.resolve("mtls-cli/target/mtls.jar"));
        Run run = launch(Map.of());
        assertThat(run.exit).isZero();
        assertThat(run.stderr).isEqualTo("""
                mtls: first use: building mtls (1 to 3 minutes; Maven downloads its plugins and libraries once)...
                mtls:   building mtls-core [1/2]
                mtls:   building mtls-cli [2/2]
                """);
        assertThat(run.stdout).isEqualTo("ran\n");
    }

    @Test
    void aFailedBuildShowsItsErrorsAndWhereTheLogIs() throws Exception {
        Files.delete(root.resolve("mtls-cli/target/mtls.jar"));
        Run run = launch(Map.of("FAIL", "1"));
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.stdout).isEmpty();
        assertThat(run.stderr).contains("""
                mtls:   building mtls-cli [2/2]
                [ERROR] Failed to execute goal on project mtls-cli: Compilation failure
                [ERROR] Example.java:[1,7] class, interface or enum expected
                mtls: the build failed (exit 1): the whole log is in\s""");
        Matcher log = Pattern.compile("the whole log is in (\\S+)").matcher(run.stderr);
        assertThat(log.find()).isTrue();
        assertThat(Files.readString(Path.of(log.group(1)))).contains("[INFO] Scanning for projects...");
        Files.delete(Path.of(log.group(1)));
    }

    private static List<String> launcherModules() throws IOException {
        Matcher modules = MODULES.matcher(Files.readString(REPOSITORY.resolve("mtls")));
        assertThat(modules.find()).as("a modules=\"...\" line in ./mtls").isTrue();
        return List.of(modules.group(1).split(" "));
    }

    /** mtls-cli and its compile-scope mtls-* dependencies, followed through their poms. */
    private static Set<String> modulesInTheJar() throws IOException {
        Set<String> modules = new LinkedHashSet<>();
        List<String> next = new ArrayList<>(List.of("mtls-cli"));
        while (!next.isEmpty()) {
            String module = next.remove(0);
            if (modules.add(module)) {
                Matcher dependency = DEPENDENCY.matcher(Files.readString(REPOSITORY.resolve(module).resolve("pom.xml")));
                while (dependency.find()) {
                    if (!dependency.group(2).contains("<scope>test</scope>")) {
                        next.add(dependency.group(1));
                    }
                }
            }
        }
        return modules;
    }

    private record Run(int exit, String stdout, String stderr, List<String> mavenCalls) {
    }

    private Run launch(Map<String, String> environment) throws Exception {
        Path calls = root.resolve("mvnw.calls");
        Files.deleteIfExists(calls);
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put("MVNW_CALLS", calls.toString());
        all.put("TMPDIR", root.toString());
        LauncherRun run = LauncherRun.launch(root, all);
        return new Run(run.exit(), run.stdout(), run.stderr(), Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    private static void executable(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
