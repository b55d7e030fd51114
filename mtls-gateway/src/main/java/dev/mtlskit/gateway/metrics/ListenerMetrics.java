package dev.mtlskit.gateway.metrics;

import java.security.cert.X509Certificate;

import dev.mtlskit.names.Printable;

/**
 * What one listener counts: its handshakes (accepted or rejected, and why), resumed sessions,
 * handshake durations, requests by route and status, and the client certificates it sees.
 */
public final class ListenerMetrics {

    /** The reason of an accepted handshake with a verified client certificate. */
    public static final String VERIFIED = "VERIFIED";
    /** For probes: a connection closed before it sent a byte. */
    public static final String CLOSED_BEFORE_HANDSHAKE = "CLOSED_BEFORE_HANDSHAKE";

    private final GatewayMetrics metrics;
    private final String listener;
    private final java.util.concurrent.ConcurrentMap<String, RouteMeters> routes = new java.util.concurrent.ConcurrentHashMap<>();

    ListenerMetrics(GatewayMetrics metrics, String listener) {
        this.metrics = metrics;
        this.listener = listener;
    }

    /** Counts this listener's online revocation checks and fetches. */
    public dev.mtlskit.revocation.OnlineRevocation.Observer revocation() {
        return new dev.mtlskit.revocation.OnlineRevocation.Observer() {
            @Override
            public void checked(dev.mtlskit.revocation.RevocationStatus status) {
                if (metrics.enabled() && status.state() != dev.mtlskit.revocation.RevocationStatus.State.NOT_CHECKED) {
                    metrics.revocationCheck(listener, switch (status.state()) {
                        case GOOD -> "good";
                        case REVOKED -> "revoked";
                        default -> status.refuses() ? "unknown_refused" : "unknown_admitted";
                    });
                }
            }

            @Override
            public void fetched(dev.mtlskit.revocation.OnlineRevocation.Source source, boolean ok) {
                if (metrics.enabled()) {
                    metrics.revocationFetch(listener, source.label(), ok ? "ok" : "failed");
                }
            }
        };
    }

    /**
     * A completed handshake.
     *
     * @param reason {@link #VERIFIED}, or {@code NO_CLIENT_CERT} where a certificate is optional
     * @param client the verified client certificate, or null
     */
    public void accepted(String reason, boolean resumed, long nanos, X509Certificate client) {
        if (!metrics.enabled()) {
            return;
        }
        metrics.handshake(listener, "accepted", reason);
        metrics.handshakeDuration(listener, nanos);
        if (resumed) {
            metrics.resumed(listener);
        }
        if (client != null) {
            metrics.clientSeen(listener, Printable.of(client.getSubjectX500Principal().getName()),
                    client.getNotAfter().toInstant());
        }
    }

    /**
     * A refused handshake, or (explain mode) a completed handshake whose client certificate is refused.
     *
     * @param reason a certificate reason code or a handshake failure key (closed sets)
     * @param client the client's address, as the log names it
     * @param offered the certificate the client offered, or null
     * @param message what happened, as the log line says it
     */
    public void rejected(String reason, String client, X509Certificate offered, String message) {
        if (!metrics.enabled()) {
            return;
        }
        metrics.handshake(listener, "rejected", reason);
        refused(reason, client, offered, message);
    }

    /** A connection closed before it sent a byte (a TCP health check, a port scan): counted only. */
    public void probe() {
        if (!metrics.enabled()) {
            return;
        }
        metrics.handshake(listener, "rejected", CLOSED_BEFORE_HANDSHAKE);
    }

    /** A request refused (401 or 403): not a handshake, but a rejection the status API lists. */
    public void refused(String reason, String client, X509Certificate offered, String message) {
        if (!metrics.enabled()) {
            return;
        }
        metrics.rejection(listener, new Rejection(java.time.Instant.now(), client,
                offered == null ? null : Printable.of(offered.getSubjectX500Principal().getName()),
                offered == null ? null : Printable.of(offered.getIssuerX500Principal().getName()), reason, message));
    }

    /** A request answered (or abandoned) on {@code route} ({@code none} when no route matched). */
    public void request(String route, int status, long nanos) {
        if (!metrics.enabled()) {
            return;
        }
        String name = route == null ? "none" : route;
        RouteMeters meters = routes.get(name);
        if (meters == null) {
            meters = routes.computeIfAbsent(name, RouteMeters::new);
        }
        meters.record(status, nanos);
    }

    /**
     * A route's timer and its counters by status, looked up in the registry once: a request then
     * costs one map lookup by the route's string, no key objects (measured: 2 % of a keep-alive
     * request's CPU went to building and hashing the keys).
     */
    private final class RouteMeters {
        private static final int FIRST_STATUS = 100;
        private static final int LAST_STATUS = 599;

        private final String route;
        private final io.micrometer.core.instrument.Timer duration;
        /** By status - 100; the last slot counts the statuses outside 100..599. Filled as statuses occur. */
        private final java.util.concurrent.atomic.AtomicReferenceArray<io.micrometer.core.instrument.Counter> byStatus =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(LAST_STATUS - FIRST_STATUS + 2);

        RouteMeters(String route) {
            this.route = route;
            this.duration = metrics.requestDuration(listener, route);
        }

        void record(int status, long nanos) {
            boolean known = status >= FIRST_STATUS && status <= LAST_STATUS;
            int slot = known ? status - FIRST_STATUS : byStatus.length() - 1;
            io.micrometer.core.instrument.Counter counter = byStatus.get(slot);
            if (counter == null) {
                counter = metrics.requests(listener, route, known ? Integer.toString(status) : "other");
                byStatus.set(slot, counter);
            }
            counter.increment();
            duration.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
