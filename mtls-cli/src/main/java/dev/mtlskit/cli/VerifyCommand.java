package dev.mtlskit.cli;

import picocli.CommandLine.Command;

/** {@code mtls verify} (being written). */
@Command(name = "verify", description = "(being written)")
final class VerifyCommand implements Runnable {
    @Override
    public void run() {
        throw new UserInputException("mtls verify is not available in this build yet");
    }
}
