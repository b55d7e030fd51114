package dev.mtlskit.material;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

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
        requireNonNull(content, "content");
        if (Inputs.isBlank(content)) {
            return EMPTY;
        }
        if (isJks(content)) {
            return KEYSTORE_JKS;
        }
        // DER first: a binary structure may by chance contain "-----BEGIN ".
        if (Der.isDer(content)) {
            return Der.kind(content).fileKind();
        }
        if (Pem.looksLikePem(content)) {
            return ofPem(Pem.blocks(content));
        }
        return UNKNOWN;
    }

    /** JKS (0xFEEDFEED) and JCEKS (0xCECECECE) keystores start with a magic number. */
    static boolean isJks(byte[] content) {
        if (content.length < 4) {
            return false;
        }
        int magic = (content[0] & 0xff) << 24 | (content[1] & 0xff) << 16 | (content[2] & 0xff) << 8 | content[3] & 0xff;
        return magic == 0xFEEDFEED || magic == 0xCECECECE;
    }

    /**
     * The kind of a PEM file: certificates win (a file with a key and its certificate is a
     * certificate file too), then private keys, then the first other block recognised.
     */
    static FileKind ofPem(List<Pem.Block> blocks) {
        FileKind found = null;
        for (Pem.Block block : blocks) {
            FileKind kind = ofPemLabel(block.label(), block.isLegacyEncrypted());
            if (kind == CERTIFICATE_PEM) {
                return kind;
            }
            if (kind == PRIVATE_KEY || kind == ENCRYPTED_PRIVATE_KEY) {
                if (found != PRIVATE_KEY && found != ENCRYPTED_PRIVATE_KEY) {
                    found = kind;
                }
            } else if (kind != null && (found == null || found == UNKNOWN)) {
                found = kind;
            }
        }
        return found == null ? UNKNOWN : found;
    }

    /** The kind of one PEM block by its label, or null for labels that say nothing (EC PARAMETERS). */
    static FileKind ofPemLabel(String label, boolean legacyEncrypted) {
        String upper = label.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "CERTIFICATE":
            case "X509 CERTIFICATE":
            case "TRUSTED CERTIFICATE":
            case "PKCS7":
            case "PKCS #7 SIGNED DATA":
                return CERTIFICATE_PEM;
            case "X509 CRL":
                return CRL;
            case "CERTIFICATE REQUEST":
            case "NEW CERTIFICATE REQUEST":
                return CSR;
            case "ENCRYPTED PRIVATE KEY":
                return ENCRYPTED_PRIVATE_KEY;
            case "PUBLIC KEY":
            case "RSA PUBLIC KEY":
                return PUBLIC_KEY;
            case "EC PARAMETERS":
                return null;
            default:
                if (upper.endsWith("PRIVATE KEY")) {
                    return legacyEncrypted ? ENCRYPTED_PRIVATE_KEY : PRIVATE_KEY;
                }
                return UNKNOWN;
        }
    }
}
