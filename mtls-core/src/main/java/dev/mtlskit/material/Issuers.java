package dev.mtlskit.material;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * Whether one certificate signed another, checked with the issuer's public key: names alone prove
 * nothing. Shared by chain ordering, inspection and the dev CA. (The validator has its own, on
 * pre-parsed certificates and with BouncyCastle for ECDSA speed.)
 */
public final class Issuers {

    private Issuers() {
    }

    /** The signature on {@code certificate} verifies with {@code issuer}'s key; a broken key or algorithm is a no. */
    public static boolean verifies(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** {@code certificate} names {@code issuer} as its issuer. */
    public static boolean namesMatch(X509Certificate certificate, X509Certificate issuer) {
        return certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
    }

    /** Named and verified: {@code issuer} really issued {@code certificate}. */
    public static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        return namesMatch(certificate, issuer) && verifies(certificate, issuer);
    }

    public static boolean isSelfSigned(X509Certificate certificate) {
        return signedBy(certificate, certificate);
    }
}
