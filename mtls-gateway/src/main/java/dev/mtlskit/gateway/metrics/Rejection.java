package dev.mtlskit.gateway.metrics;

import java.time.Instant;

/**
 * One refused handshake or request, for the status API's {@code recent_rejections}.
 *
 * @param client the client's address ({@code 192.0.2.7:53422})
 * @param subject the offered certificate's subject, or null when none was offered (or it is not known)
 * @param issuer the offered certificate's issuer, or null
 * @param reason the reason code or handshake failure key, as counted in {@code mtls_handshakes_total}
 * @param message what happened, in the words of the log line
 */
public record Rejection(Instant time, String client, String subject, String issuer, String reason, String message) {
}
