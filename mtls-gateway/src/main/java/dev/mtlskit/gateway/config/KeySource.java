package dev.mtlskit.gateway.config;

import java.nio.file.Path;

import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.reload.TlsFiles;

/**
 * Where a certificate chain and its key come from: PEM files (every key format mtls-kit reads) or
 * a PKCS#12/JKS keystore.
 *
 * @param certificate the chain file (PEM, leaf first or any order), or {@code null} with a keystore
 * @param key the key file, or {@code null} with a keystore
 * @param keyStore a .p12/.pfx/.jks file, or {@code null} with PEM files
 * @param password for an encrypted key or the keystore; {@code null} means none
 */
public record KeySource(Path certificate, Path key, Path keyStore, PasswordSource password) {

    public KeySource {
        boolean pem = certificate != null && key != null && keyStore == null;
        boolean store = certificate == null && key == null && keyStore != null;
        if (!pem && !store) {
            throw new IllegalArgumentException("a key source is either a certificate and a key file, or a keystore "
                    + "(got certificate " + certificate + ", key " + key + ", keystore " + keyStore + ")");
        }
        if (password == null) {
            password = PasswordSource.none();
        }
    }

    public static KeySource pem(Path certificate, Path key, PasswordSource password) {
        return new KeySource(certificate, key, null, password);
    }

    public static KeySource keyStore(Path keyStore, PasswordSource password) {
        return new KeySource(null, null, keyStore, password);
    }

    public boolean isKeyStore() {
        return keyStore != null;
    }

    /** A builder of the files this key is read from (with its password), to which the trust is added. */
    public TlsFiles.Builder tlsFiles() {
        TlsFiles.Builder files = TlsFiles.builder().keyPassword(password);
        return isKeyStore() ? files.keyStore(keyStore) : files.certificateChain(certificate).privateKey(key);
    }
}
