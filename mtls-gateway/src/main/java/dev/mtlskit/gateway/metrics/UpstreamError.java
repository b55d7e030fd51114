package dev.mtlskit.gateway.metrics;

import java.time.Instant;

/** One failed upstream connection or exchange, for the status API: its code and explanation. */
public record UpstreamError(Instant time, String upstream, String code, String explanation) {
}
