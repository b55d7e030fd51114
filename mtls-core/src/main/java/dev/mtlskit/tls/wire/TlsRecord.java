package dev.mtlskit.tls.wire;

/**
 * One record as it crossed the wire.
 *
 * @param type the content type (20 to 24)
 * @param version the record layer version
 * @param header the five header bytes (the additional data of AEAD records)
 * @param fragment the body, encrypted or not
 * @param offset where the record starts in its direction's byte stream
 */
record TlsRecord(int type, int version, byte[] header, byte[] fragment, long offset) {

    static final int CHANGE_CIPHER_SPEC = 20;
    static final int ALERT = 21;
    static final int HANDSHAKE = 22;
    static final int APPLICATION_DATA = 23;
    static final int HEARTBEAT = 24;

    int length() {
        return fragment.length;
    }
}
