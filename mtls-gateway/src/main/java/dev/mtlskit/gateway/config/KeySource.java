package dev.mtlskit.gateway.config;

import java.nio.file.Path;

import dev.mtlskit.material.PasswordSource;

/**
 * Where a certificate chain and its key come from: PEM files (every key format mtls-kit reads) or
 * a PKCS#12/JKS keystore.
 *
 * @param certificate the chain file (PEM, leaf first or any order), or {@code null} with a keystore
 * @param key the key file, or {@code null} with a keystore
 * @param keyStore a .p12/.pfx/.jks file, or {@code null} with PEM files
 * @param password for an encrypted key or the keystore
 */
public record KeySource(Path certificate, Path key, Path keyStore, PasswordSource password) {

    public static KeySource pem(Path certificate, Path key, PasswordSource password) {
        return new KeySource(certificate, key, null, password);
    }

    public static KeySource keyStore(Path keyStore, PasswordSource password) {
        return new KeySource(null, null, keyStore, password);
    }
}
