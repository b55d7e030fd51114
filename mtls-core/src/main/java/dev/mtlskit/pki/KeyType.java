package dev.mtlskit.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** The key types mtls-kit generates. ECDSA P-256 is the default: fast handshakes, small certificates. */
public enum KeyType {
    EC_P256("EC P-256", "SHA256withECDSA"),
    EC_P384("EC P-384", "SHA384withECDSA"),
    RSA_2048("RSA 2048", "SHA256withRSA"),
    RSA_3072("RSA 3072", "SHA256withRSA"),
    RSA_4096("RSA 4096", "SHA256withRSA");

    private final String label;
    private final String signatureAlgorithm;

    KeyType(String label, String signatureAlgorithm) {
        this.label = label;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** Human label, e.g. {@code EC P-256}. */
    public String label() {
        return label;
    }

    /** The signature algorithm a CA of this key type signs with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public boolean isRsa() {
        return name().startsWith("RSA");
    }

    /** RSA key type for a bit size of 2048, 3072 or 4096. */
    public static KeyType rsa(int bits) {
        switch (bits) {
            case 2048: return RSA_2048;
            case 3072: return RSA_3072;
            case 4096: return RSA_4096;
            default: throw new IllegalArgumentException("RSA key size: " + bits + " (expected: 2048, 3072 or 4096)");
        }
    }

    public KeyPair generate() {
        try {
            if (isRsa()) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(Integer.parseInt(name().substring(4)), RSAKeyGenParameterSpec.F4));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(this == EC_P256 ? "secp256r1" : "secp384r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + label + " key: " + e.getMessage(), e);
        }
    }

    /** The signature algorithm an issuer holding {@code key} signs with. */
    public static String signatureAlgorithmFor(java.security.PrivateKey key) {
        String algorithm = key.getAlgorithm();
        if ("RSA".equals(algorithm)) {
            return "SHA256withRSA";
        }
        if ("EC".equals(algorithm) || "ECDSA".equals(algorithm)) {
            if (key instanceof java.security.interfaces.ECKey ec
                    && ec.getParams().getOrder().bitLength() > 256) {
                return "SHA384withECDSA";
            }
            return "SHA256withECDSA";
        }
        // The JDK calls its Ed25519 and Ed448 keys "EdDSA"; BouncyCastle names the curve.
        if (key instanceof java.security.interfaces.EdECKey edwards) {
            return edwards.getParams().getName();
        }
        if ("Ed25519".equals(algorithm) || "Ed448".equals(algorithm)) {
            return algorithm;
        }
        throw new IllegalArgumentException("unsupported issuer key algorithm: " + algorithm);
    }

}
