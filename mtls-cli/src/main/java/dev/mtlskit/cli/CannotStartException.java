package dev.mtlskit.cli;

/**
 * The input is valid but the gateway or tunnel cannot run here (the address is taken, the TLS
 * engine refuses the certificates): exit code 3. The message says what, why and the fix.
 */
final class CannotStartException extends RuntimeException {
    CannotStartException(String message) {
        super(message);
    }
}
