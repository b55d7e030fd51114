package dev.mtlskit.client.doctor;

import java.util.Locale;

/** Who must act on a diagnosis? The caller, the server's operator, or whoever runs the network between them. */
public enum Party {
    CLIENT, SERVER, NETWORK, NONE;

    /** As written in JSON: {@code client}, {@code server}, {@code network}, {@code none}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
