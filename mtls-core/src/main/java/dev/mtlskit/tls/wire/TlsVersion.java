package dev.mtlskit.tls.wire;

/**
 * A protocol version as it appears on the wire, e.g. {@code 0x0303} for TLS 1.2. A record rather
 * than an enum because peers send values no enum knows (GREASE, drafts).
 *
 * @param code the two-byte version number
 */
public record TlsVersion(int code) implements Comparable<TlsVersion> {

    public static final TlsVersion SSL_3_0 = new TlsVersion(0x0300);
    public static final TlsVersion TLS_1_0 = new TlsVersion(0x0301);
    public static final TlsVersion TLS_1_1 = new TlsVersion(0x0302);
    public static final TlsVersion TLS_1_2 = new TlsVersion(0x0303);
    public static final TlsVersion TLS_1_3 = new TlsVersion(0x0304);

    public TlsVersion {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("version: " + code + " (expected: 0..0xffff)");
        }
    }

    /** The label curl and OpenSSL print, e.g. {@code TLSv1.3}; {@code 0x7f1c} for versions without one. */
    public String label() {
        return switch (code) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1.0";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format("0x%04x", code);
        };
    }

    /** True for the reserved values clients offer to keep servers tolerant (RFC 8701). */
    public boolean isGrease() {
        return CodeNames.isGrease(code);
    }

    public boolean isTls13() {
        return code == 0x0304;
    }

    @Override
    public int compareTo(TlsVersion other) {
        return Integer.compare(code, other.code);
    }

    @Override
    public String toString() {
        return label();
    }
}
