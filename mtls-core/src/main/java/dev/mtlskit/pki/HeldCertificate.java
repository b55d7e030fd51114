package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate together with its key pair and the chain of CA certificates above it (nearest
 * issuer first, the root last, empty for a self-signed certificate).
 *
 * @param certificate the certificate
 * @param keyPair its key pair
 * @param issuerChain CA certificates above it, nearest first
 */
public record HeldCertificate(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuerChain) {

    public HeldCertificate {
        requireNonNull(certificate, "certificate");
        requireNonNull(keyPair, "keyPair");
        issuerChain = List.copyOf(issuerChain);
    }

    /** Starts a certificate; see {@link CertificateBuilder}. */
    public static CertificateBuilder builder() {
        return new CertificateBuilder();
    }

    /** This certificate followed by its issuers, root last. */
    public List<X509Certificate> fullChain() {
        List<X509Certificate> chain = new ArrayList<>(issuerChain.size() + 1);
        chain.add(certificate);
        chain.addAll(issuerChain);
        return List.copyOf(chain);
    }

    /** What a TLS peer sends: this certificate and its intermediates, without the root. */
    public List<X509Certificate> chainWithoutRoot() {
        List<X509Certificate> chain = fullChain();
        return issuerChain.isEmpty() ? chain : chain.subList(0, chain.size() - 1);
    }
}
