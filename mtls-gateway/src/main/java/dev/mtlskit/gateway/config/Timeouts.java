package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Durations that keep slow or dead peers from holding resources.
 *
 * @param handshake the TLS handshake
 * @param idle a client connection without traffic
 * @param upstreamConnect connecting to an upstream (then 502)
 * @param request from the end of the request (its last body byte) to the upstream's response headers
 *     (then 504); a long upload that keeps moving is governed by {@code requestBody}, not this
 * @param shutdownGrace how long a shutdown waits for requests in flight (may be zero)
 * @param clientHello from accepting a connection to the client's complete ClientHello
 * @param requestHeader a request's line and headers, from their first byte (the first request: from the handshake)
 * @param requestBody the longest wait for the next piece of a request body
 * @param maxConnectionAge then the connection is closed gracefully; zero: no limit
 */
public record Timeouts(Duration handshake, Duration idle, Duration upstreamConnect, Duration request,
                       Duration shutdownGrace, Duration clientHello, Duration requestHeader, Duration requestBody,
                       Duration maxConnectionAge) {

    public static final Duration DEFAULT_CLIENT_HELLO = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_HEADER = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_BODY = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofHours(1);

    public Timeouts {
        for (Duration duration : new Duration[] {
                requireNonNull(handshake, "handshake"), requireNonNull(idle, "idle"),
                requireNonNull(upstreamConnect, "upstreamConnect"), requireNonNull(request, "request"),
                requireNonNull(clientHello, "clientHello"), requireNonNull(requestHeader, "requestHeader"),
                requireNonNull(requestBody, "requestBody")}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive, not " + duration);
            }
        }
        if (requireNonNull(shutdownGrace, "shutdownGrace").isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative, not " + shutdownGrace);
        }
        if (requireNonNull(maxConnectionAge, "maxConnectionAge").isNegative()) {
            throw new IllegalArgumentException("maxConnectionAge must not be negative, not " + maxConnectionAge);
        }
    }

    /** The first five, with the defaults for the slow-client timeouts. */
    public Timeouts(Duration handshake, Duration idle, Duration upstreamConnect, Duration request, Duration shutdownGrace) {
        this(handshake, idle, upstreamConnect, request, shutdownGrace, DEFAULT_CLIENT_HELLO, DEFAULT_REQUEST_HEADER,
                DEFAULT_REQUEST_BODY, DEFAULT_MAX_CONNECTION_AGE);
    }

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /** These timeouts with the slow-client ones replaced (tests use short ones). */
    public Timeouts withSlowClients(Duration clientHello, Duration requestHeader, Duration requestBody,
                                    Duration maxConnectionAge) {
        return new Timeouts(handshake, idle, upstreamConnect, request, shutdownGrace, clientHello, requestHeader,
                requestBody, maxConnectionAge);
    }
}
