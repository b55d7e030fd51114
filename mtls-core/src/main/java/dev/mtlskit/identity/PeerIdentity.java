package dev.mtlskit.identity;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The identity of a peer as its certificate states it. Built once per connection from a
 * verified chain (leaf first).
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
 * @param ipAddresses subjectAltName IP addresses, textual
 * @param sha256Fingerprint lower-case hex SHA-256 of the leaf's DER (Envoy's {@code Hash})
 * @param spkiPin base64 SHA-256 of the leaf's SubjectPublicKeyInfo
 */
public record PeerIdentity(List<X509Certificate> chain, String subject, String commonName,
                           List<String> organizationalUnits, List<String> organizations, String issuer,
                           List<String> dnsNames, List<String> uris, List<String> emails, List<String> ipAddresses,
                           String sha256Fingerprint, String spkiPin) {

    /** Reads the identity of {@code chain.get(0)}. */
    public static PeerIdentity of(List<X509Certificate> chain) {
        throw new UnsupportedOperationException("identity: being written");
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** For logs: {@code CN=acme (spiffe://example.org/acme)}. */
    public String describe() {
        throw new UnsupportedOperationException("identity: being written");
    }
}
