package dev.mtlskit.tls.wire;

/** Handshake message types, each with its code and the name curl prints for it. */
public enum HandshakeType {
    HELLO_REQUEST(0, "Hello request"),
    CLIENT_HELLO(1, "Client hello"),
    SERVER_HELLO(2, "Server hello"),
    NEW_SESSION_TICKET(4, "Newsession Ticket"),
    END_OF_EARLY_DATA(5, "End of early data"),
    ENCRYPTED_EXTENSIONS(8, "Encrypted Extensions"),
    CERTIFICATE(11, "Certificate"),
    SERVER_KEY_EXCHANGE(12, "Server key exchange"),
    CERTIFICATE_REQUEST(13, "Request CERT"),
    SERVER_HELLO_DONE(14, "Server finished"),
    CERTIFICATE_VERIFY(15, "CERT verify"),
    CLIENT_KEY_EXCHANGE(16, "Client key exchange"),
    FINISHED(20, "Finished"),
    CERTIFICATE_STATUS(22, "Certificate Status"),
    KEY_UPDATE(24, "Key update"),
    MESSAGE_HASH(254, "Message hash"),
    /** Any other code; the event keeps the code itself. */
    UNKNOWN(-1, "Unknown");

    private final int code;
    private final String curlName;

    HandshakeType(int code, String curlName) {
        this.code = code;
        this.curlName = curlName;
    }

    /** The type byte, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** What curl's verbose output calls it, e.g. {@code Request CERT}. */
    public String curlName() {
        return curlName;
    }

    /** The type for a code, {@link #UNKNOWN} when there is none. */
    public static HandshakeType of(int code) {
        for (HandshakeType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
