package dev.mtlskit.identity;

import java.security.cert.X509Certificate;
import java.util.List;

/** Header values that carry a client's identity to an upstream. */
public final class IdentityHeaders {

    /** Every header name a client might use to spoof an identity; the gateway removes them all. */
    public static final List<String> SPOOFABLE = List.of("x-forwarded-client-cert", "client-cert", "client-cert-chain");

    private IdentityHeaders() {
    }

    /**
     * Envoy's {@code X-Forwarded-Client-Cert} element for one peer:
     * {@code Hash=…;Subject="…";URI=…;DNS=…[;Cert="…"][;Chain="…"]}.
     */
    public static String xfcc(PeerIdentity identity, boolean includeCertificate, boolean includeChain) {
        throw new UnsupportedOperationException("identity: being written");
    }

    /** RFC 9440 {@code Client-Cert}: the leaf's DER as a structured-field byte sequence {@code :base64:}. */
    public static String clientCert(X509Certificate leaf) {
        throw new UnsupportedOperationException("identity: being written");
    }

    /** RFC 9440 {@code Client-Cert-Chain}: the intermediates as a list of byte sequences. */
    public static String clientCertChain(List<X509Certificate> intermediates) {
        throw new UnsupportedOperationException("identity: being written");
    }
}
