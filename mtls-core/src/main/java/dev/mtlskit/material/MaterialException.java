package dev.mtlskit.material;

import java.nio.file.Path;

/**
 * Key material could not be loaded. The message is one or two sentences a user can act on: it
 * names the file, what is wrong, and the fix, e.g. {@code client.key is encrypted: pass --key-pass-file}.
 */
public final class MaterialException extends RuntimeException {

    private final Path file;

    public MaterialException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public MaterialException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file concerned, or {@code null} when the input did not come from a file. */
    public Path file() {
        return file;
    }
}
