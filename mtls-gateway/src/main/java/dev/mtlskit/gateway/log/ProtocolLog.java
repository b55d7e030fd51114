package dev.mtlskit.gateway.log;

import java.net.SocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.names.Printable;
import dev.mtlskit.reason.Causes;

/**
 * One line per HTTP/2 protocol event that the gateway answered by resetting a stream or closing a
 * connection, on the logger {@code mtls.protocol}, e.g. {@code HTTP/2 stream reset [api]
 * 127.0.0.1:53422 stream 3 (PROTOCOL_ERROR): Request is missing mandatory :method pseudo-header field}.
 *
 * <p>A hostile client can cause these as fast as it can send frames: they are rate-limited like the
 * rejection lines ({@link LogThrottle}: one line per kind and client address per 10 s, then one with
 * the count). The exception's stack trace, when there is one, is logged at debug level only.
 */
public final class ProtocolLog {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.protocol");

    private final String listener;
    private final LogThrottle throttle;

    public ProtocolLog(String listener) {
        this(listener, LogThrottle.standard());
    }

    ProtocolLog(String listener, LogThrottle throttle) {
        this.listener = listener;
        this.throttle = throttle;
    }

    /** The gateway reset one stream with {@code error} (an HTTP/2 error code name) because of {@code cause}. */
    public void streamReset(SocketAddress peer, int streamId, String error, Throwable cause) {
        log(false, "stream reset", error, peer, cause, () -> "HTTP/2 stream reset [" + listener + "] "
                + RejectionLog.address(peer) + " stream " + streamId + " (" + error + "): " + sentence(cause));
    }

    /** The gateway sent GOAWAY with {@code error} and closes the connection because of {@code cause}. */
    public void connectionClosed(SocketAddress peer, String error, Throwable cause) {
        log(false, "connection closed", error, peer, cause, () -> "HTTP/2 connection closed [" + listener + "] "
                + RejectionLog.address(peer) + " (GOAWAY " + error + "): " + sentence(cause));
    }

    /** The connection failed for a reason that is not HTTP/2's (a bug, most likely): it is closed without GOAWAY. */
    public void connectionFailed(SocketAddress peer, Throwable cause) {
        log(true, "connection failed", "", peer, cause, () -> "HTTP/2 connection closed [" + listener + "] "
                + RejectionLog.address(peer) + ": " + sentence(cause));
    }

    /** The client sent more frames of a kind than its budget allows: the connection is cut off. */
    public void flood(SocketAddress peer, String what) {
        log(true, "flood", what, peer, null, () -> "HTTP/2 flood [" + listener + "] " + RejectionLog.address(peer)
                + ": " + what + "; the connection is closed (GOAWAY ENHANCE_YOUR_CALM)");
    }

    private void log(boolean warn, String kind, String reason, SocketAddress peer, Throwable cause,
                     java.util.function.Supplier<String> line) {
        if (cause != null && LOG.isDebugEnabled()) {
            LOG.debug("HTTP/2 [" + listener + "] " + kind + ": the exception", cause);
        }
        throttle.log("HTTP/2 " + kind, reason, RejectionLog.host(peer), line, warn ? LOG::warn : LOG::info);
    }

    /** The exception's own message, as one printable sentence without a final period. */
    private static String sentence(Throwable cause) {
        String message = Causes.message(cause);
        message = Printable.of(message.strip());
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
