package dev.mtlskit.client.doctor;

import java.util.Locale;

/**
 * Who must act on a diagnosis? The caller, the server's operator, the CA that issued the
 * certificate (its OCSP responder or CRL distribution point gives no answer), or whoever runs the
 * network between them.
 */
public enum Party {
    CLIENT, SERVER, CA, NETWORK, NONE;

    /** As written in JSON: {@code client}, {@code server}, {@code ca}, {@code network}, {@code none}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
