package dev.mtlskit.reload;

import static java.util.Objects.requireNonNull;

import dev.mtlskit.material.MaterialException;

/**
 * What one reload did: installed new material, found the same material again, or failed and kept
 * the material in use.
 */
public sealed interface ReloadResult {

    /** The material in use after this reload. */
    TlsMaterial current();

    /** New material was installed: new handshakes use {@code current}, open connections keep theirs. */
    record Changed(TlsMaterial previous, TlsMaterial current) implements ReloadResult {
        public Changed {
            requireNonNull(previous, "previous");
            requireNonNull(current, "current");
        }
    }

    /** The files hold the same certificates as before (e.g. only rewritten or touched). */
    record Unchanged(TlsMaterial current) implements ReloadResult {
        public Unchanged {
            requireNonNull(current, "current");
        }
    }

    /**
     * A file could not be used; {@code current} is the material kept in use.
     *
     * @param error names the file, the cause and the fix; {@link MaterialException#file()} is the file
     * @param failure which part of the files could not be used
     */
    record Failed(TlsMaterial current, MaterialException error, ReloadFailure failure) implements ReloadResult {
        public Failed {
            requireNonNull(current, "current");
            requireNonNull(error, "error");
            requireNonNull(failure, "failure");
        }
    }

    /**
     * The files are usable again after a failed reload, and hold the material already in use (they
     * were put back as they were): nothing changes, the failure is over. Reported once.
     */
    record Recovered(TlsMaterial current) implements ReloadResult {
        public Recovered {
            requireNonNull(current, "current");
        }
    }
}
