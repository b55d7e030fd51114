package dev.mtlskit.trust;

import static java.util.Objects.requireNonNull;

import java.security.cert.CertificateException;

import dev.mtlskit.reason.Causes;
import dev.mtlskit.validation.Verdict;

/**
 * The peer's certificate chain failed strict validation. The message starts with the reason code
 * ({@code UNTRUSTED_ROOT: …}, see docs/reasons.md); the verdict says which certificate and why.
 */
public final class RejectedCertificateException extends CertificateException {

    private final transient Verdict verdict;

    public RejectedCertificateException(Verdict verdict) {
        super(message(verdict));
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }

    /**
     * The rejection somewhere in {@code failure}'s cause chain (engines wrap what the trust manager
     * threw), or {@code null}.
     */
    public static RejectedCertificateException find(Throwable failure) {
        return Causes.find(failure, RejectedCertificateException.class).orElse(null);
    }

    private static String message(Verdict verdict) {
        requireNonNull(verdict, "verdict");
        if (verdict.valid()) {
            throw new IllegalArgumentException("verdict: valid (expected: an invalid verdict)");
        }
        return verdict.reason() + ": " + verdict.message() + " Fix: " + verdict.fix();
    }
}
