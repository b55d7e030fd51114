package dev.mtlskit.names;

import java.util.Locale;

/** DNS name syntax (RFC 1034 preferred name syntax, RFC 1123) and RFC 9525 matching rules. */
public final class DnsNames {

    private DnsNames() {
    }

    /**
     * Whether {@code name} is a valid host name: letters, digits and hyphens in labels of 1-63
     * characters, at most 253 in all, a last label that is not all digits (that would be an IP
     * address written as a DNS name). With {@code allowWildcard}, the first label may be exactly {@code *}.
     */
    public static boolean isValid(String name, boolean allowWildcard) {
        if (name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (i == 0 && allowWildcard && label.equals("*") && labels.length > 1) {
                continue;
            }
            if (!isValidLabel(label)) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** One label: 1-63 letters, digits and hyphens, not starting or ending with a hyphen. */
    public static boolean isValidLabel(String label) {
        if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a subjectAltName dNSName entry matches a host name (RFC 9525 6.3): case-insensitive,
     * a wildcard only as the whole leftmost label, matching exactly one label, and never a
     * wildcard that covers a whole top-level domain ({@code *.com}).
     */
    public static boolean matches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (!isValid(p, true) || !isValid(h, false)) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        String suffix = p.substring(1); // ".example.com"
        if (suffix.indexOf('.', 1) < 0) {
            return false; // *.com
        }
        int firstDot = h.indexOf('.');
        return firstDot > 0 && h.substring(firstDot).equals(suffix);
    }

    /** Whether {@code name} equals {@code domain} or is below it; an empty domain contains every name. */
    public static boolean isWithin(String name, String domain) {
        if (domain.isEmpty()) {
            return true;
        }
        String n = name.toLowerCase(Locale.ROOT);
        String d = domain.toLowerCase(Locale.ROOT);
        return n.equals(d) || n.endsWith("." + d);
    }
}
