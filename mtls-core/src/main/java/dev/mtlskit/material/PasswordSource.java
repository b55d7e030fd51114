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
        return new Passwords.None();
    }

    /** A password given directly; the array is copied, so the caller may wipe it. */
    static PasswordSource of(char[] password) {
        return new Passwords.Given(password);
    }

    /** The value of an environment variable, read when needed. */
    static PasswordSource fromEnvironment(String variable) {
        return new Passwords.Environment(variable, System::getenv);
    }

    /** The first line of a file (without its line break), read when needed. */
    static PasswordSource fromFile(Path file) {
        return new Passwords.FromFile(file);
    }

    /** Whether a password was configured at all. */
    boolean isPresent();

    /** The password; throws {@link MaterialException} naming the variable or file when it cannot be read. */
    char[] password();

    /** Where it comes from, for messages: {@code "--key-pass-file secret.txt"}, {@code "$KEY_PASS"}. */
    String describe();
}
