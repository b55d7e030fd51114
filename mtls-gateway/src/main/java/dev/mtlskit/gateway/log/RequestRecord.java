package dev.mtlskit.gateway.log;

import static java.util.Objects.requireNonNull;

import dev.mtlskit.gateway.tls.HandshakeOutcome;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;

/**
 * One request's facts as they become known: what the client asked (fixed at the start), then its
 * route, how it was answered and how many bytes went each way. Filled in by the server side and
 * the exchange on the request's event loop (so not thread-safe), and written as one access-log
 * line when the request ends ({@link AccessLog#ended}).
 */
public final class RequestRecord {

    private final String listener;
    private final Channel connection;
    private final boolean http2;
    private final long startNanos;
    private final String method;
    private final String uri;
    private final String path;
    private final String query;
    private final String clientAddress;
    private final HandshakeOutcome outcome;
    private String forwardUri;
    private String canonicalPath;
    private String route;
    private String reason;
    private String code;
    private int status;
    private long bytesIn;
    private long bytesOut;
    /** The listener's in-flight accounting, ended once, whichever way the request ends. */
    private Runnable whenEnded;

    /**
     * @param listener the listener's name
     * @param clientAddress the client's address as the access log names it
     * @param outcome what the connection's handshake established ({@code mtls tunnel}: no TLS, no identity)
     */
    public RequestRecord(HttpRequest request, Channel connection, boolean http2, long startNanos, String listener,
                         String clientAddress, HandshakeOutcome outcome) {
        this.listener = requireNonNull(listener, "listener");
        this.connection = connection;
        this.http2 = http2;
        this.startNanos = startNanos;
        this.method = request.method().name();
        this.uri = request.uri();
        int query = uri.indexOf('?');
        this.path = query < 0 ? uri : uri.substring(0, query);
        this.query = query < 0 ? "" : uri.substring(query);
        this.clientAddress = clientAddress;
        this.outcome = outcome;
    }

    /** The request is in flight until {@link #finish()}, which runs {@code whenEnded} once. */
    public void started(Runnable whenEnded) {
        this.whenEnded = requireNonNull(whenEnded, "whenEnded");
    }

    /** Ends the request's in-flight accounting, once, whichever way it ended. */
    public void finish() {
        Runnable ended = whenEnded;
        if (ended != null) {
            whenEnded = null;
            ended.run();
        }
    }

    public String listener() {
        return listener;
    }

    public Channel connection() {
        return connection;
    }

    public boolean http2() {
        return http2;
    }

    public long startNanos() {
        return startNanos;
    }

    public String method() {
        return method;
    }

    /** The request target as the client sent it. */
    public String uri() {
        return uri;
    }

    /** The target without its query. */
    public String path() {
        return path;
    }

    /** The query with its {@code ?}, or empty. */
    public String query() {
        return query;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public HandshakeOutcome outcome() {
        return outcome;
    }

    /** The canonical path (what was authorized) with the original query: what the upstream gets. */
    public String forwardUri() {
        return forwardUri;
    }

    public void forwardUri(String forwardUri) {
        this.forwardUri = forwardUri;
    }

    public String canonicalPath() {
        return canonicalPath;
    }

    public void canonicalPath(String canonicalPath) {
        this.canonicalPath = canonicalPath;
    }

    /** The path prefix of the route that took the request, or {@code null}. */
    public String route() {
        return route;
    }

    public void route(String route) {
        this.route = route;
    }

    /** The certificate reason code of a refusal, or {@code null}. */
    public String reason() {
        return reason;
    }

    public void reason(String reason) {
        this.reason = reason;
    }

    /** The code of a refusal or failure, or {@code null}. */
    public String code() {
        return code;
    }

    public void code(String code) {
        this.code = code;
    }

    public int status() {
        return status;
    }

    public void status(int status) {
        this.status = status;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public void bytesIn(long bytes) {
        bytesIn = bytes;
    }

    public void addBytesIn(long bytes) {
        bytesIn += bytes;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public void bytesOut(long bytes) {
        bytesOut = bytes;
    }

    public void addBytesOut(long bytes) {
        bytesOut += bytes;
    }
}
