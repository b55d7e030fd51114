package dev.mtlskit.validation;

import java.security.GeneralSecurityException;

/** Signature verification that answers yes or no: a broken key or algorithm is a failed signature. */
final class Signatures {

    private Signatures() {
    }

    static boolean verify(CertificateFacts child, CertificateFacts issuer) {
        if (issuer.publicKey == null) {
            return false;
        }
        try {
            child.certificate.verify(issuer.publicKey);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
