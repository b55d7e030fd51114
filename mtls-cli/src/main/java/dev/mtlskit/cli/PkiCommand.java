package dev.mtlskit.cli;

import picocli.CommandLine.Command;

/** {@code mtls pki} (being written). */
@Command(name = "pki", description = "(being written)")
final class PkiCommand implements Runnable {
    @Override
    public void run() {
        throw new UserInputException("mtls pki is not available in this build yet");
    }
}
