package dev.mtlskit.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the outside clients the tests use (curl, openssl) as real processes: output goes to files
 * (so that a large or chatty output never blocks the process), standard input is empty, and a
 * process that outlives its timeout is killed and fails the test.
 */
final class Programs {

    private Programs() {
    }

    /** What a finished process left. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** With {@link GatewayFixture#curl(GatewayFixture.RunningGateway, TestPki.Client, String)}: the status curl wrote last. */
        int status() {
            int newline = stdout.lastIndexOf('\n');
            return Integer.parseInt(stdout.substring(newline + 1).trim());
        }

        /** With the status line written last by curl: the response body before it. */
        String body() {
            int newline = stdout.lastIndexOf('\n');
            return newline < 0 ? "" : stdout.substring(0, newline);
        }

        /** Everything it printed, for assertion messages. */
        String describe() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode + "\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }
    }

    /** The program's path, or skips the test with a message that says what to install. */
    static String require(String program, String debianPackage) {
        Path found = which(program);
        assumeTrue(found != null, program + " not found on PATH: install " + debianPackage + " to run this test");
        return found.toString();
    }

    static Path which(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Runs {@code command}, waiting at most {@code timeout}.
     *
     * @param scratch a directory for the output files
     */
    static Result run(List<String> command, Path scratch, Duration timeout) throws IOException, InterruptedException {
        return run(command, scratch, timeout, Path.of("/dev/null"));
    }

    /** Like {@link #run(List, Path, Duration)}, with standard input read from {@code input}. */
    static Result run(List<String> command, Path scratch, Duration timeout, Path input)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "stdout", ".txt");
        Path err = Files.createTempFile(scratch, "stderr", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(input.toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("still running after " + timeout + ", killed: " + String.join(" ", command)
                    + "\n--- stdout ---\n" + read(out) + "\n--- stderr ---\n" + read(err));
        }
        Result result = new Result(List.copyOf(command), process.exitValue(), read(out), read(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        // Output of a large download goes to a file of its own (curl -o), never here.
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A curl command line under construction; see {@link GatewayFixture#curl}. */
    static final class Curl {
        private final List<String> arguments = new ArrayList<>();
        private final Path scratch;
        private int maxTimeSeconds = 20;

        Curl(String executable, Path scratch) {
            this.scratch = scratch;
            arguments.add(executable);
        }

        Curl args(String... more) {
            arguments.addAll(List.of(more));
            return this;
        }

        Curl maxTime(int seconds) {
            maxTimeSeconds = seconds;
            return this;
        }

        Result run() throws IOException, InterruptedException {
            return Programs.run(command(), scratch, Duration.ofSeconds(maxTimeSeconds + 15));
        }

        /** Starts curl without waiting: what it prints goes to {@code stdout} and {@code stderr} as it comes. */
        Process start(Path stdout, Path stderr) throws IOException {
            return new ProcessBuilder(command())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        }

        private List<String> command() {
            List<String> command = new ArrayList<>(arguments);
            command.add(1, "--max-time");
            command.add(2, Integer.toString(maxTimeSeconds));
            return command;
        }
    }
}
