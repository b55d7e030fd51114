package dev.mtlskit.revocation;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Instant;

import dev.mtlskit.reason.Reason;

/**
 * What is known of one certificate's revocation status (or of a chain's: that of its worst
 * certificate), from whom, and until when it may be used.
 *
 * @param state good, revoked, unknown, or not checked (no source was asked)
 * @param certificate the certificate concerned
 * @param source who said so, e.g. "the OCSP responder at http://ocsp.example/", or "" when not checked
 * @param message one sentence: what was learned, or why nothing could be
 * @param validUntil until when this answer may be used without asking again
 * @param mode the mode of the source whose answer this is: an unknown status refuses only in {@link RevocationMode#HARD}
 */
public record RevocationStatus(State state, X509Certificate certificate, String source, String message,
                               Instant validUntil, RevocationMode mode) {

    /** A certificate's revocation state. */
    public enum State {
        /** Checked, not revoked. */
        GOOD,
        REVOKED,
        /** Asked, but no usable answer came. */
        UNKNOWN,
        /** Nothing to ask: the certificate names no responder or distribution point, or checks are off. */
        NOT_CHECKED;

        /** How bad it is for a chain: its worst certificate's state is the chain's. */
        int severity() {
            return switch (this) {
                case NOT_CHECKED -> 0;
                case GOOD -> 1;
                case UNKNOWN -> 2;
                case REVOKED -> 3;
            };
        }
    }

    public RevocationStatus {
        requireNonNull(state, "state");
        requireNonNull(source, "source");
        requireNonNull(message, "message");
        requireNonNull(validUntil, "validUntil");
        requireNonNull(mode, "mode");
    }

    /** Whether a client in this state is refused: revoked, or unknown where the source's mode is hard. */
    public boolean refuses() {
        return state == State.REVOKED || (state == State.UNKNOWN && mode == RevocationMode.HARD);
    }

    /** The reason code of a refusal: {@code REVOKED} or {@code REVOCATION_UNKNOWN}; {@code null} when admitted. */
    public Reason reason() {
        if (!refuses()) {
            return null;
        }
        return state == State.REVOKED ? Reason.REVOKED : Reason.REVOCATION_UNKNOWN;
    }

    /** What to do about a refusal, or {@code null} when admitted. */
    public String fix() {
        if (!refuses()) {
            return null;
        }
        return state == State.REVOKED ? Reason.REVOKED.fix()
                : "the gateway must get an answer from " + source + ": check that it is up and reachable from the gateway's host (mtls verify --ocsp hard --crl-fetch hard "
                + "with the client certificate asks it the same way); in soft mode such clients are admitted";
    }

    /** Whether a client is admitted without its status being known (soft mode): counted, not refused. */
    public boolean admittedUnknown() {
        return state == State.UNKNOWN && mode != RevocationMode.HARD;
    }

    /** The worse of two statuses (for a chain, or for two sources of one certificate); on a tie, the hard one. */
    static RevocationStatus worse(RevocationStatus a, RevocationStatus b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int order = Integer.compare(a.state.severity(), b.state.severity());
        if (order != 0) {
            return order > 0 ? a : b;
        }
        return b.refuses() && !a.refuses() ? b : a;
    }
}
