package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Whether a public key is strong enough to certify: RSA of 2048 bits or more, ECDSA on P-256,
 * P-384 or P-521, or Ed25519/Ed448 (the rule behind {@code Reason.WEAK_KEY}).
 */
public final class KeyStrength {

    private static final Set<ASN1ObjectIdentifier> ACCEPTED_CURVES = Set.of(
            SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);
    private static final Set<ASN1ObjectIdentifier> ACCEPTED_EDWARDS = Set.of(
            EdECObjectIdentifiers.id_Ed25519, EdECObjectIdentifiers.id_Ed448);
    private static final int MINIMUM_RSA_BITS = 2048;

    private KeyStrength() {
    }

    /** Why {@code key} is too weak, e.g. {@code "RSA 1024 (below 2048 bits)"}, or empty when it is acceptable. */
    public static Optional<String> weakness(PublicKey key) {
        requireNonNull(key, "key");
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MINIMUM_RSA_BITS) {
                return Optional.of("RSA " + bits + " (below " + MINIMUM_RSA_BITS + " bits)");
            }
            // The validator's rule too (CertificateProfile): sizes are whole bytes.
            return bits % 8 != 0 ? Optional.of("RSA " + bits + " (not a whole number of bytes)") : Optional.empty();
        }
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            Object parameters = info.getAlgorithm().getParameters();
            if (parameters instanceof ASN1ObjectIdentifier curve && ACCEPTED_CURVES.contains(curve)) {
                return Optional.empty();
            }
            return Optional.of("an EC key on " + (parameters instanceof ASN1ObjectIdentifier curve
                    ? "curve " + curve.getId() : "explicitly encoded curve parameters")
                    + " (only P-256, P-384 and P-521 are accepted)");
        }
        if (ACCEPTED_EDWARDS.contains(algorithm)) {
            return Optional.empty();
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_dsa)) {
            return Optional.of("a DSA key (DSA is not used in TLS 1.3)");
        }
        return Optional.of("a " + key.getAlgorithm() + " key (" + algorithm.getId() + ", not a TLS certificate key type)");
    }

    /** Throws a {@link PkiException} naming {@code what} when the key is too weak. */
    public static void require(PublicKey key, String what) {
        weakness(key).ifPresent(problem -> {
            throw new PkiException(what + " has " + problem + ": use an ECDSA P-256 key or RSA 2048 or more");
        });
    }
}
