package dev.mtlskit.revocation;

import java.util.Locale;

/** How one source of revocation status (OCSP, CRL distribution points) is used. */
public enum RevocationMode {
    /** Not asked. */
    OFF,
    /** Asked; a client whose status cannot be learned is admitted (and counted). A revoked one is refused. */
    SOFT,
    /** Asked; a client whose status cannot be learned is refused with {@code REVOCATION_UNKNOWN}. */
    HARD;

    /** As written in flags and YAML: {@code off}, {@code soft}, {@code hard}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a flag or YAML value names, or {@code null} when it names none. */
    public static RevocationMode parse(String value) {
        for (RevocationMode mode : values()) {
            if (mode.label().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        return null;
    }
}
