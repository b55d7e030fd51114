package dev.mtlskit.identity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text that came from a certificate, made safe for a header or a log line. Certificates are
 * attacker-supplied input: a name may hold quotes, separators, CR/LF or any other byte, and none
 * of them may break out of the value it is written into.
 */
final class HeaderText {

    private static final String HEX = "0123456789ABCDEF";

    private HeaderText() {
    }

    /** For logs: control characters as {@code \xHH}, Unicode line and paragraph separators as {@code \}{@code u2028}. */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = c < 0x20 || (c >= 0x7f && c < 0xa0) ? String.format(Locale.ROOT, "\\x%02X", (int) c)
                    : c == '\u2028' || c == '\u2029' ? String.format(Locale.ROOT, "\\u%04X", (int) c)
                    : null;
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * An RFC 2253 name in visible ASCII: every other character as {@code \XX} escapes of its UTF-8
     * bytes, which RFC 2253 section 2.4 allows for any character (OpenSSL, and so Envoy, prints names
     * the same way).
     */
    static String asciiDistinguishedName(String rfc2253) {
        StringBuilder out = new StringBuilder(rfc2253.length());
        for (int i = 0; i < rfc2253.length(); ) {
            int codePoint = rfc2253.codePointAt(i);
            int length = Character.charCount(codePoint);
            if (codePoint > 0x20 && codePoint < 0x7f || codePoint == ' ') {
                out.append((char) codePoint);
            } else {
                for (byte b : rfc2253.substring(i, i + length).getBytes(StandardCharsets.UTF_8)) {
                    out.append('\\').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
                }
            }
            i += length;
        }
        return out.toString();
    }

    /**
     * An XFCC value: bytes outside visible ASCII percent-encoded (a well-formed URI or DNS name has
     * none), then double-quoted with {@code \} and {@code "} escaped when it holds a character that
     * XFCC uses as syntax ({@code , ; = "}) or the escape character itself.
     */
    static String xfccValue(String value) {
        String visible = percentEncodeInvisible(value);
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            if (c == ',' || c == ';' || c == '=' || c == '"' || c == '\\') {
                return xfccQuoted(visible);
            }
        }
        return visible;
    }

    /** A double-quoted XFCC value; the text must already be visible ASCII (or space). */
    static String xfccQuoted(String visible) {
        StringBuilder out = new StringBuilder(visible.length() + 2).append('"');
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, as Envoy encodes PEM. */
    static String urlEncode(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 4);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                appendPercent(out, b);
            }
        }
        return out.toString();
    }

    private static String percentEncodeInvisible(String value) {
        boolean clean = true;
        for (int i = 0; i < value.length() && clean; i++) {
            char c = value.charAt(i);
            clean = c > 0x20 && c < 0x7f;
        }
        if (clean) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                appendPercent(out, b);
            }
        }
        return out.toString();
    }

    private static void appendPercent(StringBuilder out, byte b) {
        out.append('%').append(HEX.charAt((b >> 4) & 0xf)).append(HEX.charAt(b & 0xf));
    }
}
