package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of a copy of the {@code ./mtls} launcher in {@code root}, whose "java" is
 * {@code root/jdk/bin/java}, without the MTLS_* settings of the environment the tests run in.
 *
 * @param exit the launcher's exit code
 * @param stdout its standard output
 * @param stderr its standard error
 */
record LauncherRun(int exit, String stdout, String stderr) {

    static LauncherRun launch(Path root, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("mtls").toString()));
        command.addAll(List.of(args));
        return run(command, inherited -> {
            inherited.keySet().removeIf(name -> name.startsWith("MTLS_"));
            inherited.put("JAVA_HOME", root.resolve("jdk").toString());
            inherited.putAll(environment);
        });
    }

    /** Runs {@code command} with no input, the test's environment as {@code environment} leaves it, for at most 30 s. */
    static LauncherRun run(List<String> command, Consumer<Map<String, String>> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        environment.accept(builder.environment());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new LauncherRun(process.exitValue(), out, err);
    }
}
