package dev.mtlskit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.reload.TlsFiles;

/**
 * One end's files in a directory, as a secret volume holds them: its certificate (tls.crt) and key
 * (tls.key), the CA it trusts ({@link TestPki#ROOT}, ca.crt) and, when given, a CRL (ca.crl).
 *
 * @param crl null without one
 */
public record EndpointFiles(Path certificate, Path key, Path ca, Path crl) {

    public static EndpointFiles write(Path directory, HeldCertificate identity) throws IOException {
        return write(directory, identity, null);
    }

    /** @param crlPem null for no CRL */
    public static EndpointFiles write(Path directory, HeldCertificate identity, String crlPem) throws IOException {
        EndpointFiles files = new EndpointFiles(directory.resolve("tls.crt"), directory.resolve("tls.key"),
                directory.resolve("ca.crt"), crlPem == null ? null : directory.resolve("ca.crl"));
        Files.writeString(files.certificate(), TestPki.pem(identity));
        TestPki.writeKey(files.key(), identity.keyPair().getPrivate());
        Files.writeString(files.ca(), TestPki.pem(TestPki.ROOT));
        if (crlPem != null) {
            Files.writeString(files.crl(), crlPem);
        }
        return files;
    }

    public TlsFiles tlsFiles() {
        TlsFiles.Builder builder = TlsFiles.builder().certificateChain(certificate).privateKey(key).addTrustedCertificates(ca);
        if (crl != null) {
            builder.addCrl(crl);
        }
        return builder.build();
    }

    /** The certificate, then the key, each by an atomic rename (reload after both). */
    public void replace(HeldCertificate identity) throws IOException {
        TestPki.replaceAtomically(certificate, TestPki.pem(identity));
        TestPki.replaceAtomically(key, TestPki.keyPem(identity));
    }
}
