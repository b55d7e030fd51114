package dev.mtlskit.tls.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key and IV of one TLS 1.3 traffic secret, and record decryption with them (RFC 8446 §5.2,
 * §5.3, §7.1, §7.3). The sequence number is the caller's to keep.
 */
final class TrafficKeys {

    private static final int IV_LENGTH = 12;
    private static final int TAG_LENGTH = 16;
    private static final byte[] EMPTY = new byte[0];

    private final Tls13Suite suite;
    private final SecretKeySpec key;
    private final byte[] iv;

    private TrafficKeys(Tls13Suite suite, byte[] key, byte[] iv) {
        this.suite = suite;
        this.key = new SecretKeySpec(key, suite.keyAlgorithm());
        this.iv = iv;
    }

    /** The write key and IV of a traffic secret. */
    static TrafficKeys derive(Tls13Suite suite, byte[] secret) throws GeneralSecurityException {
        return new TrafficKeys(suite, hkdfExpandLabel(suite, secret, "key", EMPTY, suite.keyLength()),
                hkdfExpandLabel(suite, secret, "iv", EMPTY, IV_LENGTH));
    }

    /** The traffic secret after a KeyUpdate (RFC 8446 §7.2). */
    static byte[] nextSecret(Tls13Suite suite, byte[] secret) throws GeneralSecurityException {
        return hkdfExpandLabel(suite, secret, "traffic upd", EMPTY, suite.hashLength());
    }

    /**
     * Decrypts one record.
     *
     * @param header the five header bytes, which are the additional data
     * @param fragment the encrypted record body with its tag
     * @param sequence the record's sequence number under these keys
     * @return TLSInnerPlaintext: content, content type, zero padding
     * @throws GeneralSecurityException when the tag does not verify (wrong key, sequence or bytes)
     */
    byte[] open(byte[] header, byte[] fragment, long sequence) throws GeneralSecurityException {
        if (fragment.length < TAG_LENGTH) {
            throw new GeneralSecurityException("record of " + fragment.length + " bytes is shorter than the tag");
        }
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[IV_LENGTH - 1 - i] ^= (byte) (sequence >>> (8 * i));
        }
        AlgorithmParameterSpec parameters = suite.isGcm() ? new GCMParameterSpec(TAG_LENGTH * 8, nonce)
                : new IvParameterSpec(nonce);
        Cipher cipher = Cipher.getInstance(suite.cipher());
        cipher.init(Cipher.DECRYPT_MODE, key, parameters);
        cipher.updateAAD(header);
        return cipher.doFinal(fragment);
    }

    byte[] key() {
        return key.getEncoded();
    }

    byte[] iv() {
        return iv.clone();
    }

    /** HKDF-Expand-Label(secret, label, context, length), RFC 8446 §7.1. */
    static byte[] hkdfExpandLabel(Tls13Suite suite, byte[] secret, String label, byte[] context, int length)
            throws GeneralSecurityException {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + fullLabel.length + 1 + context.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) fullLabel.length;
        System.arraycopy(fullLabel, 0, info, 3, fullLabel.length);
        info[3 + fullLabel.length] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + fullLabel.length, context.length);
        return hkdfExpand(suite.mac(), secret, info, length);
    }

    /** HKDF-Expand, RFC 5869 §2.3. */
    private static byte[] hkdfExpand(String macAlgorithm, byte[] prk, byte[] info, int length)
            throws GeneralSecurityException {
        Mac mac = Mac.getInstance(macAlgorithm);
        mac.init(new SecretKeySpec(prk, macAlgorithm));
        byte[] output = new byte[length];
        byte[] block = EMPTY;
        int filled = 0;
        for (int counter = 1; filled < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            block = mac.doFinal();
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, output, filled, n);
            filled += n;
        }
        return output;
    }
}
