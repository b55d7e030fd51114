package dev.mtlskit.validation;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * For which role is a certificate validated? The role its owner plays in TLS, which decides the
 * extended key usage required. (Which end a local TLS context serves is a
 * {@link dev.mtlskit.reload.ConnectionEnd}: a client end validates the peer as a server.)
 */
public enum PeerRole {
    CLIENT("client", KeyPurposeId.id_kp_clientAuth),
    SERVER("server", KeyPurposeId.id_kp_serverAuth);

    private final String label;
    private final KeyPurposeId keyPurpose;

    PeerRole(String label, KeyPurposeId keyPurpose) {
        this.label = label;
        this.keyPurpose = keyPurpose;
    }

    /** "client" or "server". */
    public String label() {
        return label;
    }

    /** clientAuth or serverAuth. */
    public KeyPurposeId keyPurpose() {
        return keyPurpose;
    }

    /** Name of the EKU for messages. */
    public String ekuName() {
        return this == CLIENT ? "clientAuth" : "serverAuth";
    }
}
