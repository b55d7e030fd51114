package dev.mtlskit.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * Request paths as routes see them. A path is matched in its canonical form, so that
 * {@code /public/../admin} or {@code /public/%2e%2e/admin} is judged as {@code /admin}, the path an
 * upstream that normalizes would serve. Paths an upstream may read in more than one way (an
 * encoded slash or backslash, a NUL) match no route at all.
 */
final class RoutePaths {

    private RoutePaths() {
    }

    /**
     * The canonical form of a request target's path: query and fragment cut off, percent-encoded
     * unreserved characters decoded (other escapes in upper case), {@code .} and {@code ..}
     * segments resolved (RFC 3986 5.2.4), repeated slashes merged. Empty when the path is not
     * origin-form, climbs above the root, holds {@code %2F}, {@code %5C}, {@code \} or {@code %00},
     * or has a dot-segment with parameters ({@code ..;x}, {@code .;}, {@code ..%3B}): Tomcat and
     * Jetty drop a segment's {@code ;parameters} before resolving dot-segments, so for them
     * {@code /api/..;/admin} is {@code /admin}, while for everyone else it is under {@code /api/}.
     */
    /** No escapes, no dot-segments, no empty segments, no parameters, no control characters: nothing to rewrite. */
    private static boolean isAlreadyCanonical(String path) {
        char previous = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '%' || c == ';' || (c == '/' && previous == '/')
                    || (c == '.' && previous == '/')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    static Optional<String> canonical(String target) {
        int end = target.length();
        int query = target.indexOf('?');
        int fragment = target.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        String path = target.substring(0, end);
        if (path.isEmpty()) {
            return Optional.of("/");
        }
        if (path.charAt(0) != '/' || path.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        if (isAlreadyCanonical(path)) {
            return Optional.of(path); // the common case, checked once per request: no copy, no parsing
        }
        StringBuilder decoded = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.empty();
            }
            if (c != '%') {
                decoded.append(c);
                continue;
            }
            int value = i + 2 < path.length() ? hexByte(path.charAt(i + 1), path.charAt(i + 2)) : -1;
            if (value < 0) {
                return Optional.empty(); // a lone '%': servers disagree on what it means
            }
            if (value == '/' || value == '\\' || value < 0x20 || value == 0x7f) {
                return Optional.empty();
            }
            if (isUnreserved(value)) {
                decoded.append((char) value);
            } else {
                decoded.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
            }
            i += 2;
        }
        return removeDotSegments(decoded.toString());
    }

    /** Whether the canonical {@code path} is {@code prefix} or below it, segment by segment. */
    static boolean isUnder(String path, String prefix) {
        String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return base.isEmpty() || path.equals(base) || path.startsWith(base) && path.charAt(base.length()) == '/';
    }

    /** The length that ranks a prefix: {@code /api} and {@code /api/} are the same prefix. */
    static int specificity(String prefix) {
        return prefix.endsWith("/") ? prefix.length() - 1 : prefix.length();
    }

    /**
     * The canonical {@code path} as servers that ignore path parameters (Tomcat, Jetty, Spring)
     * read it: each segment cut at its first {@code ;} (or {@code %3B}, for servers that decode
     * before they cut), then dot-segments and slashes resolved again. Empty only if that climbs
     * above the root.
     */
    static Optional<String> withoutParameters(String canonicalPath) {
        if (!hasParameters(canonicalPath)) {
            return Optional.of(canonicalPath);
        }
        StringBuilder stripped = new StringBuilder(canonicalPath.length());
        for (String segment : canonicalPath.substring(1).split("/", -1)) {
            stripped.append('/').append(segment, 0, parameterStart(segment));
        }
        return removeDotSegments(stripped.toString());
    }

    /** Whether a canonical path has a {@code ;parameter} (literal or encoded) in any segment. */
    static boolean hasParameters(String canonicalPath) {
        return canonicalPath.indexOf(';') >= 0 || canonicalPath.contains("%3B");
    }

    /** Where a segment's parameters start: its first {@code ;} or {@code %3B}, else its length. */
    private static int parameterStart(String segment) {
        int semicolon = segment.indexOf(';');
        int encoded = segment.indexOf("%3B"); // canonical escapes are upper case
        if (semicolon < 0) {
            return encoded < 0 ? segment.length() : encoded;
        }
        return encoded < 0 ? semicolon : Math.min(semicolon, encoded);
    }

    private static Optional<String> removeDotSegments(String path) {
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.split("/", -1);
        boolean trailingSlash = false;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            int parameters = parameterStart(part);
            if (parameters < part.length()) {
                String name = part.substring(0, parameters);
                if (name.equals(".") || name.equals("..")) {
                    return Optional.empty(); // "..;x": a dot-segment to some servers, a name to others
                }
            }
            switch (part) {
                case "", "." -> trailingSlash = last;
                case ".." -> {
                    if (segments.isEmpty()) {
                        return Optional.empty();
                    }
                    segments.removeLast();
                    trailingSlash = last;
                }
                default -> {
                    segments.addLast(part);
                    trailingSlash = false;
                }
            }
        }
        StringBuilder canonical = new StringBuilder();
        for (String segment : segments) {
            canonical.append('/').append(segment);
        }
        if (canonical.length() == 0 || trailingSlash) {
            canonical.append('/');
        }
        return Optional.of(canonical.toString());
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hexByte(char high, char low) {
        int h = hexDigit(high);
        int l = hexDigit(low);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    /** ASCII hex only: {@link Character#digit} would also accept other scripts' digits. */
    private static int hexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
