package dev.mtlskit.gateway.config;

/**
 * Bounds that keep memory per connection small.
 *
 * @param maxHeaderBytes request line plus headers (HTTP/1.1) or header list size (HTTP/2)
 * @param maxBodyBytes request body; larger bodies get 413
 * @param maxConnections concurrent client connections per listener; beyond, new ones are closed
 * @param maxConcurrentStreams HTTP/2 streams per connection
 * @param maxHandshakesPerSource TLS handshakes in progress at once from one client IP address; beyond, new
 *        connections from it are closed
 */
public record Limits(int maxHeaderBytes, long maxBodyBytes, int maxConnections, int maxConcurrentStreams,
                     int maxHandshakesPerSource) {

    public static final int DEFAULT_MAX_HANDSHAKES_PER_SOURCE = 128;

    public Limits {
        if (maxHeaderBytes <= 0 || maxBodyBytes < 0 || maxConnections <= 0 || maxConcurrentStreams <= 0
                || maxHandshakesPerSource <= 0) {
            throw new IllegalArgumentException("limits must be positive (the body limit may be 0): " + maxHeaderBytes
                    + ", " + maxBodyBytes + ", " + maxConnections + ", " + maxConcurrentStreams + ", "
                    + maxHandshakesPerSource);
        }
    }

    /** The first four, with the default handshakes per source. */
    public Limits(int maxHeaderBytes, long maxBodyBytes, int maxConnections, int maxConcurrentStreams) {
        this(maxHeaderBytes, maxBodyBytes, maxConnections, maxConcurrentStreams, DEFAULT_MAX_HANDSHAKES_PER_SOURCE);
    }

    public static Limits defaults() {
        return new Limits(16 * 1024, 16L * 1024 * 1024, 10_000, 100);
    }
}
