package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body: bytes given on the command line ({@code -d}) or a file ({@code --data-binary @file}),
 * read when the request is sent, so a missing file is reported before anything is sent.
 */
public sealed interface RequestBody {

    /** The length in bytes (sent as Content-Length). */
    long length();

    /** The body given inline. */
    record Bytes(byte[] content) implements RequestBody {
        public Bytes {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public long length() {
            return content.length;
        }
    }

    /** The body read from a file. */
    record FromFile(Path file) implements RequestBody {
        public FromFile {
            requireNonNull(file, "file");
        }

        @Override
        public long length() {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read the request body (" + e.getMessage() + ")", e);
            }
        }
    }
}
