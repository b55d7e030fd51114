package dev.mtlskit.gateway.log;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.names.Printable;

/**
 * One line per failed upstream connection or exchange on the logger {@code mtls.upstream}, with
 * its code, e.g. {@code tunnel: https://api.example:443 UNTRUSTED_ROOT: the upstream's certificate
 * was refused: … Fix: …}.
 *
 * <p>An upstream that is down fails every request: the same upstream, target and code are logged at most
 * once per {@value #QUIET_SECONDS} s, and the next line says how many were left out, so that an
 * outage costs the event loops a line every few seconds, not one per request.
 */
public final class UpstreamLog {

    static final long QUIET_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger("mtls.upstream");
    /** "upstream target code" → when it was last logged (nanoTime) and how many were left out since. */
    private static final ConcurrentMap<String, Window> WINDOWS = new ConcurrentHashMap<>();

    private UpstreamLog() {
    }

    /** @param upstream the upstream's name (the tunnel's is {@code tunnel}) */
    public static void failed(String upstream, URI target, UpstreamFailure failure) {
        Window window = WINDOWS.computeIfAbsent(upstream + " " + target + " " + failure.code(), key -> new Window());
        long left = window.admit(System.nanoTime());
        if (left < 0) {
            return;
        }
        LOG.warn("{}: {} {}: {}{}", upstream, target, failure.code(), Printable.of(failure.explanation()),
                left == 0 ? "" : " (" + left + " more like it in the last " + QUIET_SECONDS + " s)");
    }

    /** The rate limit of one upstream and code. */
    private static final class Window {
        private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong suppressed = new AtomicLong();

        /** How many were left out before this one, or -1 when this one is left out too. */
        long admit(long now) {
            long last = lastLogged.get();
            if (last != Long.MIN_VALUE && now - last < TimeUnit.SECONDS.toNanos(QUIET_SECONDS)) {
                suppressed.incrementAndGet();
                return -1;
            }
            if (!lastLogged.compareAndSet(last, now)) {
                suppressed.incrementAndGet();
                return -1;
            }
            return suppressed.getAndSet(0);
        }
    }
}
