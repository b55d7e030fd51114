package dev.mtlskit.cli;

import java.nio.file.Path;

import dev.mtlskit.material.PasswordSource;

import picocli.CommandLine.Option;

/**
 * The password of encrypted private keys and keystores, shared by every command that reads keys:
 * {@code --key-pass PASS}, {@code --key-pass-env VAR} or {@code --key-pass-file FILE}.
 */
final class KeyPasswordOptions {

    @Option(names = "--key-pass", paramLabel = "PASS",
            description = "Password of an encrypted key or keystore (visible to other users in 'ps': prefer the next two).")
    String password;

    @Option(names = "--key-pass-env", paramLabel = "VAR",
            description = "Read the key password from environment variable VAR.")
    String environmentVariable;

    @Option(names = "--key-pass-file", paramLabel = "FILE",
            description = "Read the key password from the first line of FILE.")
    Path file;

    /** The configured source, or {@link PasswordSource#none()}; refuses more than one of the three options. */
    PasswordSource passwordSource() {
        return PasswordOptions.resolve("--key-pass", password, environmentVariable, file);
    }
}
