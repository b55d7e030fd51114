package dev.mtlskit.validation;

import dev.mtlskit.reason.Reason;

/**
 * One reason why a path is not acceptable.
 *
 * @param reason the code
 * @param certificate the certificate concerned
 * @param message one sentence for people
 * @param fix what to do, or {@code null} for the reason's general fix
 */
record Problem(Reason reason, CertificateFacts certificate, String message, String fix) {

    static Problem of(Reason reason, CertificateFacts certificate, String message) {
        return new Problem(reason, certificate, message, null);
    }
}
