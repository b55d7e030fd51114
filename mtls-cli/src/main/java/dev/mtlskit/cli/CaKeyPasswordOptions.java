package dev.mtlskit.cli;

import java.nio.file.Path;

import dev.mtlskit.material.PasswordSource;

import picocli.CommandLine.Option;

/** The password of an encrypted CA key: {@code --ca-key-pass}, {@code --ca-key-pass-env} or {@code --ca-key-pass-file}. */
final class CaKeyPasswordOptions {

    @Option(names = "--ca-key-pass", paramLabel = "PASS",
            description = "Password of an encrypted CA key (visible to other users in 'ps': prefer the next two).")
    String password;

    @Option(names = "--ca-key-pass-env", paramLabel = "VAR",
            description = "Read the CA key password from environment variable VAR.")
    String environmentVariable;

    @Option(names = "--ca-key-pass-file", paramLabel = "FILE",
            description = "Read the CA key password from the first line of FILE.")
    Path file;

    PasswordSource passwordSource() {
        return PasswordOptions.resolve("--ca-key-pass", password, environmentVariable, file);
    }
}
