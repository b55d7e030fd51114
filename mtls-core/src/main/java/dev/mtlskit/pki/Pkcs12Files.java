package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;

/**
 * Writes a key and its chain as a PKCS#12 file (.p12) with the JDK's own PKCS12 keystore, whose
 * JDK 17 defaults are modern (AES-256 and PBKDF2 with HMAC-SHA256), readable by OpenSSL 3 and Java.
 */
public final class Pkcs12Files {

    private Pkcs12Files() {
    }

    /**
     * Writes {@code file} (mode 0600) with one key entry.
     *
     * @param chain the key's certificate first, then its intermediates
     * @param alias the entry name, e.g. the certificate's name
     * @param password protects both the store and the key
     */
    public static void write(Path file, PrivateKey key, List<X509Certificate> chain, String alias,
                             PasswordSource password) throws IOException {
        requireNonNull(file, "file");
        requireNonNull(key, "key");
        requireNonNull(alias, "alias");
        requireNonNull(password, "password");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: the key's certificate first)");
        }
        char[] secret = password.password();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, secret, chain.toArray(X509Certificate[]::new));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, secret);
            PemWriter.writeSecret(file, bytes.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create PKCS#12 " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
