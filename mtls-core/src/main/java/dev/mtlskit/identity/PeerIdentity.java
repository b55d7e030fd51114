package dev.mtlskit.identity;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import dev.mtlskit.inspect.CertificateInspector;
import dev.mtlskit.inspect.Fingerprints;
import dev.mtlskit.inspect.SubjectAltName;

/**
 * The identity of a peer as its certificate states it, read once from a verified chain (leaf
 * first).
 *
 * @param chain the verified chain, leaf first
 * @param subject RFC 2253 subject of the leaf
 * @param commonName the leaf's CN, or {@code null}
 * @param organizationalUnits the leaf's OUs
 * @param organizations the leaf's Os
 * @param issuer RFC 2253 issuer of the leaf
 * @param dnsNames subjectAltName DNS names
 * @param uris subjectAltName URIs (e.g. SPIFFE IDs)
 * @param emails subjectAltName email addresses
 * @param ipAddresses subjectAltName IP addresses, textual (IPv6 in RFC 5952 form, e.g. {@code ::1})
 * @param sha256Fingerprint lower-case hex SHA-256 of the leaf's DER (Envoy's {@code Hash})
 * @param spkiPin base64 SHA-256 of the leaf's SubjectPublicKeyInfo
 */
public record PeerIdentity(List<X509Certificate> chain, String subject, String commonName,
                           List<String> organizationalUnits, List<String> organizations, String issuer,
                           List<String> dnsNames, List<String> uris, List<String> emails, List<String> ipAddresses,
                           String sha256Fingerprint, String spkiPin) {

    /** How many subjectAltNames {@link #describe()} shows before it counts the rest. */
    private static final int NAMES_DESCRIBED = 3;

    public PeerIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty (expected: at least the leaf certificate)");
        }
        requireNonNull(subject, "subject");
        requireNonNull(issuer, "issuer");
        requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        requireNonNull(spkiPin, "spkiPin");
        organizationalUnits = List.copyOf(organizationalUnits);
        organizations = List.copyOf(organizations);
        dnsNames = List.copyOf(dnsNames);
        uris = List.copyOf(uris);
        emails = List.copyOf(emails);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** Reads the identity of {@code chain.get(0)}. */
    public static PeerIdentity of(List<X509Certificate> chain) {
        requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain is empty (expected: at least the leaf certificate)");
        }
        X509Certificate leaf = requireNonNull(chain.get(0), "chain.get(0)");
        X500Name subject = X500Name.getInstance(BCStyle.INSTANCE, leaf.getSubjectX500Principal().getEncoded());
        List<String> commonNames = attributes(subject, BCStyle.CN);
        List<String> dnsNames = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> ipAddresses = new ArrayList<>();
        for (SubjectAltName name : CertificateInspector.subjectAltNames(leaf)) {
            switch (name.type()) {
                case DNS -> dnsNames.add(name.value());
                case URI -> uris.add(name.value());
                case EMAIL -> emails.add(name.value());
                case IP -> ipAddresses.add(name.value());
                case OTHER -> {
                    // otherName, directoryName...: no rule matches on them
                }
            }
        }
        return new PeerIdentity(chain,
                leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
                // The most specific CN is the last in encoding order (the first in RFC 2253 text).
                commonNames.isEmpty() ? null : commonNames.get(commonNames.size() - 1),
                attributes(subject, BCStyle.OU),
                attributes(subject, BCStyle.O),
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253),
                dnsNames, uris, emails, ipAddresses,
                Fingerprints.sha256Hex(leaf),
                Fingerprints.spkiPin(leaf));
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * For logs and messages: the subject, then the subjectAltNames in parentheses (URIs first, as
     * they are the most specific), e.g. {@code CN=acme,O=Acme (spiffe://example.org/acme)}.
     * Control characters are escaped, so a certificate cannot forge log lines.
     */
    public String describe() {
        List<String> names = new ArrayList<>(uris);
        names.addAll(dnsNames);
        names.addAll(emails);
        names.addAll(ipAddresses);
        StringBuilder text = new StringBuilder(subject.isEmpty() ? "(empty subject)" : subject);
        if (!names.isEmpty()) {
            text.append(" (").append(String.join(", ", names.subList(0, Math.min(NAMES_DESCRIBED, names.size()))));
            if (names.size() > NAMES_DESCRIBED) {
                text.append(" and ").append(names.size() - NAMES_DESCRIBED).append(" more");
            }
            text.append(')');
        }
        return HeaderText.printable(text.toString());
    }

    /** The values of one attribute type, in encoding order (multi-valued RDNs included). */
    private static List<String> attributes(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(type)) {
                    values.add(attribute.getValue() instanceof ASN1String text ? text.getString()
                            : IETFUtils.valueToString(attribute.getValue()));
                }
            }
        }
        return values;
    }
}
