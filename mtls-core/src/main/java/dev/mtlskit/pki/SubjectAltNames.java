package dev.mtlskit.pki;

import dev.mtlskit.names.DnsNames;
import dev.mtlskit.names.Emails;
import static java.util.Objects.requireNonNull;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * The subject alternative names of a certificate or CSR, checked when added so that a typo is
 * refused now with a clear message instead of producing a certificate no client accepts.
 *
 * @param dnsNames host names, lower case, ASCII (IDNs converted to punycode), optionally {@code *.} first
 * @param ipAddresses IPv4 or IPv6 literals
 * @param uris absolute URIs, e.g. {@code spiffe://example.org/ns/prod/sa/api}
 * @param emails e-mail addresses
 */
public record SubjectAltNames(List<String> dnsNames, List<String> ipAddresses, List<String> uris, List<String> emails) {

    private static final Pattern SPIFFE_TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]+");
    private static final Pattern SPIFFE_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern EMAIL_LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");

    public SubjectAltNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        uris = List.copyOf(uris);
        emails = List.copyOf(emails);
    }

    public static SubjectAltNames none() {
        return new SubjectAltNames(List.of(), List.of(), List.of(), List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return dnsNames.isEmpty() && ipAddresses.isEmpty() && uris.isEmpty() && emails.isEmpty();
    }

    /** Whether a TLS client could match a host name against these names. */
    public boolean hasHostNames() {
        return !dnsNames.isEmpty() || !ipAddresses.isEmpty();
    }

    /** Adds the names to a certificate being built. */
    public CertificateBuilder addTo(CertificateBuilder builder) {
        dnsNames.forEach(builder::addDnsName);
        ipAddresses.forEach(builder::addIpAddress);
        uris.forEach(builder::addUri);
        emails.forEach(builder::addEmail);
        return builder;
    }

    /** A copy with {@code host} (a DNS name or IP literal) added first, unless already present. */
    public SubjectAltNames withHost(String host) {
        Builder builder = builder().addHost(host);
        dnsNames.forEach(builder::addDnsName);
        ipAddresses.forEach(builder::addIpAddress);
        uris.forEach(builder::addUri);
        emails.forEach(builder::addEmail);
        return builder.build();
    }

    /** The names as ASN.1, for a CSR's extension request. */
    GeneralNames toGeneralNames() {
        List<GeneralName> all = new ArrayList<>();
        dnsNames.forEach(name -> all.add(new GeneralName(GeneralName.dNSName, name)));
        for (String address : ipAddresses) {
            try {
                // A checked literal: parsed, never resolved.
                all.add(new GeneralName(GeneralName.iPAddress,
                        new DEROctetString(InetAddress.getByName(address).getAddress())));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("IP literal " + address + " did not parse", e);
            }
        }
        uris.forEach(uri -> all.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        emails.forEach(email -> all.add(new GeneralName(GeneralName.rfc822Name, email)));
        return new GeneralNames(all.toArray(GeneralName[]::new));
    }

    /**
     * Reads names from ASN.1 (a CSR's extension request), checking each like the builder does.
     *
     * @throws PkiException for an invalid name or a kind of name other than DNS, IP, URI and e-mail
     */
    static SubjectAltNames fromGeneralNames(GeneralName[] names) {
        Builder builder = builder();
        for (GeneralName name : names) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> builder.addDnsName(text(name));
                case GeneralName.uniformResourceIdentifier -> builder.addUri(text(name));
                case GeneralName.rfc822Name -> builder.addEmail(text(name));
                case GeneralName.iPAddress -> {
                    byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
                    try {
                        builder.addIpAddress(InetAddress.getByAddress(octets).getHostAddress());
                    } catch (UnknownHostException e) {
                        throw new PkiException("IP address of " + octets.length + " bytes is neither IPv4 nor IPv6");
                    }
                }
                default -> throw new PkiException("it asks for a " + KIND_NAMES.getOrDefault(name.getTagNo(), "tag "
                        + name.getTagNo()) + " subject alternative name, which mtls pki does not issue: "
                        + "use DNS, IP, URI or e-mail names only");
            }
        }
        return builder.build();
    }

    private static final Map<Integer, String> KIND_NAMES = Map.of(
            GeneralName.otherName, "otherName", GeneralName.x400Address, "x400Address",
            GeneralName.directoryName, "directoryName", GeneralName.ediPartyName, "ediPartyName",
            GeneralName.registeredID, "registeredID");

    private static String text(GeneralName name) {
        return ((ASN1String) name.getName()).getString();
    }

    /** For people: {@code DNS:localhost, IP:127.0.0.1}. */
    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        dnsNames.forEach(name -> all.add("DNS:" + name));
        ipAddresses.forEach(address -> all.add("IP:" + address));
        uris.forEach(uri -> all.add("URI:" + uri));
        emails.forEach(email -> all.add("email:" + email));
        return String.join(", ", all);
    }

    /** Whether {@code text} is an IPv4 or IPv6 literal (never resolves a name). */
    public static boolean isIpLiteral(String text) {
        return IPAddress.isValidIPv4(text) || IPAddress.isValidIPv6(text);
    }

    /**
     * Whether {@code text} reads as a host name rather than a mere label such as a client's name: an
     * IP literal, {@code localhost}, or a valid DNS name with at least one dot.
     */
    public static boolean looksLikeHostName(String text) {
        return isIpLiteral(text) || "localhost".equalsIgnoreCase(text) || (text.contains(".") && isHost(text));
    }

    /** Whether {@code text} is a valid DNS name (wildcards allowed) or IP literal. */
    public static boolean isHost(String text) {
        try {
            builder().addHost(text);
            return true;
        } catch (PkiException e) {
            return false;
        }
    }

    /** Collects names, refusing invalid ones with a {@link PkiException}; duplicates are dropped. */
    public static final class Builder {
        private final Set<String> dnsNames = new LinkedHashSet<>();
        private final Set<String> ipAddresses = new LinkedHashSet<>();
        private final Set<String> uris = new LinkedHashSet<>();
        private final Set<String> emails = new LinkedHashSet<>();

        private Builder() {
        }

        /** A DNS name or, when {@code host} is an IP literal, an IP address. */
        public Builder addHost(String host) {
            requireNonNull(host, "host");
            return isIpLiteral(host) ? addIpAddress(host) : addDnsName(host);
        }

        public Builder addDnsName(String name) {
            dnsNames.add(checkDnsName(requireNonNull(name, "name")));
            return this;
        }

        public Builder addIpAddress(String address) {
            requireNonNull(address, "address");
            if (!isIpLiteral(address)) {
                String hint = address.contains("%") ? " without a zone (%...)" : "";
                throw new PkiException("IP address '" + address + "' is not an IPv4 or IPv6 literal: write it like "
                        + "127.0.0.1 or ::1" + hint + " (use --dns for host names)");
            }
            ipAddresses.add(address.toLowerCase(Locale.ROOT));
            return this;
        }

        public Builder addUri(String uri) {
            uris.add(checkUri(requireNonNull(uri, "uri")));
            return this;
        }

        public Builder addEmail(String email) {
            emails.add(checkEmail(requireNonNull(email, "email")));
            return this;
        }

        public Builder addAll(SubjectAltNames names) {
            names.dnsNames().forEach(this::addDnsName);
            names.ipAddresses().forEach(this::addIpAddress);
            names.uris().forEach(this::addUri);
            names.emails().forEach(this::addEmail);
            return this;
        }

        public SubjectAltNames build() {
            return new SubjectAltNames(List.copyOf(dnsNames), List.copyOf(ipAddresses), List.copyOf(uris),
                    List.copyOf(emails));
        }
    }

    private static String checkDnsName(String name) {
        if (name.isBlank()) {
            throw new PkiException("DNS name is empty: give a host name such as api.example.com");
        }
        if (isIpLiteral(name)) {
            throw new PkiException("DNS name '" + name + "' is an IP address: pass it with --ip instead of --dns");
        }
        if (name.endsWith(".")) {
            throw new PkiException("DNS name '" + name + "' ends with a dot: drop the trailing dot");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new PkiException("DNS name '" + name + "' is not a valid host name: " + e.getMessage());
        }
        if (ascii.length() > 253) {
            throw new PkiException("DNS name '" + name + "' is longer than 253 characters");
        }
        String[] labels = ascii.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (label.contains("*")) {
                if (i > 0 || !label.equals("*")) {
                    throw new PkiException("DNS name '" + name + "' has a wildcard in the wrong place: only a whole "
                            + "first label may be '*', as in *.example.com");
                }
                if (labels.length < 3) {
                    throw new PkiException("DNS name '" + name + "' is a wildcard for a top-level domain: clients "
                            + "ignore it; use at least two labels after '*.', as in *.example.com");
                }
                continue;
            }
            // The validator's rules, so that mtls pki never issues what mtls verify calls MALFORMED.
            if (!DnsNames.isValidLabel(label)) {
                throw new PkiException("DNS name '" + name + "' is not a valid host name: label '" + label
                        + "' must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen");
            }
        }
        if (!DnsNames.isValid(ascii, true)) {
            throw new PkiException("DNS name '" + name + "' is not a valid host name: its last label is all digits, "
                    + "which makes it look like an IP address");
        }
        return ascii;
    }

    private static String checkUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new PkiException("URI '" + text + "' is not valid: " + e.getMessage());
        }
        if (!uri.isAbsolute()) {
            throw new PkiException("URI '" + text + "' has no scheme: write an absolute URI such as "
                    + "spiffe://example.org/service or https://example.org/id");
        }
        if ("spiffe".equalsIgnoreCase(uri.getScheme())) {
            checkSpiffeId(text, uri);
        }
        return text;
    }

    /** The SPIFFE ID rules (spiffe.io, SPIFFE-ID.md section 2), which SPIFFE-aware peers enforce. */
    private static void checkSpiffeId(String text, URI uri) {
        String fix = ": a SPIFFE ID looks like spiffe://example.org/ns/prod/sa/api";
        if (!text.startsWith("spiffe://")) {
            throw new PkiException("SPIFFE ID '" + text + "' must start with lower-case 'spiffe://'" + fix);
        }
        if (uri.getRawUserInfo() != null || uri.getPort() != -1) {
            throw new PkiException("SPIFFE ID '" + text + "' must not have a user or a port" + fix);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new PkiException("SPIFFE ID '" + text + "' must not have a query or a fragment" + fix);
        }
        String trustDomain = uri.getRawAuthority();
        if (trustDomain == null || !SPIFFE_TRUST_DOMAIN.matcher(trustDomain).matches()) {
            throw new PkiException("SPIFFE ID '" + text + "' has an invalid trust domain: use lower-case letters, "
                    + "digits, '.', '-' and '_'" + fix);
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty()) {
            String[] segments = path.substring(1).split("/", -1);
            for (String segment : segments) {
                if (!SPIFFE_SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                    throw new PkiException("SPIFFE ID '" + text + "' has an invalid path segment '" + segment
                            + "': segments are non-empty, not '.' or '..', made of letters, digits, '.', '-' and '_'"
                            + fix);
                }
            }
        }
    }

    private static String checkEmail(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1 || !EMAIL_LOCAL_PART.matcher(email.substring(0, at)).matches()) {
            throw new PkiException("e-mail address '" + email + "' is not valid: write it like alice@example.com");
        }
        String domain = email.substring(at + 1);
        if (domain.contains("*")) {
            throw new PkiException("e-mail address '" + email + "' must not contain a wildcard");
        }
        String checked;
        try {
            checked = email.substring(0, at + 1) + checkDnsName(domain);
        } catch (PkiException e) {
            throw new PkiException("e-mail address '" + email + "' has an invalid domain: " + e.getMessage());
        }
        if (!Emails.isValidMailbox(checked)) {
            throw new PkiException("e-mail address '" + email + "' is not valid: write it like alice@example.com");
        }
        return checked;
    }
}
