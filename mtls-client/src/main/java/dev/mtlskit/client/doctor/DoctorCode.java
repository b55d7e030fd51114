package dev.mtlskit.client.doctor;

/**
 * The causes only a connection can show (the certificate causes use the validator's
 * {@link dev.mtlskit.reason.Reason} codes). Each is documented in docs/reasons.md.
 */
public enum DoctorCode {
    /** An mTLS-authenticated request succeeded. */
    OK,
    /** A local file (certificate, key, CA bundle) cannot be used. */
    LOCAL_FILE_ERROR,
    UNKNOWN_HOST,
    CONNECTION_REFUSED,
    TIMEOUT,
    NETWORK_ERROR,
    NOT_TLS,
    NO_COMMON_PROTOCOL,
    CLIENT_CERT_NOT_REQUESTED,
    CLIENT_CERT_ISSUER_NOT_ACCEPTED,
    CLIENT_CERT_REJECTED,
    HTTP_REJECTED,
    HANDSHAKE_FAILED
}
