package dev.mtlskit.tls.wire;

/**
 * Which TLS version? As it appears on the wire, e.g. {@code 0x0303} for TLS 1.2 (a record rather
 * than an enum because peers send values no enum knows: GREASE, drafts), and, for the two that
 * mtls-kit speaks, as chosen by a user ({@link #parse}) and named to the JDK and Netty
 * ({@link #protocolName}).
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

    /** "1.2" or "1.3" (also "TLSv1.2", "TLSv1.3"), as curl's {@code --tls-max}: the versions mtls-kit speaks. */
    public static TlsVersion parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1.2", "tlsv1.2" -> TLS_1_2;
            case "1.3", "tlsv1.3" -> TLS_1_3;
            default -> throw new IllegalArgumentException("TLS version " + text + " (expected: 1.2 or 1.3)");
        };
    }

    /** The name the JDK and Netty know the version by, e.g. {@code TLSv1.3} (TLS 1.2 and 1.3 only). */
    public String protocolName() {
        if (!equals(TLS_1_2) && !equals(TLS_1_3)) {
            throw new IllegalStateException(label() + " is not a version mtls-kit speaks (TLS 1.2 and 1.3 only)");
        }
        return label();
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
