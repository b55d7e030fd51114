package dev.mtlskit.material;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Certificates read from one source, put in order: the leaf first, then each certificate's issuer.
 * Certificates that are not part of the leaf's chain (e.g. a CA bundle of unrelated roots) follow
 * in file order.
 *
 * @param source the file, or {@code null} for standard input
 * @param certificates leaf first, each followed by its issuer when present
 * @param asWritten the certificates in file order
 */
public record CertificateBundle(Path source, List<X509Certificate> certificates, List<X509Certificate> asWritten) {

    public CertificateBundle {
        certificates = List.copyOf(certificates);
        asWritten = List.copyOf(asWritten);
    }

    /** Whether the file had them in another order than leaf-first. */
    public boolean wasReordered() {
        return !certificates.equals(asWritten);
    }

    public X509Certificate leaf() {
        return certificates.get(0);
    }

    /**
     * Reads certificates from a PEM file (any number, any order, text around them allowed), a DER
     * certificate, or a PKCS#12/JKS keystore (its certificates; store password only needed for
     * PKCS#12 files whose certificates are encrypted).
     */
    public static CertificateBundle load(Path file, PasswordSource storePassword) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }

    /** {@link #load(Path, PasswordSource)} from bytes; {@code name} is used in messages (e.g. "stdin"). */
    public static CertificateBundle parse(byte[] content, String name) {
        throw new UnsupportedOperationException("material: not implemented yet");
    }
}
