package dev.mtlskit.gateway;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mtlskit.testing.Programs;

/**
 * A curl command line under construction, for the tests about curl itself (its -v output, ALPN as
 * curl offers it, {@code --path-as-is}, the reference transcript); see {@link GatewayFixture#curl}.
 * Tests that only need an HTTPS client use {@link HttpsCall}.
 */
final class Curl {
    private final List<String> arguments = new ArrayList<>();
    private int maxTimeSeconds = 20;

    /** curl, or the test is skipped when it is not installed. */
    Curl() {
        arguments.add(Programs.require("curl", "curl (apt-get install curl)").toString());
    }

    Curl args(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    Curl maxTime(int seconds) {
        maxTimeSeconds = seconds;
        return this;
    }

    Programs.Result run() throws IOException, InterruptedException {
        return Programs.run(command(), Duration.ofSeconds(maxTimeSeconds + 15));
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
