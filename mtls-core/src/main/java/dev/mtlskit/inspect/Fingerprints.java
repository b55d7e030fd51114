package dev.mtlskit.inspect;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;

import org.bouncycastle.util.encoders.Hex;

/**
 * The ways a certificate is pinned: the SHA-256 of its DER (as {@code AB:CD:…}, OpenSSL's and
 * browsers' form, or lower-case hex, Envoy's {@code Hash}) and the SPKI pin (base64 SHA-256 of the
 * SubjectPublicKeyInfo, HPKP's and Envoy's form, stable across renewals with the same key).
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** SHA-256 of the certificate's DER as colon-separated upper-case hex. */
    public static String sha256Colon(X509Certificate certificate) {
        return colonHex(sha256(encoded(certificate)));
    }

    /** SHA-256 of the certificate's DER as lower-case hex without separators. */
    public static String sha256Hex(X509Certificate certificate) {
        return Hex.toHexString(sha256(encoded(certificate)));
    }

    /** Base64 SHA-256 of the SubjectPublicKeyInfo exactly as the certificate encodes it. */
    public static String spkiPin(X509Certificate certificate) {
        try {
            byte[] spki = org.bouncycastle.asn1.x509.Certificate.getInstance(encoded(certificate))
                    .getSubjectPublicKeyInfo().getEncoded("DER");
            return Base64.getEncoder().encodeToString(sha256(spki));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode a parsed public key: " + e.getMessage(), e);
        }
    }

    static String colonHex(byte[] bytes) {
        String hex = Hex.toHexString(bytes).toUpperCase(Locale.ROOT);
        StringBuilder text = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                text.append(':');
            }
            text.append(hex, i, i + 2);
        }
        return text.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a parsed certificate: " + e.getMessage(), e);
        }
    }
}
