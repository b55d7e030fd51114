package dev.mtlskit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mtlskit.material.PasswordSource;

/** Turns the three ways of passing one password (value, environment variable, file) into a {@link PasswordSource}. */
final class PasswordOptions {

    private PasswordOptions() {
    }

    /**
     * @param flag the option prefix for messages, e.g. {@code --key-pass}
     * @return {@link PasswordSource#none()} when none of the three is given
     */
    static PasswordSource resolve(String flag, String password, String environmentVariable, Path file) {
        List<String> given = new ArrayList<>();
        if (password != null) {
            given.add(flag);
        }
        if (environmentVariable != null) {
            given.add(flag + "-env");
        }
        if (file != null) {
            given.add(flag + "-file");
        }
        if (given.size() > 1) {
            throw new UserInputException("give the password once, not with " + String.join(" and ", given)
                    + ": use only one of them");
        }
        if (password != null) {
            return PasswordSource.of(password.toCharArray(), flag);
        }
        if (environmentVariable != null) {
            return PasswordSource.fromEnvironment(environmentVariable, flag);
        }
        if (file != null) {
            return PasswordSource.fromFile(file, flag);
        }
        return PasswordSource.none(flag);
    }
}
