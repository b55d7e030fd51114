package dev.mtlskit.tls.wire;

/** How a message travelled and whether the tracer could read it. */
public enum Protection {
    /** Sent in the clear (everything before encryption starts). */
    PLAINTEXT,
    /** Sent encrypted and decrypted with secrets from the key log. */
    DECRYPTED,
    /** Sent encrypted and not decrypted: only its kind and size are known. */
    ENCRYPTED
}
