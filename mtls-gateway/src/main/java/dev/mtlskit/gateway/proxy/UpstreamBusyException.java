package dev.mtlskit.gateway.proxy;

/**
 * An upstream has all its {@code max_connections} open and none idle: the request is answered
 * 503 UPSTREAM_BUSY at once rather than queued. One instance per upstream, without a stack trace:
 * under overload it is thrown often and says all there is to say.
 */
final class UpstreamBusyException extends Exception {

    private static final long serialVersionUID = 1L;

    UpstreamBusyException(String upstream, int maxConnections) {
        super("upstream " + upstream + " has all its " + maxConnections + " connections (max_connections) busy",
                null, false, false);
    }
}
