package dev.mtlskit.material;

import java.nio.file.Path;
import java.security.Key;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** Loading private keys in every format, and telling whether a key belongs to a certificate. */
public final class PrivateKeys {

    private PrivateKeys() {
    }

    /**
     * Reads a private key: PEM PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
     * ({@code ENCRYPTED PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY},
     * with or without an {@code EC PARAMETERS} block), legacy OpenSSL-encrypted PEM
     * ({@code Proc-Type: 4,ENCRYPTED}), or the DER form of PKCS#8/PKCS#1/SEC1.
     */
    public static PrivateKey load(Path file, PasswordSource password) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }

    /** {@link #load(Path, PasswordSource)} from bytes; {@code name} is used in messages. */
    public static PrivateKey parse(byte[] content, String name, PasswordSource password) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }

    /** Whether {@code key} is the private half of {@code certificate}'s public key (sign + verify). */
    public static boolean matches(PrivateKey key, X509Certificate certificate) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }

    /** Type and size for people: {@code "RSA 2048"}, {@code "EC P-256"}, {@code "Ed25519"}. */
    public static String describe(Key key) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }
}
