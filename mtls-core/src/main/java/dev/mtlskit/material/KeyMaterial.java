package dev.mtlskit.material;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and the certificate chain it proves (leaf first), checked to belong together at
 * load time so that a mismatch is found now, not at the first handshake.
 *
 * @param privateKey the key
 * @param chain leaf first
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    public KeyMaterial {
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * Loads a certificate (chain) file and a key file and checks that they belong together, e.g.
     * "client.key (RSA 2048) does not match client.crt (EC P-256)".
     */
    public static KeyMaterial load(Path certificateFile, Path keyFile, PasswordSource keyPassword) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }

    /**
     * Loads the key entry of a PKCS#12 (.p12/.pfx) or JKS keystore; {@code alias} may be null when
     * the store has exactly one key entry. The key password defaults to the store password.
     */
    public static KeyMaterial loadKeyStore(Path keyStore, PasswordSource storePassword, String alias) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }
}
