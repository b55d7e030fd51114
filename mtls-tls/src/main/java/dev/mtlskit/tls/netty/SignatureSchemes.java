package dev.mtlskit.tls.netty;

import java.security.PrivateKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The TLS signature schemes the gateway signs with and accepts: SHA-256 or stronger only (no SHA-1,
 * SHA-224 or MD5, no DSA), for its own ServerKeyExchange/CertificateVerify, the list in its
 * CertificateRequest and the client's CertificateVerify.
 */
public final class SignatureSchemes {

    /** The accepted schemes by code point (RFC 8446 §4.2.3), strongest-first within each key type. */
    static final Map<Integer, String> ACCEPTED;

    static {
        Map<Integer, String> accepted = new LinkedHashMap<>();
        accepted.put(0x0403, "ecdsa_secp256r1_sha256");
        accepted.put(0x0503, "ecdsa_secp384r1_sha384");
        accepted.put(0x0603, "ecdsa_secp521r1_sha512");
        accepted.put(0x0807, "ed25519");
        accepted.put(0x0808, "ed448");
        accepted.put(0x0804, "rsa_pss_rsae_sha256");
        accepted.put(0x0805, "rsa_pss_rsae_sha384");
        accepted.put(0x0806, "rsa_pss_rsae_sha512");
        accepted.put(0x0809, "rsa_pss_pss_sha256");
        accepted.put(0x080a, "rsa_pss_pss_sha384");
        accepted.put(0x080b, "rsa_pss_pss_sha512");
        accepted.put(0x0401, "rsa_pkcs1_sha256");
        accepted.put(0x0501, "rsa_pkcs1_sha384");
        accepted.put(0x0601, "rsa_pkcs1_sha512");
        ACCEPTED = Collections.unmodifiableMap(accepted);
    }

    /** Names of refused schemes a client may still offer, for the log line. */
    private static final Map<Integer, String> REFUSED = Map.of(
            0x0201, "rsa_pkcs1_sha1", 0x0202, "dsa_sha1", 0x0203, "ecdsa_sha1",
            0x0301, "rsa_pkcs1_sha224", 0x0302, "dsa_sha224", 0x0303, "ecdsa_sha224",
            0x0101, "rsa_pkcs1_md5", 0x0402, "dsa_sha256");

    /**
     * The JDK engine's value of {@code jdk.tls.server.SignatureSchemes}: the JDK reads it once, when its
     * TLS configuration class loads (Java 17 has no per-engine setting).
     */
    public static final String JDK_SERVER_PROPERTY = "jdk.tls.server.SignatureSchemes";

    private SignatureSchemes() {
    }

    /**
     * Sets {@link #JDK_SERVER_PROPERTY} unless the user set it: a no-op when the JDK's TLS classes were
     * used before in this process (then only the property on the command line counts).
     */
    public static void configureJdk() {
        if (System.getProperty(JDK_SERVER_PROPERTY) == null) {
            System.setProperty(JDK_SERVER_PROPERTY, jdkList());
        }
    }

    public static boolean accepted(int code) {
        return ACCEPTED.containsKey(code);
    }

    /** The JDK's spelling of the accepted list (the same names as the IANA registry). */
    public static String jdkList() {
        return String.join(",", ACCEPTED.values());
    }

    /** The accepted schemes that {@code key} can make in TLS 1.2 or 1.3. */
    public static Set<Integer> usableWith(PrivateKey key) {
        String algorithm = key.getAlgorithm();
        return ACCEPTED.keySet().stream().filter(code -> switch (algorithm) {
            case "EC", "ECDSA" -> (code & 0xff) == 0x03;
            case "RSA" -> (code & 0xff) == 0x01 || (code >= 0x0804 && code <= 0x0806);
            case "RSASSA-PSS" -> code >= 0x0809 && code <= 0x080b;
            case "Ed25519" -> code == 0x0807;
            case "Ed448" -> code == 0x0808;
            case "EdDSA" -> code == 0x0807 || code == 0x0808;
            default -> true;
        }).collect(Collectors.toUnmodifiableSet());
    }

    public static String name(int code) {
        String name = ACCEPTED.get(code);
        if (name == null) {
            name = REFUSED.get(code);
        }
        return name != null ? name : String.format("0x%04x", code);
    }
}
