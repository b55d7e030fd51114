package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

import dev.mtlskit.reason.Reason;

/**
 * Something about a certificate that will likely cause trouble, e.g. a client certificate without
 * clientAuth.
 *
 * @param reason the reason code it would fail with, as validation reports it
 * @param message one sentence for people: what is wrong and what follows
 */
public record Finding(Reason reason, String message) {

    public Finding {
        requireNonNull(reason, "reason");
        requireNonNull(message, "message");
    }
}
