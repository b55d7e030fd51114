package dev.mtlskit.reload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tells whether any of a few files changed since the last look, cheaply: a stat per file per poll,
 * and a content hash only when the stat differs (or may be stale, see {@link #RACY_WINDOW}).
 *
 * <p>Each poll resolves symbolic links afresh and looks at the target, so that every way files get
 * replaced is seen: an editor writing in place (size or modification time change), an atomic
 * rename (new inode), and a Kubernetes secret update (the {@code ..data} link is swapped to a new
 * directory, so the resolved path changes). Only content changes count: a touch is not a change.
 *
 * <p>Not thread-safe: one poller calls it.
 */
final class FileWatcher {

    /**
     * A file modified this recently may be modified again within the same timestamp tick (one or
     * two seconds on some file systems) with the same size, which a stat cannot see; its content
     * is hashed at every poll until it is older (the "racy timestamp" problem git solves the same way).
     */
    static final Duration RACY_WINDOW = Duration.ofSeconds(3);

    /** Hashing stops here: material files are a few KiB and the loader refuses anything over 1 MiB. */
    private static final int MAX_HASHED_BYTES = 2 * 1024 * 1024;

    /** What a stat of the resolved file showed; {@code problem} is set when it could not be read. */
    private record Stat(Path realPath, Object fileKey, long size, long modifiedMillis, String problem) {
    }

    /** The last look at one file. */
    private record Seen(Stat stat, byte[] contentHash, boolean racy) {
    }

    private final List<Path> files;
    private final Clock clock;
    private final Map<Path, Seen> seen = new HashMap<>();

    /** Takes the first look now: later polls report changes relative to it. */
    FileWatcher(List<Path> files, Clock clock) {
        this.files = List.copyOf(files);
        this.clock = clock;
        poll();
    }

    /** Whether the content of any file changed (or a file appeared or disappeared) since the previous poll. */
    boolean poll() {
        Instant now = clock.instant();
        boolean changed = false;
        for (Path file : files) {
            Stat stat = stat(file);
            Seen before = seen.get(file);
            if (before != null && before.stat().equals(stat) && !before.racy()) {
                continue;
            }
            byte[] hash = stat.problem() == null ? hash(stat.realPath()) : null;
            boolean racy = stat.problem() == null
                    && stat.modifiedMillis() > now.minus(RACY_WINDOW).toEpochMilli();
            seen.put(file, new Seen(stat, hash, racy));
            if (before != null && (!Arrays.equals(hash, before.contentHash())
                    || !Objects.equals(stat.problem(), before.stat().problem()))) {
                changed = true;
            }
        }
        return changed;
    }

    private static Stat stat(Path file) {
        try {
            Path real = file.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return new Stat(real, attributes.fileKey(), attributes.size(), attributes.lastModifiedTime().toMillis(), null);
        } catch (IOException | SecurityException e) {
            // Missing for a moment (mid-swap) or unreadable: the loader will say which, by name.
            return new Stat(null, null, -1, -1, e.getClass().getSimpleName());
        }
    }

    /** SHA-256 of the content, or {@code null} when it cannot be read (a change the loader will explain). */
    private static byte[] hash(Path file) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            long total = 0;
            int read;
            while (total < MAX_HASHED_BYTES && (read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
                total += read;
            }
            return digest.digest();
        } catch (IOException | SecurityException e) {
            return null;
        } finally {
            Arrays.fill(buffer, (byte) 0); // key files pass through here
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
