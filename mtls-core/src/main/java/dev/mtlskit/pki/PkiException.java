package dev.mtlskit.pki;

/**
 * A PKI operation was refused or failed for a reason the user can act on. The message names the
 * file or value concerned, what is wrong and the fix, e.g. {@code mtls-dev/ has no CA: run 'mtls pki init' first}.
 */
public final class PkiException extends RuntimeException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
