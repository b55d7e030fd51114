package dev.mtlskit.trust;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judgements of chains seen recently, each until a given instant. Bounded: when full, expired
 * entries go first, then about a tenth of the rest. Keys are SHA-256 hashes of what a judgement
 * depends on besides the trust it was made under (which never changes for one cache).
 */
final class VerdictCache {

    private record Entry(Judgement judgement, Instant expires) {
    }

    private final int maxEntries;
    private final Map<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();

    VerdictCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 1)");
        }
        this.maxEntries = maxEntries;
    }

    /** The judgement remembered under {@code key} that holds at {@code now}, or {@code null}. */
    Judgement get(ByteBuffer key, Instant now) {
        Entry entry = entries.get(key);
        return entry != null && now.isBefore(entry.expires()) ? entry.judgement() : null;
    }

    void put(ByteBuffer key, Judgement judgement, Instant now, Instant expires) {
        if (!now.isBefore(expires)) {
            return;
        }
        if (entries.size() >= maxEntries) {
            evict(now);
        }
        entries.put(key, new Entry(judgement, expires));
    }

    /** Forgets the judgements {@code stale} selects, e.g. those that new knowledge would word otherwise. */
    void forget(java.util.function.Predicate<Judgement> stale) {
        entries.values().removeIf(entry -> stale.test(entry.judgement()));
    }

    int size() {
        return entries.size();
    }

    private void evict(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
        int excess = entries.size() - maxEntries * 9 / 10;
        Iterator<ByteBuffer> keys = entries.keySet().iterator();
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    /** SHA-256 of the role, the expected name (or none) and each certificate, length-prefixed. */
    static ByteBuffer key(List<X509Certificate> chain, String role, String name) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((role + "\n" + (name == null ? "" : name) + "\n").getBytes(StandardCharsets.UTF_8));
            for (X509Certificate certificate : chain) {
                byte[] der = certificate.getEncoded();
                digest.update((byte) (der.length >>> 24));
                digest.update((byte) (der.length >>> 16));
                digest.update((byte) (der.length >>> 8));
                digest.update((byte) der.length);
                digest.update(der);
            }
            return ByteBuffer.wrap(digest.digest());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash a certificate chain: " + e.getMessage(), e);
        }
    }
}
