package dev.mtlskit.inspect;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** Whether one certificate signed another, checked with the issuer's public key (names alone prove nothing). */
final class Signatures {

    private Signatures() {
    }

    static boolean verifies(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static boolean namesMatch(X509Certificate certificate, X509Certificate issuer) {
        return certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        return namesMatch(certificate, certificate) && verifies(certificate, certificate);
    }
}
