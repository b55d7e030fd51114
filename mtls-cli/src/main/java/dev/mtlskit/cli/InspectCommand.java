package dev.mtlskit.cli;

import picocli.CommandLine.Command;

/** {@code mtls inspect} (being written). */
@Command(name = "inspect", description = "(being written)")
final class InspectCommand implements Runnable {
    @Override
    public void run() {
        throw new UserInputException("mtls inspect is not available in this build yet");
    }
}
