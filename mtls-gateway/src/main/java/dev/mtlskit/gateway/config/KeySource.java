package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.reload.TlsFiles;

/**
 * Where a certificate chain and its key come from: PEM files (every key format mtls-kit reads) or
 * a PKCS#12/JKS keystore, each with the password of an encrypted key or store
 * ({@link PasswordSource#none()} when there is none).
 */
public sealed interface KeySource permits KeySource.PemFiles, KeySource.KeyStoreFile {

    /** The password of the key or the keystore; {@link PasswordSource#none()} when there is none. */
    PasswordSource password();

    /** A builder of the files this key is read from (with its password), to which the trust is added. */
    TlsFiles.Builder tlsFiles();

    /**
     * @param certificate the chain file (PEM, leaf first or any order)
     * @param key the key file (may be the same file)
     */
    record PemFiles(Path certificate, Path key, PasswordSource password) implements KeySource {
        public PemFiles {
            requireNonNull(certificate, "certificate");
            requireNonNull(key, "key");
            password = password == null ? PasswordSource.none() : password;
        }

        @Override
        public TlsFiles.Builder tlsFiles() {
            return TlsFiles.builder().keyPassword(password).certificateChain(certificate).privateKey(key);
        }
    }

    /** @param keyStore a .p12/.pfx/.jks file holding the key and its chain */
    record KeyStoreFile(Path keyStore, PasswordSource password) implements KeySource {
        public KeyStoreFile {
            requireNonNull(keyStore, "keyStore");
            password = password == null ? PasswordSource.none() : password;
        }

        @Override
        public TlsFiles.Builder tlsFiles() {
            return TlsFiles.builder().keyPassword(password).keyStore(keyStore);
        }
    }

    static KeySource pem(Path certificate, Path key, PasswordSource password) {
        return new PemFiles(certificate, key, password);
    }

    static KeySource keyStore(Path keyStore, PasswordSource password) {
        return new KeyStoreFile(keyStore, password);
    }
}
