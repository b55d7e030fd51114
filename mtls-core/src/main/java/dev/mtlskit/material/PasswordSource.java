package dev.mtlskit.material;

import java.nio.file.Path;

/**
 * Where a password comes from: given directly (a flag), an environment variable, or a file (first
 * line, trailing newline removed). Resolved only when a file turns out to be encrypted, so that
 * errors can say which source was tried.
 */
public interface PasswordSource {

    /** No password configured. */
    static PasswordSource none() {
        throw new UnsupportedOperationException("material: not implemented yet");
    }

    static PasswordSource of(char[] password) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }

    static PasswordSource fromEnvironment(String variable) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }

    static PasswordSource fromFile(Path file) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }

    /** Whether a password was configured at all. */
    boolean isPresent();

    /** The password; throws {@link MaterialException} naming the variable or file when it cannot be read. */
    char[] password();

    /** Where it comes from, for messages: {@code "--key-pass-file secret.txt"}, {@code "$KEY_PASS"}. */
    String describe();
}
