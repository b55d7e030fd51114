package dev.mtlskit.material;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One session-ticket key, as nginx's {@code ssl_session_ticket_key} reads it from 48 random bytes
 * ({@code openssl rand 48}): bytes 0–15 name the key (the name travels in clear in every ticket,
 * so that the server finds the key that decrypts it), 16–31 are the AES-128-CBC key and 32–47 the
 * HMAC-SHA256 key. A fleet can share one key file with nginx.
 *
 * <p>A key file must be private to its owner ({@code chmod 600}); a file root owns may also be read by
 * its group ({@code 0640}, {@code 0440}: root granted it, as PostgreSQL allows for its key and as a
 * Kubernetes Secret volume with an {@code fsGroup} has it).
 *
 * <p>{@link #load(Path)} also reads a file of several keys written one after the other (a multiple of 48
 * bytes, which nginx does not accept): the first is the key that encrypts new tickets. nginx's
 * 80-byte keys (AES-256) are refused: the TLS engine's ticket callback uses AES-128.
 *
 * <p>Immutable; the bytes never appear in {@link #toString()}.
 */
public final class SessionTicketKey {

    /** One key: name, AES key and HMAC key, 16 bytes each. */
    public static final int SIZE = 48;
    public static final int PART_SIZE = 16;
    /** nginx's other format (name 16, HMAC 32, AES-256 32), which the engine cannot use. */
    static final int NGINX_AES256_SIZE = 80;
    /** A key file holds the current key and the few before it: more is a wrong file, not keys. */
    public static final int MAX_KEYS_PER_FILE = 100;

    private static final Set<PosixFilePermission> OTHERS_THAN_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    /** What a root-owned file may also allow (PostgreSQL's rule for its key): root granted one group reading. */
    private static final Set<PosixFilePermission> ROOT_GRANTED = EnumSet.of(PosixFilePermission.GROUP_READ);

    private final byte[] name;
    private final byte[] aesKey;
    private final byte[] hmacKey;

    private SessionTicketKey(byte[] name, byte[] aesKey, byte[] hmacKey) {
        this.name = name;
        this.aesKey = aesKey;
        this.hmacKey = hmacKey;
    }

    /** A key from its 48 bytes in nginx's order: name, AES key, HMAC key. */
    public static SessionTicketKey of(byte[] bytes) {
        requireNonNull(bytes, "bytes");
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a session-ticket key is " + SIZE + " bytes (got " + bytes.length + ")");
        }
        return new SessionTicketKey(Arrays.copyOfRange(bytes, 0, 16), Arrays.copyOfRange(bytes, 16, 32),
                Arrays.copyOfRange(bytes, 32, 48));
    }

    /**
     * The keys of one file, in file order. Throws {@link MaterialException} naming the file and the
     * fix when the file is missing, usable by others than its owner (on POSIX file systems; a
     * symbolic link is judged by its target; root's file may be read by its group), or not a
     * multiple of 48 bytes.
     */
    public static List<SessionTicketKey> load(Path file) {
        requireNonNull(file, "file");
        String quoted = Shell.quote(file.toString());
        byte[] bytes;
        try {
            Set<PosixFilePermission> permissions = permissions(file);
            if (permissions != null && permissions.stream().anyMatch(OTHERS_THAN_OWNER::contains)
                    && !(ownedByRoot(file) && ROOT_GRANTED.containsAll(intersection(permissions, OTHERS_THAN_OWNER)))) {
                throw new MaterialException(file, file + " can be read by others than its owner ("
                        + PosixFilePermissions.toString(permissions) + "): whoever reads a session-ticket key can "
                        + "decrypt the sessions it protects; make it private: chmod 600 " + quoted);
            }
            long size = Files.size(file);
            if (size > (long) SIZE * MAX_KEYS_PER_FILE) {
                throw new MaterialException(file, file + " holds " + size + " bytes, more than " + MAX_KEYS_PER_FILE
                        + " keys of " + SIZE + " bytes: is it a key file? make one with: openssl rand 48 > " + quoted);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MaterialException(file, file + " does not exist: check the path, or make a key with: "
                    + "openssl rand 48 > " + quoted + " && chmod 600 " + quoted, e);
        } catch (AccessDeniedException e) {
            throw new MaterialException(file, file + " cannot be read (permission denied): check its permissions", e);
        } catch (IOException e) {
            throw new MaterialException(file, file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            if (bytes.length == NGINX_AES256_SIZE) {
                throw new MaterialException(file, file + " holds 80 bytes, nginx's AES-256 key format, which the TLS "
                        + "engine cannot use (its session tickets are AES-128): make a 48-byte key with: openssl rand 48 > "
                        + quoted);
            }
            if (bytes.length == 0 || bytes.length % SIZE != 0) {
                throw new MaterialException(file, file + " holds " + bytes.length + " byte" + (bytes.length == 1 ? "" : "s")
                        + ": a session-ticket key file holds 48 random bytes per key (nginx's ssl_session_ticket_key "
                        + "format); make one with: openssl rand 48 > " + quoted);
            }
            List<SessionTicketKey> keys = new ArrayList<>();
            for (int offset = 0; offset < bytes.length; offset += SIZE) {
                keys.add(of(Arrays.copyOfRange(bytes, offset, offset + SIZE)));
            }
            return List.copyOf(keys);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static Set<PosixFilePermission> intersection(Set<PosixFilePermission> a, Set<PosixFilePermission> b) {
        Set<PosixFilePermission> both = EnumSet.noneOf(PosixFilePermission.class);
        both.addAll(a);
        both.retainAll(b);
        return both;
    }

    /**
     * Whether root owns the file: then its group may read it (0640, 0440), as a Kubernetes Secret volume
     * with an fsGroup has it (root's file, the pod's group, {@code defaultMode} plus group read).
     */
    private static boolean ownedByRoot(Path file) throws IOException {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(file, "unix:uid"));
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return "root".equals(Files.getOwner(file).getName());
        }
    }

    /** The file's permissions, or {@code null} on a file system without POSIX permissions. */
    private static Set<PosixFilePermission> permissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return null;
        }
    }

    /** Bytes 0–15: sent in clear in each ticket to find the key that decrypts it. */
    public byte[] name() {
        return name.clone();
    }

    /** Bytes 16–31: the AES-128-CBC key. */
    public byte[] aesKey() {
        return aesKey.clone();
    }

    /** Bytes 32–47: the HMAC-SHA256 key. */
    public byte[] hmacKey() {
        return hmacKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionTicketKey key && MessageDigest.isEqual(name, key.name)
                && MessageDigest.isEqual(aesKey, key.aesKey) && MessageDigest.isEqual(hmacKey, key.hmacKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(name); // the name alone: the secret parts have no business in a hash table
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "SessionTicketKey[…]";
    }
}
