package dev.mtlskit.client.doctor;

import java.util.HexFormat;
import java.util.Optional;

import dev.mtlskit.tls.netty.TlsEngineFailure;

/** Recognizes a server that answered the client hello with something other than TLS. */
final class NotTls {

    private static final String NETTY = "not an SSL/TLS record";

    private NotTls() {
    }

    static boolean matches(String message) {
        Optional<TlsEngineFailure> said = TlsEngineFailure.of(message);
        return said.equals(Optional.of(TlsEngineFailure.NOT_TLS)) || said.equals(Optional.of(TlsEngineFailure.PLAIN_HTTP));
    }

    /** ": it answered "HTTP/1.1 400 …"" when the engine quoted the bytes, else empty. */
    static String firstBytes(String message) {
        int at = message.indexOf(NETTY);
        if (at < 0) {
            return "";
        }
        String hex = message.substring(at + NETTY.length()).replaceFirst("^[:\\s]+", "");
        int end = 0;
        while (end < hex.length() && Character.digit(hex.charAt(end), 16) >= 0) {
            end++;
        }
        hex = hex.substring(0, Math.min(end - end % 2, 64));
        if (hex.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (byte b : HexFormat.of().parseHex(hex)) {
            if (b == '\r' || b == '\n') {
                break;
            }
            text.append(b >= 32 && b < 127 ? (char) b : '.');
        }
        return " (it answered \"" + text + "\")";
    }
}
