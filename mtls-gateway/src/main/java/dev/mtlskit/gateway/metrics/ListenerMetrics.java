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
        metrics.request(listener, route == null ? "none" : route, status, nanos);
    }
}
