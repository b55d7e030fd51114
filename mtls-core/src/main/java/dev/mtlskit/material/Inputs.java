package dev.mtlskit.material;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads input files with a size bound and turns I/O failures into messages that name the file. */
final class Inputs {

    /** Certificates, keys and keystores are a few KiB; anything this large is the wrong file. */
    static final int MAX_BYTES = 1024 * 1024;

    private Inputs() {
    }

    /**
     * Where content came from: {@code file} may be null (standard input), {@code name} is what
     * messages say, i.e. the path as the user typed it.
     */
    record Source(Path file, String name) {
        Source {
            requireNonNull(name, "name");
        }

        static Source of(Path file) {
            return new Source(requireNonNull(file, "file"), file.toString());
        }

        static Source named(String name) {
            return new Source(null, requireNonNull(name, "name"));
        }

        MaterialException error(String message) {
            return new MaterialException(file, message);
        }

        MaterialException error(String message, Throwable cause) {
            return new MaterialException(file, message, cause);
        }
    }

    /**
     * Reads the whole file.
     *
     * @param label how messages call the file, e.g. {@code "password file pw.txt"}
     * @param expected what the file should be, e.g. {@code "certificate or key file"}
     */
    static byte[] read(Path file, String label, String expected) {
        requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new MaterialException(file, label + " is a directory, not a " + expected + ": pass the file itself");
        }
        try {
            if (Files.isRegularFile(file)) {
                long size = Files.size(file);
                if (size > MAX_BYTES) {
                    throw tooBig(file, label, size, expected);
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] content = in.readNBytes(MAX_BYTES + 1);
                if (content.length > MAX_BYTES) {
                    throw new MaterialException(file, label + " is larger than 1 MB: not a " + expected);
                }
                return content;
            }
        } catch (NoSuchFileException e) {
            throw new MaterialException(file, label + " does not exist: check the path", e);
        } catch (AccessDeniedException e) {
            throw new MaterialException(file, label + " cannot be read (permission denied): check its permissions", e);
        } catch (IOException e) {
            throw new MaterialException(file, label + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Refuses oversized content given as bytes (e.g. standard input). */
    static void checkSize(byte[] content, Source source, String expected) {
        requireNonNull(content, "content");
        if (content.length > MAX_BYTES) {
            throw tooBig(source.file(), source.name(), content.length, expected);
        }
    }

    private static MaterialException tooBig(Path file, String label, long size, String expected) {
        return new MaterialException(file, label + " is " + megabytes(size) + ": not a " + expected);
    }

    /** "12 MB", "1.5 MB": enough precision to tell the user this is not the file they meant. */
    static String megabytes(long size) {
        double mb = size / (1024.0 * 1024.0);
        return mb >= 10 ? Math.round(mb) + " MB" : String.format(Locale.ROOT, "%.1f MB", mb);
    }

    /** Whether the content is empty or only whitespace. */
    static boolean isBlank(byte[] content) {
        for (byte b : content) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
