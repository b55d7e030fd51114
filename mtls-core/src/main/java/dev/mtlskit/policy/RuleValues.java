package dev.mtlskit.policy;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import dev.mtlskit.identity.PeerIdentity;

/** Checking, normalizing and matching the values of {@link AllowRule} conditions. */
final class RuleValues {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String SPKI_PREFIX = "sha256/";

    private RuleValues() {
    }

    // ---- DNS ----

    /** Lower case, no trailing dot, IDNs as punycode; a wildcard only as the whole first label. */
    static String dnsPattern(String value) {
        String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        boolean wildcard = name.startsWith("*.");
        String rest = wildcard ? name.substring(2) : name;
        if (rest.indexOf('*') >= 0) {
            throw new IllegalArgumentException("\"" + value + "\" has a wildcard that is not the whole first label: "
                    + "write *.example.org (one label) or the full name");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(rest, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw notDnsName(value);
        }
        String[] labels = ascii.split("\\.", -1);
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw notDnsName(value);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw notDnsName(value);
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("\"" + value + "\" is an IP address, not a DNS name: use ip: instead");
        }
        if (wildcard && labels.length < 2) {
            throw new IllegalArgumentException("\"" + value + "\" is a wildcard over a whole top-level domain: "
                    + "name the domain, e.g. *.partner.example");
        }
        return wildcard ? "*." + ascii : ascii;
    }

    private static IllegalArgumentException notDnsName(String value) {
        return new IllegalArgumentException("\"" + value + "\" is not a DNS name: use letters, digits and hyphens "
                + "in dot-separated labels, e.g. partner.example");
    }

    /** RFC 6125 style: case-insensitive; {@code *.example.org} matches exactly one more label. */
    static boolean dnsMatches(String pattern, String certificateName) {
        String name = certificateName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (pattern.equals(name)) {
            return true;
        }
        if (!pattern.startsWith("*.")) {
            return false;
        }
        String suffix = pattern.substring(1); // ".example.org"
        int firstDot = name.indexOf('.');
        // The first label must be a real label: not empty, and not itself a wildcard from the certificate.
        return firstDot > 0 && name.substring(firstDot).equals(suffix) && name.indexOf('*') < 0;
    }

    // ---- URI ----

    /** An absolute URI, optionally ending in {@code /*} after a non-empty authority. */
    static String uriPattern(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("\"" + value + "\" is not a URI: it holds a space or a character "
                        + "outside ASCII (percent-encode it, as the certificate does)");
            }
        }
        int star = value.indexOf('*');
        if (star >= 0 && (star != value.length() - 1 || !value.endsWith("/*"))) {
            throw new IllegalArgumentException("\"" + value + "\" has a wildcard that is not a trailing /*: "
                    + "write e.g. spiffe://example.org/* for every ID in a trust domain");
        }
        String base = star >= 0 ? value.substring(0, star) : value;
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a URI (" + e.getReason()
                    + "): write e.g. spiffe://example.org/ns/prod/sa/api");
        }
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("\"" + value + "\" is not an absolute URI: write it with its scheme, "
                    + "e.g. spiffe://example.org/ns/prod/sa/api");
        }
        if (star >= 0 && (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty())) {
            throw new IllegalArgumentException("\"" + value + "\" has a wildcard but no authority before it: "
                    + "name the trust domain, e.g. spiffe://example.org/*");
        }
        return value;
    }

    /**
     * Exact, or with a trailing {@code /*}: any URI that continues after the prefix up to and
     * including its slash. The slash is part of the prefix, so {@code spiffe://example.org/*} never
     * matches {@code spiffe://example.org.evil/x}, nor the bare {@code spiffe://example.org}.
     */
    static boolean uriMatches(String pattern, String certificateUri) {
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return certificateUri.length() > prefix.length() && certificateUri.startsWith(prefix);
        }
        return pattern.equals(certificateUri);
    }

    // ---- e-mail ----

    static String email(String value) {
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("\"" + value + "\" is not an e-mail address (expected e.g. ops@example.org)");
        }
        return value.substring(0, at + 1) + value.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The local part exactly, the domain case-insensitively. */
    static boolean emailMatches(String pattern, String certificateEmail) {
        int at = certificateEmail.lastIndexOf('@');
        String normalized = at < 0 ? certificateEmail
                : certificateEmail.substring(0, at + 1) + certificateEmail.substring(at + 1).toLowerCase(Locale.ROOT);
        return pattern.equals(normalized);
    }

    // ---- IP ----

    static IpRange ipRange(String value) {
        return IpRange.parse(value);
    }

    // ---- issuer ----

    static String distinguishedName(String value) {
        parseName(value);
        return value;
    }

    /** Compared as names, not text: BouncyCastle's X500Name equality (RDN order, case and spacing aside). */
    static boolean sameIssuer(String issuer, PeerIdentity identity) {
        X500Name actual = X500Name.getInstance(BCStyle.INSTANCE,
                identity.leaf().getIssuerX500Principal().getEncoded());
        return actual.equals(parseName(issuer));
    }

    private static X500Name parseName(String value) {
        try {
            X500Name name = new X500Name(BCStyle.INSTANCE, value);
            if (name.getRDNs().length == 0) {
                throw new IllegalArgumentException("no attributes");
            }
            return name;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a distinguished name: write it as RFC 2253, "
                    + "e.g. CN=Partner CA,O=Partner (mtls inspect shows a certificate's issuer)");
        }
    }

    // ---- fingerprints ----

    /** Hex with or without colons, any case; normalized to lower-case hex without colons. */
    static String sha256(String value) {
        String hex = value.replace(":", "").toLowerCase(Locale.ROOT);
        if (!HEX_SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("\"" + value + "\" is not a SHA-256 fingerprint: expected 64 hex digits, "
                    + "colons allowed (mtls inspect prints it as SHA-256)");
        }
        return hex;
    }

    /** Base64 SHA-256 of the SubjectPublicKeyInfo, with an optional {@code sha256/} prefix. */
    static String spkiPin(String value) {
        String base64 = value.startsWith(SPKI_PREFIX) ? value.substring(SPKI_PREFIX.length()) : value;
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            digest = null;
        }
        if (digest == null || digest.length != 32) {
            throw new IllegalArgumentException("\"" + value + "\" is not an SPKI pin: expected the base64 SHA-256 of "
                    + "the public key, 44 characters (mtls inspect prints it as SPKI pin)");
        }
        return Base64.getEncoder().encodeToString(digest);
    }
}
