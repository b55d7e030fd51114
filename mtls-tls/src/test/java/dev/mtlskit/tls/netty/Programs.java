package dev.mtlskit.tls.netty;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs outside programs (curl) as real processes, output to files, killed after a timeout. */
final class Programs {

    private Programs() {
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String describe() {
            return "command: " + String.join(" ", command) + "\nexit code: " + exitCode + "\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }
    }

    /** The program's path, or skips the test saying what to install. */
    static String require(String program) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, program);
                if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        assumeTrue(false, program + " not found on PATH: install " + program + " to run this test");
        return null;
    }

    static Result run(Path scratch, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "stdout", ".txt");
        Path err = Files.createTempFile(scratch, "stderr", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out after 60 s: " + String.join(" ", command));
        }
        return new Result(List.of(command), process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
