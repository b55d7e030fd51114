package dev.mtlskit.validation;

import java.security.GeneralSecurityException;
import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Signature verification that answers yes or no: a broken key or algorithm is a failed signature.
 *
 * <p>ECDSA goes through BouncyCastle: JDK 17's pure-Java P-256 takes about 2.5 ms per verification
 * (measured with the VerifyBenchmark), too slow for a check that runs in every handshake.
 */
final class Signatures {

    /** Private instance, never registered: the rest of the process keeps the JDK's providers. */
    private static final class Holder {
        static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    }

    private Signatures() {
    }

    static boolean verify(CertificateFacts child, CertificateFacts issuer) {
        if (issuer.publicKey == null) {
            return false;
        }
        try {
            if ("EC".equals(issuer.publicKey.getAlgorithm())) {
                // A key decoded by BouncyCastle itself runs on its optimised named-curve arithmetic;
                // a converted JDK key would run on a generic curve, several times slower.
                java.security.PublicKey key = java.security.KeyFactory.getInstance("EC", Holder.BOUNCY_CASTLE)
                        .generatePublic(new java.security.spec.X509EncodedKeySpec(issuer.subjectPublicKeyInfo));
                child.certificate.verify(key, Holder.BOUNCY_CASTLE);
            } else {
                child.certificate.verify(issuer.publicKey);
            }
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
