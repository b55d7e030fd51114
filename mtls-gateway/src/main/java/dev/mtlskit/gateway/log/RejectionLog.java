package dev.mtlskit.gateway.log;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.names.Printable;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.validation.Durations;
import dev.mtlskit.validation.Verdict;

/**
 * One line per rejected client, e.g.
 * {@code rejected 127.0.0.1:53422 EXPIRED: The client certificate CN=acme expired on … (6 days ago).
 * [offered CN=acme, issued by CN=Dev CA, expires 2026-11-20T00:00:00Z]}. A client that sent no
 * certificate ({@code NO_CLIENT_CERT}) is told apart from one whose certificate was refused.
 */
public final class RejectionLog {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.rejected");

    private final String listener;
    private final Clock clock;

    public RejectionLog(String listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    public void certificateRejected(SocketAddress peer, Verdict verdict, X509Certificate offered) {
        LOG.warn("{}", line(peer, verdict.reason(), verdict.message(), offered));
    }

    public void noCertificate(SocketAddress peer) {
        LOG.warn("{}", line(peer, Reason.NO_CLIENT_CERT, "the client sent no certificate", null));
    }

    /** A handshake that failed for another reason than the client certificate (protocol, cipher, garbage). */
    public void handshakeFailed(SocketAddress peer, Throwable cause) {
        LOG.info("handshake failed [{}] {}: {}", listener, address(peer), Printable.of(String.valueOf(rootMessage(cause))));
    }

    String line(SocketAddress peer, Reason reason, String message, X509Certificate offered) {
        StringBuilder line = new StringBuilder("rejected [").append(listener).append("] ")
                .append(address(peer)).append(' ').append(reason).append(": ").append(message);
        if (offered != null) {
            Instant expires = offered.getNotAfter().toInstant();
            Instant now = clock.instant();
            line.append(" [offered ").append(Printable.of(offered.getSubjectX500Principal().getName()))
                    .append(", issued by ").append(Printable.of(offered.getIssuerX500Principal().getName()))
                    .append(", expire").append(expires.isBefore(now) ? "d " : "s ").append(expires)
                    .append(expires.isBefore(now) ? " (" + Durations.humanize(Duration.between(expires, now)) + " ago)" : "")
                    .append(']');
        }
        return line.toString();
    }

    static String address(SocketAddress peer) {
        if (peer instanceof java.net.InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(peer);
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
