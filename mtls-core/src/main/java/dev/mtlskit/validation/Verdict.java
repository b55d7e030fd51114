package dev.mtlskit.validation;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;

import dev.mtlskit.reason.Reason;

/**
 * Is this chain valid, and if not, why? The outcome of a validation: valid with the path that was
 * built, or invalid with a reason code, the certificate concerned, one sentence that explains it
 * and the fix. (Whether the chain's owner may do something is a {@link dev.mtlskit.policy.Decision}.)
 *
 * @param valid whether the chain is acceptable
 * @param reason why not, or {@code null} when valid
 * @param certificate the certificate concerned (the leaf when valid)
 * @param message one sentence a newcomer understands
 * @param fix what to do about it, or {@code null} when valid
 * @param path the path from the leaf to a trust anchor when one was built, else the longest tried
 */
public record Verdict(boolean valid, Reason reason, X509Certificate certificate, String message, String fix,
                      List<X509Certificate> path) {

    public Verdict {
        requireNonNull(message, "message");
        path = List.copyOf(path);
        if (valid != (reason == null)) {
            throw new IllegalArgumentException("reason: " + reason + " (expected: null exactly when valid)");
        }
    }

    static Verdict valid(List<X509Certificate> path, String message) {
        return new Verdict(true, null, path.get(0), message, null, path);
    }

    static Verdict invalid(Reason reason, X509Certificate certificate, String message, String fix,
                           List<X509Certificate> path) {
        return new Verdict(false, requireNonNull(reason, "reason"), certificate, message,
                fix != null ? fix : reason.fix(), path);
    }

    /** Subject of the certificate concerned (RFC 2253), empty for an empty subject. */
    public String subject() {
        return certificate == null ? "" : certificate.getSubjectX500Principal().getName();
    }
}
