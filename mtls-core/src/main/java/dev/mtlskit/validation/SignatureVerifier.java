package dev.mtlskit.validation;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Signature verification that answers yes or no: a broken key or algorithm is a failed signature.
 *
 * <p>ECDSA goes through BouncyCastle: JDK 17's pure-Java P-256 takes about 2.5 ms per verification
 * (measured with the VerifyBenchmark), too slow for a check that runs in every handshake.
 */
final class SignatureVerifier {

    /** Private instance, never registered: the rest of the process keeps the JDK's providers. */
    private static final class Holder {
        static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    }

    /** Issuer keys recur in every handshake; beyond this many distinct ones the cache starts over. */
    private static final int MAX_CACHED_KEYS = 1024;
    private static final Map<ByteBuffer, PublicKey> ISSUER_KEYS = new ConcurrentHashMap<>();

    private SignatureVerifier() {
    }

    /**
     * The issuer's key decoded by BouncyCastle itself, so that it runs on BouncyCastle's optimised
     * named-curve arithmetic (a converted JDK key runs on a generic curve), and the same object for
     * the same key, so that the multiplication tables BouncyCastle precomputes for it are reused.
     */
    private static PublicKey issuerKey(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        ByteBuffer id = ByteBuffer.wrap(subjectPublicKeyInfo);
        PublicKey key = ISSUER_KEYS.get(id);
        if (key == null) {
            key = KeyFactory.getInstance("EC", Holder.BOUNCY_CASTLE).generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
            if (ISSUER_KEYS.size() >= MAX_CACHED_KEYS) {
                ISSUER_KEYS.clear();
            }
            ISSUER_KEYS.put(id, key);
        }
        return key;
    }

    static boolean verify(CertificateFacts child, CertificateFacts issuer) {
        if (issuer.publicKey == null) {
            return false;
        }
        try {
            if ("EC".equals(issuer.publicKey.getAlgorithm())) {
                child.certificate.verify(issuerKey(issuer.subjectPublicKeyInfo), Holder.BOUNCY_CASTLE);
            } else {
                child.certificate.verify(issuer.publicKey);
            }
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the issuer's key verifies the CRL's signature (same key handling as for certificates). */
    static boolean verify(X509CRL crl, CertificateFacts issuer) {
        if (issuer.publicKey == null) {
            return false;
        }
        try {
            if ("EC".equals(issuer.publicKey.getAlgorithm())) {
                crl.verify(issuerKey(issuer.subjectPublicKeyInfo), Holder.BOUNCY_CASTLE);
            } else {
                crl.verify(issuer.publicKey);
            }
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
