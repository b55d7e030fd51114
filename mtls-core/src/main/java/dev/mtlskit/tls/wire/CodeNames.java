package dev.mtlskit.tls.wire;

import java.util.Map;

/** IANA names for the code points a trace shows: cipher suites, signature schemes, certificate types. */
final class CodeNames {

    /** Signalling values that are not cipher suites (RFC 5746, RFC 7507). */
    static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
    static final int FALLBACK_SCSV = 0x5600;

    private static final Map<Integer, String> CIPHER_SUITES = Map.ofEntries(
            Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"),
            Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
            Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"),
            Map.entry(0x1304, "TLS_AES_128_CCM_SHA256"),
            Map.entry(0x1305, "TLS_AES_128_CCM_8_SHA256"),
            Map.entry(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA"),
            Map.entry(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0x0005, "TLS_RSA_WITH_RC4_128_SHA"),
            Map.entry(0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"),
            Map.entry(0xc0ad, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM"));

    private static final Map<Integer, String> SIGNATURE_SCHEMES = Map.ofEntries(
            Map.entry(0x0201, "rsa_pkcs1_sha1"),
            Map.entry(0x0202, "dsa_sha1"),
            Map.entry(0x0203, "ecdsa_sha1"),
            Map.entry(0x0301, "rsa_pkcs1_sha224"),
            Map.entry(0x0302, "dsa_sha224"),
            Map.entry(0x0303, "ecdsa_sha224"),
            Map.entry(0x0401, "rsa_pkcs1_sha256"),
            Map.entry(0x0402, "dsa_sha256"),
            Map.entry(0x0403, "ecdsa_secp256r1_sha256"),
            Map.entry(0x0501, "rsa_pkcs1_sha384"),
            Map.entry(0x0502, "dsa_sha384"),
            Map.entry(0x0503, "ecdsa_secp384r1_sha384"),
            Map.entry(0x0601, "rsa_pkcs1_sha512"),
            Map.entry(0x0602, "dsa_sha512"),
            Map.entry(0x0603, "ecdsa_secp521r1_sha512"),
            Map.entry(0x0804, "rsa_pss_rsae_sha256"),
            Map.entry(0x0805, "rsa_pss_rsae_sha384"),
            Map.entry(0x0806, "rsa_pss_rsae_sha512"),
            Map.entry(0x0807, "ed25519"),
            Map.entry(0x0808, "ed448"),
            Map.entry(0x0809, "rsa_pss_pss_sha256"),
            Map.entry(0x080a, "rsa_pss_pss_sha384"),
            Map.entry(0x080b, "rsa_pss_pss_sha512"),
            Map.entry(0x081a, "ecdsa_brainpoolP256r1tls13_sha256"),
            Map.entry(0x081b, "ecdsa_brainpoolP384r1tls13_sha384"),
            Map.entry(0x081c, "ecdsa_brainpoolP512r1tls13_sha512"),
            Map.entry(0x0904, "mldsa44"),
            Map.entry(0x0905, "mldsa65"),
            Map.entry(0x0906, "mldsa87"));

    private static final Map<Integer, String> CERTIFICATE_TYPES = Map.of(
            1, "rsa_sign",
            2, "dss_sign",
            3, "rsa_fixed_dh",
            4, "dss_fixed_dh",
            5, "rsa_ephemeral_dh",
            6, "dss_ephemeral_dh",
            20, "fortezza_dms",
            64, "ecdsa_sign",
            65, "rsa_fixed_ecdh",
            66, "ecdsa_fixed_ecdh");

    private CodeNames() {
    }

    /** E.g. {@code TLS_AES_128_GCM_SHA256}, or {@code 0x1234} for codes without a name here. */
    static String cipherSuite(int code) {
        return CIPHER_SUITES.getOrDefault(code, hex16(code));
    }

    /** E.g. {@code ecdsa_secp256r1_sha256}; TLS 1.2 hash/signature pairs share the code space. */
    static String signatureScheme(int code) {
        return SIGNATURE_SCHEMES.getOrDefault(code, hex16(code));
    }

    /** TLS 1.2 ClientCertificateType, e.g. {@code ecdsa_sign}. */
    static String certificateType(int code) {
        return CERTIFICATE_TYPES.getOrDefault(code, "unknown(" + code + ")");
    }

    /** GREASE values (RFC 8701) are {@code 0x?a?a} with both bytes equal. */
    static boolean isGrease(int code) {
        return (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff);
    }

    private static String hex16(int code) {
        return String.format("0x%04x", code);
    }
}
