package dev.mtlskit.gateway.log;

import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.names.Printable;

/**
 * One line per HTTP/2 protocol event that the gateway answered by resetting a stream or closing a
 * connection, on the logger {@code mtls.protocol}, e.g. {@code HTTP/2 stream reset [api]
 * 127.0.0.1:53422 stream 3 (PROTOCOL_ERROR): Request is missing mandatory :method pseudo-header field}.
 *
 * <p>A hostile client can cause these as fast as it can send frames: each kind is logged at most
 * once per {@value #QUIET_SECONDS} s per listener, and the next line says how many were left out.
 * The exception's stack trace, when there is one, is logged at debug level only.
 */
public final class ProtocolLog {

    static final long QUIET_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger("mtls.protocol");

    private final String listener;
    /** Kind of event → when it was last logged (nanoTime) and how many were left out since. */
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    private final LongSupplier nanoTime;

    public ProtocolLog(String listener) {
        this(listener, System::nanoTime);
    }

    ProtocolLog(String listener, LongSupplier nanoTime) {
        this.listener = listener;
        this.nanoTime = nanoTime;
    }

    /** The gateway reset one stream with {@code error} (an HTTP/2 error code name) because of {@code cause}. */
    public void streamReset(SocketAddress peer, int streamId, String error, Throwable cause) {
        log(false, "stream reset " + error, "HTTP/2 stream reset [{}] {} stream {} ({}): {}{}", cause,
                listener, RejectionLog.address(peer), streamId, error, sentence(cause));
    }

    /** The gateway sent GOAWAY with {@code error} and closes the connection because of {@code cause}. */
    public void connectionClosed(SocketAddress peer, String error, Throwable cause) {
        log(false, "connection closed " + error, "HTTP/2 connection closed [{}] {} (GOAWAY {}): {}{}", cause,
                listener, RejectionLog.address(peer), error, sentence(cause));
    }

    /** The connection failed for a reason that is not HTTP/2's (a bug, most likely): it is closed without GOAWAY. */
    public void connectionFailed(SocketAddress peer, Throwable cause) {
        log(true, "connection failed", "HTTP/2 connection closed [{}] {}: {}{}", cause,
                listener, RejectionLog.address(peer), sentence(cause));
    }

    /** The client sent more frames of a kind than its budget allows: the connection is cut off. */
    public void flood(SocketAddress peer, String what) {
        log(true, "flood", "HTTP/2 flood [{}] {}: {}; the connection is closed (GOAWAY ENHANCE_YOUR_CALM){}", null,
                listener, RejectionLog.address(peer), what);
    }

    /**
     * @param format with one placeholder per argument, then one for "(N more like it)"
     */
    private void log(boolean warn, String kind, String format, Throwable cause, Object... arguments) {
        if (cause != null && LOG.isDebugEnabled()) {
            LOG.debug("HTTP/2 [" + listener + "] " + kind + ": the exception", cause);
        }
        Window window = windows.computeIfAbsent(kind, key -> new Window());
        long left = window.admit(nanoTime.getAsLong());
        if (left < 0) {
            return;
        }
        Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = left == 0 ? "" : " (" + left + " more like it in the last " + QUIET_SECONDS + " s)";
        if (warn) {
            LOG.warn(format, all);
        } else {
            LOG.info(format, all);
        }
    }

    /** The exception's own message, as one printable sentence without a final period. */
    private static String sentence(Throwable cause) {
        String message = cause == null ? null : cause.getMessage();
        for (Throwable t = cause; (message == null || message.isBlank()) && t != null; t = t.getCause()) {
            message = t.getMessage();
        }
        if (message == null || message.isBlank()) {
            message = "no reason given";
        }
        message = Printable.of(message.strip());
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /** The rate limit of one kind of event. */
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
