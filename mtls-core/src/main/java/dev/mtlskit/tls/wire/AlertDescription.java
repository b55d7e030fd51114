package dev.mtlskit.tls.wire;

/**
 * Alert descriptions (RFC 8446 §6, RFC 5246 §7.2) with the RFC name and the longer text OpenSSL and
 * curl print. The ones a client certificate problem produces are the interesting ones:
 * {@link #BAD_CERTIFICATE}, {@link #UNKNOWN_CA}, {@link #CERTIFICATE_EXPIRED},
 * {@link #CERTIFICATE_REVOKED}, {@link #CERTIFICATE_REQUIRED}, {@link #HANDSHAKE_FAILURE}.
 */
public enum AlertDescription {
    CLOSE_NOTIFY(0, "close_notify", "close notify"),
    UNEXPECTED_MESSAGE(10, "unexpected_message", "unexpected message"),
    BAD_RECORD_MAC(20, "bad_record_mac", "bad record mac"),
    DECRYPTION_FAILED(21, "decryption_failed", "decryption failed"),
    RECORD_OVERFLOW(22, "record_overflow", "record overflow"),
    DECOMPRESSION_FAILURE(30, "decompression_failure", "decompression failure"),
    HANDSHAKE_FAILURE(40, "handshake_failure", "handshake failure"),
    NO_CERTIFICATE(41, "no_certificate", "no certificate"),
    BAD_CERTIFICATE(42, "bad_certificate", "bad certificate"),
    UNSUPPORTED_CERTIFICATE(43, "unsupported_certificate", "unsupported certificate"),
    CERTIFICATE_REVOKED(44, "certificate_revoked", "certificate revoked"),
    CERTIFICATE_EXPIRED(45, "certificate_expired", "certificate expired"),
    CERTIFICATE_UNKNOWN(46, "certificate_unknown", "certificate unknown"),
    ILLEGAL_PARAMETER(47, "illegal_parameter", "illegal parameter"),
    UNKNOWN_CA(48, "unknown_ca", "unknown CA"),
    ACCESS_DENIED(49, "access_denied", "access denied"),
    DECODE_ERROR(50, "decode_error", "decode error"),
    DECRYPT_ERROR(51, "decrypt_error", "decrypt error"),
    EXPORT_RESTRICTION(60, "export_restriction", "export restriction"),
    PROTOCOL_VERSION(70, "protocol_version", "protocol version"),
    INSUFFICIENT_SECURITY(71, "insufficient_security", "insufficient security"),
    INTERNAL_ERROR(80, "internal_error", "internal error"),
    INAPPROPRIATE_FALLBACK(86, "inappropriate_fallback", "inappropriate fallback"),
    USER_CANCELED(90, "user_canceled", "user canceled"),
    NO_RENEGOTIATION(100, "no_renegotiation", "no renegotiation"),
    MISSING_EXTENSION(109, "missing_extension", "missing extension"),
    UNSUPPORTED_EXTENSION(110, "unsupported_extension", "unsupported extension"),
    CERTIFICATE_UNOBTAINABLE(111, "certificate_unobtainable", "certificate unobtainable"),
    UNRECOGNIZED_NAME(112, "unrecognized_name", "unrecognized name"),
    BAD_CERTIFICATE_STATUS_RESPONSE(113, "bad_certificate_status_response", "bad certificate status response"),
    BAD_CERTIFICATE_HASH_VALUE(114, "bad_certificate_hash_value", "bad certificate hash value"),
    UNKNOWN_PSK_IDENTITY(115, "unknown_psk_identity", "unknown PSK identity"),
    CERTIFICATE_REQUIRED(116, "certificate_required", "certificate required"),
    NO_APPLICATION_PROTOCOL(120, "no_application_protocol", "no application protocol"),
    ECH_REQUIRED(121, "ech_required", "ech required"),
    /** Any other code; the event keeps the code itself. */
    UNKNOWN(-1, "unknown", "unknown");

    private final int code;
    private final String rfcName;
    private final String text;

    AlertDescription(int code, String rfcName, String text) {
        this.code = code;
        this.rfcName = rfcName;
        this.text = text;
    }

    /** The description byte, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The name in the RFC, e.g. {@code unknown_ca}. */
    public String rfcName() {
        return rfcName;
    }

    /** What OpenSSL and curl print, e.g. {@code unknown CA}. */
    public String text() {
        return text;
    }

    /** The description for a code, {@link #UNKNOWN} when there is none. */
    public static AlertDescription of(int code) {
        for (AlertDescription description : values()) {
            if (description.code == code) {
                return description;
            }
        }
        return UNKNOWN;
    }
}
