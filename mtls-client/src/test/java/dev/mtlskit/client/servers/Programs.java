package dev.mtlskit.client.servers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the third-party programs the scenarios need (nginx, openssl, curl) and runs short-lived
 * ones to completion: output goes to files (a chatty program never blocks on a full pipe),
 * standard input is a file or empty, and a program that outlives its timeout is killed.
 */
public final class Programs {

    private Programs() {
    }

    /**
     * What a finished program left.
     *
     * @param exitCode its exit code
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Everything it printed, for assertion messages. */
        public String describe() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode + "\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }
    }

    /** The program's path; skips the test, saying what to install, when it is not there. */
    public static Path require(String program, String debianPackage) {
        Path found = find(program);
        assumeTrue(found != null, program + " not found (PATH, /usr/sbin): install " + debianPackage + " to run this test");
        return found;
    }

    /** The program on PATH, or in /usr/sbin and /usr/local/sbin where nginx lives and PATH often does not go. */
    public static Path find(String program) {
        String path = System.getenv("PATH");
        StringBuilder directories = new StringBuilder(path == null ? "" : path);
        directories.append(File.pathSeparator).append("/usr/sbin").append(File.pathSeparator).append("/usr/local/sbin");
        for (String directory : directories.toString().split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Runs {@code command} with empty standard input. */
    public static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(command, null, timeout);
    }

    /**
     * Runs {@code command}, waiting at most {@code timeout}.
     *
     * @param input text for standard input, or null for none
     */
    public static Result run(List<String> command, String input, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("program-", ".out");
        Path err = Files.createTempFile("program-", ".err");
        Path in = Files.createTempFile("program-", ".in");
        try {
            Files.writeString(in, input == null ? "" : input, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("still running after " + timeout + ", killed: " + String.join(" ", command)
                        + "\n--- stdout ---\n" + Files.readString(out) + "\n--- stderr ---\n" + Files.readString(err));
            }
            return new Result(List.copyOf(command), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(in);
        }
    }
}
