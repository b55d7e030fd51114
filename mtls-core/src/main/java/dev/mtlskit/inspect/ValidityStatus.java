package dev.mtlskit.inspect;

/** Where "now" lies relative to a certificate's validity period. */
public enum ValidityStatus {
    VALID,
    EXPIRED,
    NOT_YET_VALID
}
