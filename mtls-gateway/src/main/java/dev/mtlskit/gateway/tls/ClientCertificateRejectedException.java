package dev.mtlskit.gateway.tls;

import static java.util.Objects.requireNonNull;

import dev.mtlskit.validation.Verdict;

/**
 * Why a client certificate was refused, carried in the cause chain of the handshake failure so
 * that the rejection log can name the reason code and the certificate.
 */
public final class ClientCertificateRejectedException extends Exception {

    private final transient Verdict verdict;

    public ClientCertificateRejectedException(Verdict verdict) {
        super(verdict.reason() + ": " + verdict.message(), null, false, false);
        this.verdict = requireNonNull(verdict, "verdict");
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The rejection somewhere in {@code failure}'s cause chain, or {@code null}. */
    public static ClientCertificateRejectedException find(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientCertificateRejectedException rejected) {
                return rejected;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
