package dev.mtlskit.validation;

import dev.mtlskit.names.Printable;
import dev.mtlskit.names.IpAddresses;
import dev.mtlskit.names.Emails;
import dev.mtlskit.names.DnsNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * RFC 5280 4.2.1.10 name constraints: a CA's permitted and excluded subtrees applied to the
 * subject and subjectAltNames of every certificate below it. Constraints of a form that is not
 * understood reject any certificate that has a name of that form, as the RFC requires.
 */
final class NameConstraintsCheck {

    private NameConstraintsCheck() {
    }

    /** A syntax problem in the constraints themselves, or {@code null}. */
    static String malformation(NameConstraints constraints) {
        GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
        GeneralSubtree[] excluded = constraints.getExcludedSubtrees();
        if ((permitted == null || permitted.length == 0) && (excluded == null || excluded.length == 0)) {
            return "its nameConstraints extension has neither permitted nor excluded subtrees";
        }
        for (GeneralSubtree[] subtrees : Arrays.asList(permitted, excluded)) {
            if (subtrees == null) {
                continue;
            }
            for (GeneralSubtree subtree : subtrees) {
                String problem = constraintMalformation(subtree.getBase());
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String constraintMalformation(GeneralName base) {
        switch (base.getTagNo()) {
            case GeneralName.dNSName: {
                String domain = text(base);
                if (!domain.isEmpty() && !DnsNames.isValid(domain, false)) {
                    return "its name constraint dNSName \"" + Printable.of(domain) + "\" is not a valid domain name";
                }
                return null;
            }
            case GeneralName.iPAddress: {
                byte[] bytes = ASN1OctetString.getInstance(base.getName()).getOctets();
                if ((bytes.length != 8 && bytes.length != 32) || !isContiguousMask(bytes, bytes.length / 2)) {
                    return "its name constraint iPAddress is not an address with a contiguous network mask";
                }
                return null;
            }
            case GeneralName.rfc822Name: {
                String email = text(base);
                boolean valid = email.contains("@") ? Emails.isValidMailbox(email)
                        : DnsNames.isValid(email.startsWith(".") ? email.substring(1) : email, false);
                return valid ? null : "its name constraint rfc822Name \"" + Printable.of(email) + "\" is not a mailbox or domain";
            }
            default:
                return null;
        }
    }

    private static boolean isContiguousMask(byte[] addressAndMask, int offset) {
        boolean zeroSeen = false;
        for (int i = offset; i < addressAndMask.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = ((addressAndMask[i] >> bit) & 1) == 1;
                if (one && zeroSeen) {
                    return false;
                }
                zeroSeen |= !one;
            }
        }
        return true;
    }

    /** How many name-against-subtree comparisons checking {@code subject} costs (names times subtrees). */
    static long comparisons(NameConstraints constraints, CertificateFacts subject) {
        long names = subject.subjectAltNameList().size() + (subject.subjectName.getRDNs().length > 0 ? 1 : 0)
                + subject.subjectName.getRDNs(BCStyle.EmailAddress).length;
        long subtrees = (constraints.getPermittedSubtrees() == null ? 0 : constraints.getPermittedSubtrees().length)
                + (constraints.getExcludedSubtrees() == null ? 0 : constraints.getExcludedSubtrees().length);
        return names * subtrees;
    }

    /**
     * The first name of {@code subject} (a certificate below the constraining CA) that the
     * constraints do not allow, described for a message, or {@code null} when all are allowed.
     */
    static String violation(NameConstraints constraints, CertificateFacts subject) {
        List<GeneralName> names = new ArrayList<>(subject.subjectAltNameList());
        if (subject.subjectName.getRDNs().length > 0) {
            names.add(new GeneralName(subject.subjectName));
            // Every emailAddress attribute, also inside multi-valued RDNs (CN=x+emailAddress=…).
            for (RDN rdn : subject.subjectName.getRDNs()) {
                for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                    if (!attribute.getType().equals(BCStyle.EmailAddress)) {
                        continue;
                    }
                    if (!(attribute.getValue() instanceof ASN1String email) || !Emails.isValidMailbox(email.getString())) {
                        return "subject emailAddress is not a valid address";
                    }
                    names.add(new GeneralName(GeneralName.rfc822Name, email.getString()));
                }
            }
        }
        GeneralSubtree[] permitted = constraints.getPermittedSubtrees();
        GeneralSubtree[] excluded = constraints.getExcludedSubtrees();
        for (GeneralName name : names) {
            if (excluded != null) {
                for (GeneralSubtree subtree : excluded) {
                    if (subtree.getBase().getTagNo() != name.getTagNo()) {
                        continue;
                    }
                    Boolean match = excludedMatches(subtree.getBase(), name);
                    if (match == null || match) {
                        return describe(name) + (match == null ? " (a name form the validator cannot check against the constraint)"
                                : " is excluded by " + describe(subtree.getBase()));
                    }
                }
            }
            if (permitted != null) {
                boolean constrained = false;
                boolean allowed = false;
                for (GeneralSubtree subtree : permitted) {
                    if (subtree.getBase().getTagNo() != name.getTagNo()) {
                        continue;
                    }
                    constrained = true;
                    Boolean match = within(name, subtree.getBase());
                    if (match == null) {
                        return describe(name) + " (a name form the validator cannot check against the constraint)";
                    }
                    allowed |= match;
                }
                if (constrained && !allowed) {
                    return describe(name) + " is outside the permitted names";
                }
            }
        }
        return null;
    }

    /** For an excluded subtree, a wildcard DNS name is excluded when any name it matches would be. */
    private static Boolean excludedMatches(GeneralName constraint, GeneralName name) {
        if (name.getTagNo() == GeneralName.dNSName) {
            String dns = text(name).toLowerCase(Locale.ROOT);
            String domain = text(constraint).toLowerCase(Locale.ROOT);
            if (dns.startsWith("*.")) {
                String parent = dns.substring(2);
                // *.example.com matches bar.example.com, which lies in the excluded bar.example.com.
                boolean oneLabelBelow = domain.endsWith("." + parent) && domain.indexOf('.') == domain.length() - parent.length() - 1;
                if (oneLabelBelow || DnsNames.isWithin(parent, domain)) {
                    return true;
                }
                return false;
            }
        }
        return within(name, constraint);
    }

    /** Whether a name lies within a constraint of the same form; {@code null} when the form is not supported. */
    private static Boolean within(GeneralName name, GeneralName constraint) {
        switch (name.getTagNo()) {
            case GeneralName.dNSName:
                return DnsNames.isWithin(text(name), text(constraint));
            case GeneralName.iPAddress: {
                byte[] address = ASN1OctetString.getInstance(name.getName()).getOctets();
                byte[] range = ASN1OctetString.getInstance(constraint.getName()).getOctets();
                if (range.length != address.length * 2) {
                    return false;
                }
                for (int i = 0; i < address.length; i++) {
                    byte mask = range[address.length + i];
                    if ((address[i] & mask) != (range[i] & mask)) {
                        return false;
                    }
                }
                return true;
            }
            case GeneralName.rfc822Name:
                return Emails.isWithin(text(name), text(constraint));
            case GeneralName.uniformResourceIdentifier: {
                String host = uriHost(text(name));
                if (host == null) {
                    return null; // no host a constraint could be checked against: reject, as Go does
                }
                String domain = text(constraint).toLowerCase(Locale.ROOT);
                return domain.startsWith(".") ? host.endsWith(domain) : host.equals(domain);
            }
            case GeneralName.directoryName:
                return isPrefix(X500Name.getInstance(constraint.getName()), X500Name.getInstance(name.getName()));
            default:
                return null;
        }
    }

    private static boolean isPrefix(X500Name prefix, X500Name name) {
        RDN[] prefixRdns = prefix.getRDNs();
        RDN[] nameRdns = name.getRDNs();
        if (prefixRdns.length > nameRdns.length) {
            return false;
        }
        X500Name head = new X500Name(Arrays.copyOf(nameRdns, prefixRdns.length));
        return BCStyle.INSTANCE.areEqual(prefix, head);
    }

    /**
     * The host of a URI in the form constraints compare (lower case, without a trailing dot), or
     * {@code null} when it has none that {@link URI} parses as a server authority (e.g. an
     * underscore or escape in the host): such a URI cannot be checked, so it is not allowed.
     */
    private static String uriHost(String uri) {
        try {
            String host = new URI(uri).getHost();
            if (host == null || host.isEmpty()) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static String text(GeneralName name) {
        ASN1Encodable value = name.getName();
        return value instanceof ASN1String string ? string.getString() : value.toString();
    }

    /** {@link #text} safe for a one-line message. */
    private static String shown(GeneralName name) {
        return Printable.of(text(name));
    }

    static String describe(GeneralName name) {
        switch (name.getTagNo()) {
            case GeneralName.dNSName: return "DNS name " + shown(name);
            case GeneralName.rfc822Name: return "email " + shown(name);
            case GeneralName.uniformResourceIdentifier: return "URI " + shown(name);
            case GeneralName.iPAddress: return "IP address " + ipText(ASN1OctetString.getInstance(name.getName()).getOctets());
            case GeneralName.directoryName: return "name " + X500Name.getInstance(BCStyle.INSTANCE, name.getName());
            case GeneralName.otherName: return "otherName";
            default: return "name of type " + name.getTagNo();
        }
    }

    static String ipText(byte[] bytes) {
        if (bytes.length == 4 || bytes.length == 16) {
            return IpAddresses.format(bytes);
        }
        if (bytes.length == 8 || bytes.length == 32) {
            int half = bytes.length / 2;
            int prefix = 0;
            for (int i = half; i < bytes.length; i++) {
                prefix += Integer.bitCount(bytes[i] & 0xff);
            }
            return ipText(Arrays.copyOf(bytes, half)) + "/" + prefix;
        }
        return "(invalid)";
    }
}
