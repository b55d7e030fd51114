package dev.mtlskit.material;

import java.nio.file.Path;

/**
 * Where a password comes from: given directly (a flag), an environment variable, or a file (first
 * line, trailing newline removed). Resolved only when a file turns out to be encrypted, so that
 * errors can say which source was tried.
 */
public interface PasswordSource {

    /** The option family messages suggest unless told otherwise. */
    String KEY_PASS_OPTION = "--key-pass";

    /** No password configured. */
    static PasswordSource none() {
        return none(KEY_PASS_OPTION);
    }

    /**
     * No password configured; a message that needs one suggests the options {@code option},
     * {@code option-env} and {@code option-file} (e.g. {@code --ca-key-pass}). An option without
     * leading dashes is a configuration-file key: {@code key_pass} suggests {@code key_pass_file:}
     * and {@code key_pass_env:}.
     */
    static PasswordSource none(String option) {
        return new Passwords.None(option);
    }

    /** A password given directly; the array is copied, so the caller may wipe it. */
    static PasswordSource of(char[] password) {
        return of(password, KEY_PASS_OPTION);
    }

    /** A password given directly with the option {@code option}. */
    static PasswordSource of(char[] password, String option) {
        return new Passwords.Given(password, option);
    }

    /** The value of an environment variable, read when needed. */
    static PasswordSource fromEnvironment(String variable) {
        return fromEnvironment(variable, KEY_PASS_OPTION);
    }

    /** The value of an environment variable named with the option {@code option}-env. */
    static PasswordSource fromEnvironment(String variable, String option) {
        return new Passwords.Environment(variable, System::getenv, option);
    }

    /** The first line of a file (without its line break), read when needed. */
    static PasswordSource fromFile(Path file) {
        return fromFile(file, KEY_PASS_OPTION);
    }

    /** The first line of a file named with the option {@code option}-file. */
    static PasswordSource fromFile(Path file, String option) {
        return new Passwords.FromFile(file, option);
    }

    /** The option family this password is (or would be) given with, e.g. {@code --key-pass}. */
    String option();

    /** Whether a password was configured at all. */
    boolean isPresent();

    /** The password; throws {@link MaterialException} naming the variable or file when it cannot be read. */
    char[] password();

    /** Where it comes from, for messages: {@code "--key-pass-file secret.txt"}, {@code "$KEY_PASS"}. */
    String describe();

    /** The file the password is read from (so that it can be watched for changes), or {@code null}. */
    default Path file() {
        return null;
    }
}
