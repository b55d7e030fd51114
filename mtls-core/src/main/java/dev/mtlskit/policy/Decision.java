package dev.mtlskit.policy;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.function.Supplier;

import dev.mtlskit.reason.Reason;

/**
 * May this identity pass this route, and why? In one sentence naming the identity seen and the
 * rules that held or failed. (Whether the certificate proves the identity is a
 * {@link dev.mtlskit.validation.Verdict}.)
 *
 * <p>A value (equal when allowed, reason and message are), but not a record: the message of an
 * allowing decision is written only when someone reads it. The gateway authorizes every request
 * and reads only the messages of denials; {@code mtls} commands and tests read both.
 */
public final class Decision {

    private final boolean allowed;
    private final Reason reason;
    private final Supplier<String> describe;
    /** Written on first read; a race writes the same text twice, which is harmless for a String. */
    private String message;

    /**
     * @param allowed whether it may
     * @param reason {@code NO_CLIENT_CERT} (401) or {@code NOT_AUTHORIZED} (403) when not allowed; {@code null} when allowed
     * @param message one sentence, naming the identity seen and the rules that held or failed
     */
    public Decision(boolean allowed, Reason reason, String message) {
        this(allowed, reason, () -> message);
        this.message = requireNonNull(message, "message");
    }

    private Decision(boolean allowed, Reason reason, Supplier<String> describe) {
        if (allowed != (reason == null)) {
            throw new IllegalArgumentException(allowed ? "an allowing decision has no reason (got " + reason + ")"
                    : "a denial needs a reason");
        }
        this.allowed = allowed;
        this.reason = reason;
        this.describe = requireNonNull(describe, "describe");
    }

    public static Decision allow(String message) {
        return new Decision(true, null, message);
    }

    /** An allowing decision whose message is written by {@code message} when first read. */
    public static Decision allow(Supplier<String> message) {
        return new Decision(true, null, message);
    }

    public static Decision deny(Reason reason, String message) {
        return new Decision(false, requireNonNull(reason, "reason"), message);
    }

    public boolean allowed() {
        return allowed;
    }

    /** {@code NO_CLIENT_CERT} or {@code NOT_AUTHORIZED} when not allowed; {@code null} when allowed. */
    public Reason reason() {
        return reason;
    }

    /** One sentence, naming the identity seen and the rules that held or failed. */
    public String message() {
        String text = message;
        if (text == null) {
            text = requireNonNull(describe.get(), "message");
            message = text;
        }
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Decision decision && allowed == decision.allowed && reason == decision.reason
                && message().equals(decision.message());
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowed, reason, message());
    }

    @Override
    public String toString() {
        return "Decision[allowed=" + allowed + ", reason=" + reason + ", message=" + message() + "]";
    }
}
