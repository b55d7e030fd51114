package dev.mtlskit.reason;

/**
 * The one vocabulary of reasons why a certificate, a chain or a connection is not accepted.
 *
 * <p>{@code verify}, the gateway's logs and metrics, and {@code doctor} all speak it; each code is
 * explained for people in {@code docs/reasons.md}. A code never changes meaning: add a new one
 * instead.
 */
public enum Reason implements Code {
    EXPIRED("the certificate's validity period has ended",
            "renew the certificate (or check the clock of the machine that validates it)"),
    NOT_YET_VALID("the certificate's validity period has not started yet",
            "wait until its start date, or check the clock of the machine that issued or validates it"),
    UNTRUSTED_ROOT("the chain ends at a self-signed certificate that is not trusted",
            "add the issuing root CA to the trusted CA bundle, or use a certificate from a CA that is trusted"),
    MISSING_INTERMEDIATE("the chain stops at a certificate whose issuer was neither supplied nor trusted",
            "send the intermediate CA certificate(s) together with the certificate (full chain, leaf first)"),
    BAD_SIGNATURE("a certificate's signature does not verify with its issuer's public key",
            "the certificate was not issued by the CA it names, or was altered; get the genuine chain from the issuer"),
    NOT_A_CA("a certificate that signed another one is not a CA (no basicConstraints CA:TRUE)",
            "issue the chain from a real CA certificate; a leaf certificate cannot sign other certificates"),
    PATH_LENGTH_EXCEEDED("the chain has more CA certificates below a CA than its pathLenConstraint allows",
            "shorten the chain or reissue the CA with a larger pathLenConstraint"),
    WRONG_PURPOSE("the certificate's extended key usage does not allow this purpose (clientAuth or serverAuth)",
            "reissue the certificate with the needed extended key usage (clientAuth for clients, serverAuth for servers)"),
    BAD_KEY_USAGE("the certificate's key usage does not allow what it is used for",
            "reissue the certificate with the right key usage (keyCertSign for CAs, digitalSignature for TLS leaves)"),
    NAME_CONSTRAINTS_VIOLATED("a name in the certificate is outside what a CA above it may issue for",
            "issue the certificate from a CA whose name constraints permit its names"),
    UNHANDLED_CRITICAL_EXTENSION("a certificate has an extension marked critical that the validator does not understand",
            "reissue the certificate without that critical extension, or mark it non-critical"),
    WEAK_KEY("a certificate's public key is too weak (RSA below 2048 bits, DSA, or a curve other than P-256/P-384/P-521)",
            "reissue the certificate with an ECDSA P-256 or RSA 2048+ key"),
    WEAK_SIGNATURE_ALGORITHM("a certificate is signed with a broken algorithm (MD5 or SHA-1)",
            "reissue the certificate signed with SHA-256 or better"),
    CA_AS_LEAF("a CA certificate is used as a client or server certificate",
            "issue a separate end-entity certificate (basicConstraints CA:FALSE) from the CA and use that"),
    NAME_MISMATCH("the certificate is not valid for the expected name (checked against subjectAltName only)",
            "use the name the certificate was issued for, or reissue it with that name in its subjectAltName"),
    REVOKED("the certificate has been revoked by its issuer",
            "get a new certificate; the revoked one must not be used again"),
    CRL_EXPIRED("the certificate revocation list (CRL) is past its nextUpdate time",
            "download a fresh CRL from the CA (the CA must publish one before the old one expires)"),
    KEY_MISMATCH("the private key does not belong to the certificate",
            "use the key file generated together with this certificate (or the certificate issued for this key)"),
    NO_CLIENT_CERT("the client sent no certificate where one is required",
            "configure the client with its certificate and key (curl: --cert client.crt --key client.key)"),
    NOT_AUTHORIZED("the client certificate is valid, but the policy does not let this identity use this route",
            "ask the operator to allow this identity, or use a certificate with an identity the route allows"),
    TOO_COMPLEX("the chain (or its name constraints) needs more work to check than the validator allows",
            "send only the chain that leads to the trusted CA, and keep name constraints and names per certificate to a sensible number"),
    MALFORMED("a certificate or CRL is not well-formed according to RFC 5280",
            "reissue it with a standards-conforming tool (openssl, mtls pki)"),
    REVOCATION_UNKNOWN("the certificate's revocation status cannot be learned: no CRL given or fetched can say whether it is revoked, or its OCSP responder gave no usable answer",
            "pass the complete, current CRLs that cover the certificate (one for each distribution point it names); with online checks, the OCSP responder and distribution points must answer the gateway"),
    V1_CERTIFICATE("the certificate is an X.509 version 1 certificate, which carries no extensions",
            "reissue it as an X.509 v3 certificate: openssl x509 -req makes version 1 unless -extfile gives it extensions"),
    UNKNOWN_ISSUER("the certificate was issued by a CA that is not trusted here",
            "use a certificate issued by a trusted CA, or have its issuing CA trusted; if its issuer is an intermediate"
                    + " below a trusted CA, send that intermediate with it");

    private final String meaning;
    private final String fix;

    Reason(String meaning, String fix) {
        this.meaning = meaning;
        this.fix = fix;
    }

    /** One lower-case clause saying what the code means. */
    public String meaning() {
        return meaning;
    }

    /** The meaning as a title: {@code The certificate's validity period has ended}. */
    @Override
    public String title() {
        return Character.toUpperCase(meaning.charAt(0)) + meaning.substring(1);
    }

    /** One lower-case clause saying how to fix it. */
    @Override
    public String fix() {
        return fix;
    }
}
