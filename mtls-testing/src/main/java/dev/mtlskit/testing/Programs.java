package dev.mtlskit.testing;

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
 * Finds the outside programs the tests need (openssl, curl, nginx, keytool, kill) and runs
 * short-lived ones to completion: output goes to files (a chatty program never blocks on a full
 * pipe), standard input is a file or empty, and a program that outlives its timeout is killed and
 * fails the test.
 */
public final class Programs {

    /** Where nginx lives and PATH often does not go. */
    private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin");

    private Programs() {
    }

    /** What a finished program left. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        public Result {
            command = List.copyOf(command);
        }

        /** Everything it printed, for assertion messages. */
        public String describe() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode + "\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }

        /** For curl run with {@code -w '\n%{http_code}'}: the HTTP status it wrote on the last line. */
        public int status() {
            int newline = stdout.lastIndexOf('\n');
            return Integer.parseInt(stdout.substring(newline + 1).trim());
        }

        /** For curl run with {@code -w '\n%{http_code}'}: the response body, before the status line. */
        public String body() {
            int newline = stdout.lastIndexOf('\n');
            return newline < 0 ? "" : stdout.substring(0, newline);
        }

        /** Standard output; fails the test, with everything the program printed, when it did not exit with 0. */
        public String successfulOutput() {
            if (exitCode != 0) {
                throw new AssertionError("failed (" + exitCode + "): " + describe());
            }
            return stdout;
        }
    }

    /** The program's path; skips the test, saying which Debian package to install, when it is not there. */
    public static Path require(String program, String debianPackage) {
        Path found = find(program);
        assumeTrue(found != null, program + " not found on PATH or in /usr/sbin: install " + debianPackage + " to run this test");
        return found;
    }

    /** Skips the test, saying what to install, unless every one of {@code programs} is there. */
    public static void requireAll(String debianPackages, String... programs) {
        for (String program : programs) {
            assumeTrue(isInstalled(program), String.join(" or ", programs) + " not found on PATH: install "
                    + debianPackages + " to run this test");
        }
    }

    public static boolean isInstalled(String program) {
        return find(program) != null;
    }

    /** The program on PATH, or in /usr/sbin or /usr/local/sbin; null when it is nowhere. */
    public static Path find(String program) {
        String path = System.getenv("PATH");
        List<String> directories = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        directories.addAll(SBIN);
        for (String directory : directories) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Runs {@code command} with empty standard input in the current directory. */
    public static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(command, null, null, timeout);
    }

    /** Runs {@code command} in the current directory with {@code input} (null: none) on its standard input. */
    public static Result run(List<String> command, String input, Duration timeout) throws IOException, InterruptedException {
        return run(command, null, input, timeout);
    }

    /**
     * Runs {@code command}, waiting at most {@code timeout}.
     *
     * @param directory its working directory, or null for the current one
     * @param input text for standard input, or null for none
     */
    public static Result run(List<String> command, Path directory, String input, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("program-", ".out");
        Path err = Files.createTempFile("program-", ".err");
        Path in = Files.createTempFile("program-", ".in");
        try {
            Files.writeString(in, input == null ? "" : input, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("still running after " + timeout + ", killed: " + String.join(" ", command)
                        + "\n--- stdout ---\n" + read(out) + "\n--- stderr ---\n" + read(err));
            }
            return new Result(command, process.exitValue(), read(out), read(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(in);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
