package dev.mtlskit.inspect;

/** What a certificate is, from its basic constraints and whether it signed itself. */
public enum CertificateRole {
    ROOT_CA("root CA"),
    INTERMEDIATE_CA("intermediate CA"),
    LEAF("leaf"),
    SELF_SIGNED_LEAF("self-signed leaf");

    private final String label;

    CertificateRole(String label) {
        this.label = label;
    }

    /** For people: {@code "root CA"}. */
    public String label() {
        return label;
    }
}
