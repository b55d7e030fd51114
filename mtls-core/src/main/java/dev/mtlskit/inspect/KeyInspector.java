package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import dev.mtlskit.material.PrivateKeys;

/** Reads the facts of a private key and finds, among given certificates, those it belongs to. */
public final class KeyInspector {

    private KeyInspector() {
    }

    /**
     * @param source the name to report
     * @param candidates the bundles given alongside the key; each certificate is checked (sign and verify)
     */
    public static KeyReport inspect(PrivateKey key, String source, List<BundleCertificates> candidates) {
        requireNonNull(key, "key");
        requireNonNull(source, "source");
        List<KeyMatch> matches = new ArrayList<>();
        int compared = 0;
        for (BundleCertificates bundle : candidates) {
            for (int i = 0; i < bundle.certificates().size(); i++) {
                compared++;
                var certificate = bundle.certificates().get(i);
                if (PrivateKeys.matches(key, certificate)) {
                    matches.add(new KeyMatch(bundle.source(), i + 1,
                            certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)));
                }
            }
        }
        return new KeyReport(source, CertificateInspector.keyFacts(key), compared, matches);
    }

    /**
     * Certificates from one source, in listed order.
     *
     * @param source the file name
     * @param certificates leaf first
     */
    public record BundleCertificates(String source, List<java.security.cert.X509Certificate> certificates) {
        public BundleCertificates {
            requireNonNull(source, "source");
            certificates = List.copyOf(certificates);
        }
    }
}
