package dev.mtlskit.material;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A private BouncyCastle provider instance for decryption (legacy PEM ciphers, PKCS#12 PBE
 * schemes the JDK lacks). Never registered with {@link java.security.Security}: the rest of the
 * process keeps the JDK's providers.
 */
final class BouncyCastle {

    /** Created on first use: building the provider takes a noticeable moment. */
    private static final class Holder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    private BouncyCastle() {
    }

    static Provider provider() {
        return Holder.PROVIDER;
    }
}
