package dev.mtlskit.gateway.tls;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Judgements (verdict, identity and identity headers) of chains seen recently, so that a client
 * reconnecting with the same certificate costs one hash instead of a path validation, a
 * certificate parse and a header encoding. Bounded in size; an entry expires after {@code ttl},
 * and never outlives the earliest notAfter of the chain it judged.
 */
public final class VerdictCache {

    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final Map<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Judgement judgement, Instant expires) {
    }

    public VerdictCache(int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: >= 1)");
        }
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The cached judgement of {@code chain}, or a fresh one from {@code judge} (then cached). */
    public Judgement get(List<X509Certificate> chain, Function<List<X509Certificate>, Judgement> judge) {
        ByteBuffer key = key(chain);
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.judgement();
        }
        Judgement judgement = judge.apply(chain);
        Instant expires = now.plus(ttl);
        for (X509Certificate certificate : chain) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            if (notAfter.isBefore(expires)) {
                expires = notAfter;
            }
        }
        if (entries.size() >= maxEntries) {
            evict(now);
        }
        entries.put(key, new Entry(judgement, expires));
        return judgement;
    }

    public int size() {
        return entries.size();
    }

    /** Drops expired entries, and if that is not enough, about a tenth of the rest. */
    private void evict(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
        int excess = entries.size() - maxEntries * 9 / 10;
        Iterator<ByteBuffer> keys = entries.keySet().iterator();
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private static ByteBuffer key(List<X509Certificate> chain) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
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
