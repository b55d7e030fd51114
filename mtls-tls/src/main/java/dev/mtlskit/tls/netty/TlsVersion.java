package dev.mtlskit.tls.netty;

import java.util.Locale;

/** The TLS versions mtls-kit speaks, by their JDK/Netty protocol names. */
public enum TlsVersion {
    TLS_1_2("TLSv1.2"),
    TLS_1_3("TLSv1.3");

    private final String protocolName;

    TlsVersion(String protocolName) {
        this.protocolName = protocolName;
    }

    public String protocolName() {
        return protocolName;
    }

    /** "1.2" or "1.3", as curl's {@code --tls-max}. */
    public static TlsVersion parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1.2", "tlsv1.2" -> TLS_1_2;
            case "1.3", "tlsv1.3" -> TLS_1_3;
            default -> throw new IllegalArgumentException("TLS version " + text + " (expected: 1.2 or 1.3)");
        };
    }
}
