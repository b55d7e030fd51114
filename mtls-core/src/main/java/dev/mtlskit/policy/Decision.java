package dev.mtlskit.policy;

import dev.mtlskit.reason.Reason;

/**
 * Whether a request may pass a route.
 *
 * @param allowed whether it may
 * @param reason {@code NO_CLIENT_CERT} (401) or {@code NOT_AUTHORIZED} (403) when not allowed
 * @param message one sentence, naming the identity seen and the rules that failed
 */
public record Decision(boolean allowed, Reason reason, String message) {
}
