package dev.mtlskit.material;

/**
 * What a file holds, guessed from its content, so that a message can say "ca.pem holds no
 * certificate (it looks like a private key)".
 */
public enum FileKind {
    CERTIFICATE_PEM("PEM certificate(s)"),
    CERTIFICATE_DER("a DER certificate"),
    PRIVATE_KEY("a private key"),
    ENCRYPTED_PRIVATE_KEY("an encrypted private key"),
    CSR("a certificate signing request"),
    CRL("a certificate revocation list"),
    PUBLIC_KEY("a public key"),
    KEYSTORE_PKCS12("a PKCS#12 keystore"),
    KEYSTORE_JKS("a JKS keystore"),
    EMPTY("nothing (the file is empty)"),
    UNKNOWN("no recognisable key material");

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** For messages: "a private key". */
    public String description() {
        return description;
    }

    /** Guesses the kind of {@code content}. */
    public static FileKind sniff(byte[] content) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }
}
