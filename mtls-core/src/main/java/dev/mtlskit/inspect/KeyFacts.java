package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

/**
 * Type and size of a key.
 *
 * @param type for people, e.g. {@code "EC P-256"}, {@code "RSA 2048"}, {@code "Ed25519"}
 * @param algorithm the JCA algorithm name: {@code "EC"}, {@code "RSA"}, {@code "Ed25519"}...
 * @param bits the key size (RSA modulus, EC field size)
 */
public record KeyFacts(String type, String algorithm, int bits) {

    public KeyFacts {
        requireNonNull(type, "type");
        requireNonNull(algorithm, "algorithm");
    }
}
