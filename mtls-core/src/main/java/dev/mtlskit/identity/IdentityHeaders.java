package dev.mtlskit.identity;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

/**
 * Header values that carry a client's identity to an upstream. Every value is visible ASCII: no
 * certificate content can add a CR/LF, end a quoted string early or inject another element.
 */
public final class IdentityHeaders {

    /** Every header name a client might use to spoof an identity; the gateway removes them all. */
    public static final List<String> SPOOFABLE = List.of("x-forwarded-client-cert", "client-cert", "client-cert-chain");

    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private IdentityHeaders() {
    }

    /**
     * Envoy's {@code X-Forwarded-Client-Cert} element for one peer, with the keys in Envoy's order:
     * {@code Hash=…[;Cert="…"][;Chain="…"];Subject="…";URI=…;DNS=…}. {@code Subject} is always present
     * (quoted, RFC 2253 with non-ASCII as {@code \XX}); {@code URI=} is present even without URIs,
     * one {@code URI=} and one {@code DNS=} per name. {@code Cert} and {@code Chain} are URL-encoded
     * PEM; the chain is {@link PeerIdentity#chain()}, leaf first. A URI or DNS value holding
     * {@code , ; = " \} is quoted; bytes outside visible ASCII are percent-encoded.
     */
    public static String xfcc(PeerIdentity identity, boolean includeCertificate, boolean includeChain) {
        requireNonNull(identity, "identity");
        StringJoiner element = new StringJoiner(";");
        element.add("Hash=" + identity.sha256Fingerprint());
        if (includeCertificate) {
            element.add("Cert=\"" + HeaderText.urlEncode(pem(identity.leaf())) + "\"");
        }
        if (includeChain) {
            StringBuilder chain = new StringBuilder();
            identity.chain().forEach(certificate -> chain.append(pem(certificate)));
            element.add("Chain=\"" + HeaderText.urlEncode(chain.toString()) + "\"");
        }
        element.add("Subject=" + HeaderText.xfccQuoted(HeaderText.asciiDistinguishedName(identity.subject())));
        if (identity.uris().isEmpty()) {
            element.add("URI=");
        }
        identity.uris().forEach(uri -> element.add("URI=" + HeaderText.xfccValue(uri)));
        identity.dnsNames().forEach(dns -> element.add("DNS=" + HeaderText.xfccValue(dns)));
        return element.toString();
    }

    /** RFC 9440 {@code Client-Cert}: the leaf's DER as a structured-field byte sequence {@code :base64:}. */
    public static String clientCert(X509Certificate leaf) {
        return byteSequence(requireNonNull(leaf, "leaf"));
    }

    /**
     * RFC 9440 {@code Client-Cert-Chain}: the intermediates (the certificate that issued the leaf
     * first) as a structured-field list of byte sequences, {@code :…:, :…:}. Empty for an empty
     * list: then send no {@code Client-Cert-Chain} header at all.
     */
    public static String clientCertChain(List<X509Certificate> intermediates) {
        requireNonNull(intermediates, "intermediates");
        StringJoiner list = new StringJoiner(", ");
        intermediates.forEach(certificate -> list.add(byteSequence(requireNonNull(certificate, "intermediate"))));
        return list.toString();
    }

    private static String byteSequence(X509Certificate certificate) {
        return ":" + Base64.getEncoder().encodeToString(der(certificate)) + ":";
    }

    /** PEM with LF line ends and 64-character lines, as OpenSSL (and so Envoy) writes it. */
    private static String pem(X509Certificate certificate) {
        return "-----BEGIN CERTIFICATE-----\n"
                + new String(PEM_BASE64.encode(der(certificate)), StandardCharsets.US_ASCII)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a parsed certificate: " + e.getMessage(), e);
        }
    }
}
