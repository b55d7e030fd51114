package dev.mtlskit.tls.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * TLS 1.2 record decryption for the AEAD cipher suites, from the master secret a key log's
 * {@code CLIENT_RANDOM} line gives: the key block of RFC 5246 §6.3, AES-GCM records as in RFC 5288
 * (explicit nonce) and ChaCha20-Poly1305 records as in RFC 7905 (nonce from the sequence number).
 */
final class Tls12Keys {

    private static final int TAG_LENGTH = 16;
    private static final int EXPLICIT_NONCE_LENGTH = 8;

    /** The AEAD suites the JDK can decrypt; CBC suites are not followed. */
    enum Suite {
        AES_128_GCM_SHA256("HmacSHA256", 16, 4, "AES/GCM/NoPadding", "AES"),
        AES_256_GCM_SHA384("HmacSHA384", 32, 4, "AES/GCM/NoPadding", "AES"),
        CHACHA20_POLY1305_SHA256("HmacSHA256", 32, 12, "ChaCha20-Poly1305", "ChaCha20");

        private final String prf;
        private final int keyLength;
        private final int ivLength;
        private final String cipher;
        private final String keyAlgorithm;

        Suite(String prf, int keyLength, int ivLength, String cipher, String keyAlgorithm) {
            this.prf = prf;
            this.keyLength = keyLength;
            this.ivLength = ivLength;
            this.cipher = cipher;
            this.keyAlgorithm = keyAlgorithm;
        }

        /** The suite a cipher suite code uses, or null. */
        static Suite of(int code) {
            return switch (code) {
                case 0x009c, 0x009e, 0x00a2, 0xc02b, 0xc02f -> AES_128_GCM_SHA256;
                case 0x009d, 0x009f, 0x00a3, 0xc02c, 0xc030 -> AES_256_GCM_SHA384;
                case 0xcca8, 0xcca9, 0xccaa -> CHACHA20_POLY1305_SHA256;
                default -> null;
            };
        }

        boolean isGcm() {
            return ivLength == 4;
        }
    }

    private final Suite suite;
    private final SecretKeySpec key;
    private final byte[] iv;

    private Tls12Keys(Suite suite, byte[] key, byte[] iv) {
        this.suite = suite;
        this.key = new SecretKeySpec(key, suite.keyAlgorithm);
        this.iv = iv;
    }

    /** The write keys of the client (or of the server) from the master secret and both randoms. */
    static Tls12Keys derive(Suite suite, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom,
                            boolean client) throws GeneralSecurityException {
        byte[] seed = new byte[64];
        System.arraycopy(serverRandom, 0, seed, 0, 32);
        System.arraycopy(clientRandom, 0, seed, 32, 32);
        byte[] block = prf(suite.prf, masterSecret, "key expansion", seed, 2 * suite.keyLength + 2 * suite.ivLength);
        // client_write_key, server_write_key, client_write_IV, server_write_IV (AEAD suites have no MAC keys).
        int keyAt = client ? 0 : suite.keyLength;
        int ivAt = 2 * suite.keyLength + (client ? 0 : suite.ivLength);
        return new Tls12Keys(suite, Arrays.copyOfRange(block, keyAt, keyAt + suite.keyLength),
                Arrays.copyOfRange(block, ivAt, ivAt + suite.ivLength));
    }

    /**
     * Decrypts one record body.
     *
     * @throws GeneralSecurityException when the tag does not verify (wrong secret, sequence or bytes)
     */
    byte[] open(int type, int version, byte[] fragment, long sequence) throws GeneralSecurityException {
        int overhead = TAG_LENGTH + (suite.isGcm() ? EXPLICIT_NONCE_LENGTH : 0);
        if (fragment.length < overhead) {
            throw new GeneralSecurityException("record of " + fragment.length + " bytes is shorter than its overhead");
        }
        int plaintextLength = fragment.length - overhead;
        byte[] additionalData = new byte[13];
        for (int i = 0; i < 8; i++) {
            additionalData[7 - i] = (byte) (sequence >>> (8 * i));
        }
        additionalData[8] = (byte) type;
        additionalData[9] = (byte) (version >>> 8);
        additionalData[10] = (byte) version;
        additionalData[11] = (byte) (plaintextLength >>> 8);
        additionalData[12] = (byte) plaintextLength;
        AlgorithmParameterSpec parameters;
        int from;
        if (suite.isGcm()) {
            byte[] nonce = new byte[12];
            System.arraycopy(iv, 0, nonce, 0, 4);
            System.arraycopy(fragment, 0, nonce, 4, EXPLICIT_NONCE_LENGTH);
            parameters = new GCMParameterSpec(TAG_LENGTH * 8, nonce);
            from = EXPLICIT_NONCE_LENGTH;
        } else {
            byte[] nonce = iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
            }
            parameters = new IvParameterSpec(nonce);
            from = 0;
        }
        Cipher cipher = Cipher.getInstance(suite.cipher);
        cipher.init(Cipher.DECRYPT_MODE, key, parameters);
        cipher.updateAAD(additionalData);
        return cipher.doFinal(fragment, from, fragment.length - from);
    }

    /** PRF(secret, label, seed) = P_hash(secret, label + seed), RFC 5246 §5. */
    static byte[] prf(String macAlgorithm, byte[] secret, String label, byte[] seed, int length)
            throws GeneralSecurityException {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] labelAndSeed = new byte[labelBytes.length + seed.length];
        System.arraycopy(labelBytes, 0, labelAndSeed, 0, labelBytes.length);
        System.arraycopy(seed, 0, labelAndSeed, labelBytes.length, seed.length);
        Mac mac = Mac.getInstance(macAlgorithm);
        mac.init(new SecretKeySpec(secret, macAlgorithm));
        byte[] output = new byte[length];
        byte[] a = labelAndSeed;
        for (int filled = 0; filled < length; ) {
            a = mac.doFinal(a);
            mac.update(a);
            byte[] block = mac.doFinal(labelAndSeed);
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, output, filled, n);
            filled += n;
        }
        return output;
    }
}
