package dev.mtlskit.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a command run as its own process wrote to a file (its redirected standard output or error). */
final class ProcessOutput {

    private ProcessOutput() {
    }

    /** Waits for {@code pattern} in the file and returns its first group; fails with the file's content. */
    static String await(Path file, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + pattern + " in " + file + ":\n" + Files.readString(file));
    }
}
