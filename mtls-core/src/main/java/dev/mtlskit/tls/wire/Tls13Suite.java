package dev.mtlskit.tls.wire;

/** The TLS 1.3 cipher suites the tracer can decrypt with what the JDK ships (RFC 8446 §B.4). */
enum Tls13Suite {
    AES_128_GCM_SHA256(0x1301, "HmacSHA256", 32, 16, "AES/GCM/NoPadding", "AES"),
    AES_256_GCM_SHA384(0x1302, "HmacSHA384", 48, 32, "AES/GCM/NoPadding", "AES"),
    CHACHA20_POLY1305_SHA256(0x1303, "HmacSHA256", 32, 32, "ChaCha20-Poly1305", "ChaCha20");

    private final int code;
    private final String mac;
    private final int hashLength;
    private final int keyLength;
    private final String cipher;
    private final String keyAlgorithm;

    Tls13Suite(int code, String mac, int hashLength, int keyLength, String cipher, String keyAlgorithm) {
        this.code = code;
        this.mac = mac;
        this.hashLength = hashLength;
        this.keyLength = keyLength;
        this.cipher = cipher;
        this.keyAlgorithm = keyAlgorithm;
    }

    /** The suite for a code, or null (e.g. the CCM suites, which the JDK cannot decrypt). */
    static Tls13Suite of(int code) {
        for (Tls13Suite suite : values()) {
            if (suite.code == code) {
                return suite;
            }
        }
        return null;
    }

    String mac() {
        return mac;
    }

    int hashLength() {
        return hashLength;
    }

    int keyLength() {
        return keyLength;
    }

    String cipher() {
        return cipher;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    boolean isGcm() {
        return cipher.startsWith("AES/GCM");
    }
}
