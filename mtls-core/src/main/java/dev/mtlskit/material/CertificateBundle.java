package dev.mtlskit.material;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Sequence;

import dev.mtlskit.material.Inputs.Source;

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
        requireNonNull(file, "file");
        requireNonNull(storePassword, "storePassword");
        byte[] content = Inputs.read(file, file.toString(), Fixes.MATERIAL_FILE);
        try {
            return read(content, Source.of(file), storePassword);
        } finally {
            Arrays.fill(content, (byte) 0); // combined files hold the private key too
        }
    }

    /** {@link #load(Path, PasswordSource)} from bytes; {@code name} is used in messages (e.g. "stdin"). */
    public static CertificateBundle parse(byte[] content, String name) {
        Source source = Source.named(name);
        Inputs.checkSize(content, source, Fixes.MATERIAL_FILE);
        return read(content, source, PasswordSource.none());
    }

    static CertificateBundle read(byte[] content, Source source, PasswordSource storePassword) {
        List<X509Certificate> asWritten = certificates(content, source, storePassword);
        // Duplicates (the same CA pasted twice) are dropped here too, so they alone do not count as reordering.
        List<X509Certificate> unique = new ArrayList<>(new LinkedHashSet<>(asWritten));
        return new CertificateBundle(source.file(), ChainOrder.leafFirst(unique), unique);
    }

    private static List<X509Certificate> certificates(byte[] content, Source source, PasswordSource storePassword) {
        String name = source.name();
        if (Inputs.isBlank(content)) {
            throw source.error(name + " holds no certificate (the file is empty): pass a PEM or DER certificate file");
        }
        if (FileKind.isJks(content)) {
            return fromKeyStore(content, FileKind.KEYSTORE_JKS, source, storePassword);
        }
        ASN1Sequence der = Der.sequence(content);
        if (der != null) {
            Der.Kind kind = Der.kind(der);
            switch (kind) {
                case CERTIFICATE:
                    return List.of(certificate(content, source, 1));
                case PKCS7:
                    return pkcs7(content, source);
                case PKCS12:
                    return fromKeyStore(content, FileKind.KEYSTORE_PKCS12, source, storePassword);
                case UNKNOWN:
                    throw source.error(name + " holds no certificate (unrecognised DER structure): "
                            + "pass a PEM or DER certificate file");
                default:
                    throw notACertificate(source, kind.fileKind(), List.of());
            }
        }
        if (Pem.looksLikePem(content)) {
            return fromPem(Pem.blocks(content), source);
        }
        throw source.error(name + " holds no certificate: no PEM block and not DER (expected -----BEGIN CERTIFICATE-----)");
    }

    private static List<X509Certificate> fromPem(List<Pem.Block> blocks, Source source) {
        List<X509Certificate> certificates = new ArrayList<>();
        int number = 0;
        for (Pem.Block block : blocks) {
            String label = block.label().toUpperCase(Locale.ROOT);
            if (label.equals("PKCS7") || label.equals("PKCS #7 SIGNED DATA")) {
                if (block.isCorrupted()) {
                    throw source.error(source.name() + ": the PKCS#7 block is corrupted (bad base64 or DER): "
                            + "re-download or re-export it");
                }
                certificates.addAll(pkcs7(block.der(), source));
            } else if (FileKind.ofPemLabel(label, false) == FileKind.CERTIFICATE_PEM) {
                number++;
                if (block.isCorrupted()) {
                    throw corrupted(source, number, null);
                }
                // TRUSTED CERTIFICATE is OpenSSL's certificate followed by trust settings: read the first.
                certificates.add(certificate(block.der(), source, number));
            }
        }
        if (certificates.isEmpty()) {
            throw notACertificate(source, FileKind.ofPem(blocks), blocks);
        }
        return certificates;
    }

    private static X509Certificate certificate(byte[] der, Source source, int number) {
        try {
            Certificate certificate = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            if (certificate instanceof X509Certificate x509) {
                return x509;
            }
            throw corrupted(source, number, null);
        } catch (CertificateException | RuntimeException e) {
            throw corrupted(source, number, e);
        }
    }

    private static List<X509Certificate> pkcs7(byte[] der, Source source) {
        try {
            Collection<? extends Certificate> found = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(der));
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : found) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw source.error(source.name() + " holds no certificate (its PKCS#7 structure is empty): "
                        + "pass a PEM or DER certificate file");
            }
            return certificates;
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof MaterialException material) {
                throw material;
            }
            throw source.error(source.name() + ": the PKCS#7 structure is corrupted (bad base64 or DER): "
                    + "re-download or re-export it", e);
        }
    }

    private static List<X509Certificate> fromKeyStore(byte[] content, FileKind kind, Source source,
                                                      PasswordSource storePassword) {
        KeyStores.Contents contents = KeyStores.read(content, kind, source, storePassword, false);
        if (contents.certificates().isEmpty()) {
            if (contents.locked()) {
                throw KeyStores.needsPassword(source, storePassword);
            }
            throw source.error(source.name() + " holds no certificate (the keystore has no certificate entries): "
                    + "pass the keystore that holds the certificates");
        }
        return contents.certificates();
    }

    private static MaterialException corrupted(Source source, int number, Throwable cause) {
        return source.error(source.name() + ": certificate number " + number
                + " is corrupted (bad base64 or DER): re-download or re-export it", cause);
    }

    private static MaterialException notACertificate(Source source, FileKind kind, List<Pem.Block> blocks) {
        String name = source.name();
        switch (kind) {
            case PRIVATE_KEY:
                return source.error(name + " holds no certificate (it looks like a private key): "
                        + "pass the certificate file, not the key");
            case ENCRYPTED_PRIVATE_KEY:
                return source.error(name + " holds no certificate (it looks like an encrypted private key): "
                        + "pass the certificate file, not the key");
            case CSR:
                return source.error(name + " holds no certificate (it looks like a certificate signing request): "
                        + "have it signed by a CA, e.g. mtls pki sign");
            case CRL:
                return source.error(name + " holds no certificate (it looks like a certificate revocation list): "
                        + "pass the CA's certificate, not its CRL");
            case PUBLIC_KEY:
                return source.error(name + " holds no certificate (it looks like a public key): "
                        + "pass the certificate, which carries the key with a name and a signature");
            default:
                return source.error(name + " holds no certificate (" + Pem.describeLabels(blocks)
                        + "): pass a file with -----BEGIN CERTIFICATE----- blocks");
        }
    }
}
