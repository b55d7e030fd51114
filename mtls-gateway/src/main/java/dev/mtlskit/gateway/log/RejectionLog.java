package dev.mtlskit.gateway.log;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import dev.mtlskit.names.Printable;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.validation.Durations;
import dev.mtlskit.validation.Verdict;

/**
 * One line per rejected client, e.g.
 * {@code rejected 127.0.0.1:53422 EXPIRED: The client certificate CN=acme expired on … (6 days ago).
 * Fix: renew the certificate … [offered CN=acme, issued by CN=Dev CA, expires 2026-11-20T00:00:00Z]}. A client that sent no
 * certificate ({@code NO_CLIENT_CERT}) is told apart from one whose certificate was refused.
 * Handshakes that failed for another reason, connections refused at a limit and clients cut off by
 * a timeout get a line in words too, naming the setting that decided.
 *
 * <p>Every line is rate-limited per kind, reason and client address ({@link LogThrottle}): a client
 * retrying a refused handshake a thousand times a second gets one line, then one with the count.
 * The TLS engine's own text and stack trace are logged at debug level only.
 */
public final class RejectionLog {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.rejected");

    private final String listener;
    private final Clock clock;
    private final LogThrottle throttle;

    public RejectionLog(String listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
        this.throttle = LogThrottle.standard();
    }

    public void certificateRejected(SocketAddress peer, Verdict verdict, X509Certificate offered) {
        throttle.log("rejected", verdict.reason().name(), host(peer),
                () -> line(peer, verdict.reason(), verdict.message() + " Fix: " + verdict.fix(), offered),
                sink(LOG::atWarn, "rejected", verdict.reason().name(), peer));
    }

    public void noCertificate(SocketAddress peer) {
        throttle.log("rejected", Reason.NO_CLIENT_CERT.name(), host(peer),
                () -> line(peer, Reason.NO_CLIENT_CERT, "the client sent no certificate", null),
                sink(LOG::atWarn, "rejected", Reason.NO_CLIENT_CERT.name(), peer));
    }

    /**
     * The open connections of a client that the new trust (a CRL, a CA removed) refuses were
     * closed: one line per client, not rate-limited (it follows a reload, not a client's doing).
     */
    public void connectionsClosed(Verdict verdict, X509Certificate certificate, int connections) {
        LOG.atWarn().addKeyValue("event", "connections_closed").addKeyValue("listener", listener)
                .addKeyValue("reason", verdict.reason().name()).addKeyValue("connections", connections)
                .log("closed [{}] {} open connection{} of {}: {}: {}", listener, connections, connections == 1 ? "" : "s",
                        Printable.of(certificate.getSubjectX500Principal().getName()), verdict.reason(), verdict.message());
    }

    /**
     * A handshake that failed for another reason than the client certificate (protocol, cipher, garbage).
     *
     * @param protocols the listener's TLS versions
     * @param timeout the listener's handshake timeout
     * @param plainHttp the client's first bytes looked like an HTTP request
     * @return the failure as logged (its key is the reason counted in the metrics)
     */
    public HandshakeFailure handshakeFailed(SocketAddress peer, Throwable cause, List<String> protocols, Duration timeout,
                                            boolean plainHttp) {
        HandshakeFailure failure = HandshakeFailure.of(cause, protocols, timeout, plainHttp);
        throttle.log("handshake failed", failure.reason(), host(peer),
                () -> "handshake failed [" + listener + "] " + address(peer) + ": " + failure.words(),
                sink(LOG::atInfo, "handshake_failed", failure.reason(), peer));
        if (LOG.isDebugEnabled()) {
            LOG.debug("handshake failed [" + listener + "] " + address(peer) + ": the TLS engine said: "
                    + Printable.of(HandshakeFailure.engineText(cause)), cause);
        }
        return failure;
    }

    /**
     * A connection closed at once because a limit was reached.
     *
     * @param reason which limit: lines alike are counted together
     * @param why what was full, naming the setting, e.g. "10000 connections are open, the most limits.max_connections allows"
     */
    public void refused(SocketAddress peer, Cutoff reason, String why) {
        throttle.log("refused", reason.name(), host(peer),
                () -> "refused [" + listener + "] " + address(peer) + ": " + why + "; the connection was closed at once",
                sink(LOG::atWarn, "refused", reason.name(), peer));
    }

    /**
     * A client cut off because it was too slow.
     *
     * @param reason which timeout: lines alike are counted together
     * @param what what did not happen in time and what the client got, naming the setting
     */
    public void timedOut(SocketAddress peer, Cutoff reason, String what) {
        throttle.log("timed out", reason.name(), host(peer),
                () -> "timed out [" + listener + "] " + address(peer) + ": " + what,
                sink(LOG::atInfo, "timed_out", reason.name(), peer));
    }

    /** A connection reached timeouts.max_connection_age and closes gracefully: routine, so at debug level. */
    public void aged(SocketAddress peer, Duration maxAge) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("closing [{}] {}: the connection reached its maximum age of {} (timeouts.max_connection_age); "
                    + "it closes after the requests in progress", listener, address(peer), duration(maxAge));
        }
    }

    /**
     * Writes a line with what it is about as fields (shown by {@code --log-format json}): the
     * event, the listener, the reason code and the client's address. A builder is made per
     * logged line only (the window's summary is a second one): throttled lines are counted, not built.
     */
    private Consumer<String> sink(Supplier<LoggingEventBuilder> level, String event, String reason, SocketAddress peer) {
        return line -> level.get().addKeyValue("event", event).addKeyValue("listener", listener).addKeyValue("reason", reason)
                .addKeyValue("client", address(peer)).log(line);
    }

    /** A duration as the configuration writes it: {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
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

    /** The client's address with its port ({@code 192.0.2.7:53422}, {@code [::1]:53422}): as logs name it. */
    public static String address(SocketAddress peer) {
        if (peer instanceof java.net.InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(peer);
    }

    /** The client's address without the port ({@code 192.0.2.7}, {@code ::1}): as logs and headers name it. */
    public static String host(SocketAddress peer) {
        if (peer instanceof java.net.InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(peer);
    }
}
