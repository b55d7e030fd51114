package dev.mtlskit.gateway.config;

import java.time.Duration;

/**
 * Durations that keep slow or dead peers from holding resources.
 *
 * @param handshake the TLS handshake
 * @param idle a client connection without traffic
 * @param upstreamConnect connecting to an upstream (then 502)
 * @param request from request to the upstream's response headers (then 504)
 * @param shutdownGrace how long a shutdown waits for requests in flight
 */
public record Timeouts(Duration handshake, Duration idle, Duration upstreamConnect, Duration request,
                       Duration shutdownGrace) {

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
}
