package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A file a PKI operation wrote, with what it is for people, e.g. {@code "client key (keep it secret, mode 0600)"}.
 *
 * @param path where it was written
 * @param description what it holds
 */
public record WrittenFile(Path path, String description) {

    public WrittenFile {
        requireNonNull(path, "path");
        requireNonNull(description, "description");
    }
}
