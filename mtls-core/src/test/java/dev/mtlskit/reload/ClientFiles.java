package dev.mtlskit.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mtlskit.pki.HeldCertificate;

/** A client's files in a directory: client.crt, client.key and ca.crt (trusting {@link Pki#ROOT}). */
record ClientFiles(Path certificate, Path key, Path ca) {

    static ClientFiles write(Path directory, HeldCertificate client) throws IOException {
        ClientFiles files = new ClientFiles(directory.resolve("client.crt"), directory.resolve("client.key"),
                directory.resolve("ca.crt"));
        Files.writeString(files.certificate(), Pki.certificatePem(client));
        Files.writeString(files.key(), Pki.keyPem(client));
        Files.writeString(files.ca(), Pki.certificatePem(Pki.ROOT));
        return files;
    }

    TlsFiles tlsFiles() {
        return TlsFiles.builder().certificateChain(certificate).privateKey(key).addTrustedCertificates(ca).build();
    }

    /** Replaces the certificate and then the key, each by an atomic rename. */
    void replace(HeldCertificate client) throws IOException {
        Pki.replaceAtomically(certificate, Pki.certificatePem(client));
        Pki.replaceAtomically(key, Pki.keyPem(client));
    }
}
