package dev.mtlskit.gateway.config;

import java.util.List;

/**
 * The configuration cannot be used. Lists every problem found, one per line, each as
 * {@code file:line: key: what is wrong and the fix}, so that an operator fixes all of them at once.
 */
public final class ConfigException extends RuntimeException {

    private final List<String> errors;

    public ConfigException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
        if (this.errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
    }

    /** One line per problem, in file order. */
    public List<String> errors() {
        return errors;
    }
}
