package dev.mtlskit.names;

/**
 * Text from a certificate made safe for one-line messages and logs: anything outside printable
 * ASCII (control characters, line breaks, non-ASCII) is shown as a {@code \\uXXXX} escape, so
 * that a crafted certificate cannot break a log line or forge one.
 */
public final class Printable {

    private Printable() {
    }

    public static String of(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.toString();
    }
}
