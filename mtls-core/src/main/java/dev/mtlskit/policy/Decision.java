package dev.mtlskit.policy;

import static java.util.Objects.requireNonNull;

import dev.mtlskit.reason.Reason;

/**
 * Whether a request may pass a route.
 *
 * @param allowed whether it may
 * @param reason {@code NO_CLIENT_CERT} (401) or {@code NOT_AUTHORIZED} (403) when not allowed; {@code null} when allowed
 * @param message one sentence, naming the identity seen and the rules that failed
 */
public record Decision(boolean allowed, Reason reason, String message) {

    public Decision {
        requireNonNull(message, "message");
        if (allowed != (reason == null)) {
            throw new IllegalArgumentException(allowed ? "an allowing decision has no reason (got " + reason + ")"
                    : "a denial needs a reason");
        }
    }

    public static Decision allow(String message) {
        return new Decision(true, null, message);
    }

    public static Decision deny(Reason reason, String message) {
        return new Decision(false, requireNonNull(reason, "reason"), message);
    }
}
