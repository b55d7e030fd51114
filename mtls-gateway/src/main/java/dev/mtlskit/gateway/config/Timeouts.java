package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Durations that keep slow or dead peers from holding resources.
 *
 * @param handshake the TLS handshake
 * @param idle a client connection without traffic
 * @param upstreamConnect connecting to an upstream (then 502)
 * @param request from request to the upstream's response headers (then 504)
 * @param shutdownGrace how long a shutdown waits for requests in flight (may be zero)
 */
public record Timeouts(Duration handshake, Duration idle, Duration upstreamConnect, Duration request,
                       Duration shutdownGrace) {

    public Timeouts {
        for (Duration duration : new Duration[] {
                requireNonNull(handshake, "handshake"), requireNonNull(idle, "idle"),
                requireNonNull(upstreamConnect, "upstreamConnect"), requireNonNull(request, "request")}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, not " + duration);
            }
        }
        if (requireNonNull(shutdownGrace, "shutdownGrace").isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative, not " + shutdownGrace);
        }
    }

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }
}
