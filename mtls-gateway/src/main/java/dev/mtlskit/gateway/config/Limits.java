package dev.mtlskit.gateway.config;

/**
 * Bounds that keep memory per connection small.
 *
 * @param maxHeaderBytes request line plus headers (HTTP/1.1) or header list size (HTTP/2)
 * @param maxBodyBytes request body; larger bodies get 413
 * @param maxConnections concurrent client connections per listener; beyond, new ones are closed
 * @param maxConcurrentStreams HTTP/2 streams per connection
 */
public record Limits(int maxHeaderBytes, long maxBodyBytes, int maxConnections, int maxConcurrentStreams) {

    public Limits {
        if (maxHeaderBytes <= 0 || maxBodyBytes < 0 || maxConnections <= 0 || maxConcurrentStreams <= 0) {
            throw new IllegalArgumentException("limits must be positive (the body limit may be 0): " + maxHeaderBytes
                    + ", " + maxBodyBytes + ", " + maxConnections + ", " + maxConcurrentStreams);
        }
    }

    public static Limits defaults() {
        return new Limits(16 * 1024, 16L * 1024 * 1024, 10_000, 100);
    }
}
