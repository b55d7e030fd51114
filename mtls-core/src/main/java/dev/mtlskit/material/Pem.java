package dev.mtlskit.material;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lenient PEM scanner: finds {@code -----BEGIN X-----} blocks anywhere in a text (so that
 * {@code openssl x509 -text} output or {@code Bag Attributes} lines around them do no harm), but
 * decodes each block strictly, so that a damaged block is reported instead of silently skipped.
 */
final class Pem {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final java.util.regex.Pattern ARMOUR =
            java.util.regex.Pattern.compile("(-----(?:BEGIN|END) [^-\r\n]{1,64}-----)");

    private Pem() {
    }

    /**
     * One block.
     *
     * @param label e.g. {@code CERTIFICATE}
     * @param headers RFC 1421 headers such as {@code Proc-Type} and {@code DEK-Info}, in order
     * @param der the decoded body, or {@code null} when the block is truncated or not valid base64
     */
    record Block(String label, Map<String, String> headers, byte[] der) {
        Block {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        boolean isCorrupted() {
            return der == null;
        }

        /** Legacy OpenSSL encryption: {@code Proc-Type: 4,ENCRYPTED}. */
        boolean isLegacyEncrypted() {
            String procType = headers.get("Proc-Type");
            return procType != null && procType.toUpperCase(java.util.Locale.ROOT).contains("ENCRYPTED");
        }

        /** The block in canonical form, for BouncyCastle's {@code PEMParser}. */
        String text() {
            StringBuilder text = new StringBuilder(BEGIN).append(label).append(DASHES).append('\n');
            headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
            if (!headers.isEmpty()) {
                text.append('\n');
            }
            String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
            return text.append(base64).append('\n').append(END).append(label).append(DASHES).append('\n').toString();
        }

        @Override
        public String toString() {
            // Never print the body: it may be a private key.
            return "Pem.Block[" + label + (isCorrupted() ? ", corrupted" : "") + "]";
        }
    }

    /** Whether the content has at least one BEGIN line. */
    static boolean looksLikePem(byte[] content) {
        return latin1(content).contains(BEGIN);
    }

    /** The blocks in file order; text outside blocks is ignored. */
    static List<Block> blocks(byte[] content) {
        List<Block> blocks = new ArrayList<>();
        String label = null;
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        boolean bad = false;
        // PEM pasted into one line (an environment variable, a YAML value): put the armour lines on lines of their own.
        String text = ARMOUR.matcher(latin1(content)).replaceAll("\n$1\n");
        for (String rawLine : text.split("\n", -1)) {
            String line = rawLine.strip();
            if (line.startsWith(BEGIN) && line.endsWith(DASHES) && line.length() > BEGIN.length() + DASHES.length()) {
                if (label != null) {
                    // A new block before this one ended: it was cut off.
                    blocks.add(new Block(label, headers, null));
                }
                label = line.substring(BEGIN.length(), line.length() - DASHES.length()).strip();
                headers = new LinkedHashMap<>();
                body.setLength(0);
                bad = false;
            } else if (label == null) {
                continue;
            } else if (line.startsWith(END)) {
                String endLabel = line.endsWith(DASHES)
                        ? line.substring(END.length(), line.length() - DASHES.length()).strip() : "";
                blocks.add(new Block(label, headers, bad || !endLabel.equals(label) ? null : decode(body)));
                label = null;
            } else if (body.length() == 0 && line.indexOf(':') > 0) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            } else if (!line.isEmpty()) {
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c > ' ') {
                        body.append(c);
                    }
                }
                bad |= line.indexOf(':') >= 0;
            }
        }
        if (label != null) {
            blocks.add(new Block(label, headers, null));
        }
        return blocks;
    }

    /** For messages about unexpected content: "its PEM blocks are labelled X, Y". */
    static String describeLabels(List<Block> blocks) {
        List<String> labels = new ArrayList<>();
        for (Block block : blocks) {
            if (!labels.contains(block.label())) {
                labels.add(block.label());
            }
        }
        if (labels.isEmpty()) {
            return "no complete PEM block";
        }
        return (labels.size() == 1 ? "its PEM block is labelled " : "its PEM blocks are labelled ")
                + String.join(", ", labels);
    }

    private static byte[] decode(CharSequence base64) {
        if (base64.length() == 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String latin1(byte[] content) {
        // ISO-8859-1 maps every byte to one char, so binary junk cannot break the scan.
        return new String(content, StandardCharsets.ISO_8859_1);
    }
}
