package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;

/**
 * Writes an issued certificate the way servers and clients want it: {@code NAME.crt} (the leaf),
 * {@code NAME-chain.crt} (leaf and intermediates: what a TLS peer sends), {@code NAME.key} (mode
 * 0600) and optionally {@code NAME.p12}. An existing key is never replaced without being asked to.
 *
 * @param directory where the files go
 * @param base the file name without extension, see {@link #fileBase(String)}
 */
public record LeafFiles(Path directory, String base) {

    public LeafFiles {
        requireNonNull(directory, "directory");
        requireNonNull(base, "base");
    }

    /** The files for a certificate called {@code name} (a host name, IP or client name) in {@code directory}. */
    public static LeafFiles forName(Path directory, String name) {
        return new LeafFiles(directory, fileBase(name));
    }

    /**
     * A file name for a certificate name: {@code *.example.com} becomes {@code _wildcard.example.com},
     * and characters that are awkward in file names (':' of IPv6, '/', '\', spaces) become '_'.
     */
    public static String fileBase(String name) {
        requireNonNull(name, "name");
        String base = name.strip().replace("*", "_wildcard").replaceAll("[:/\\\\\\s]", "_");
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            throw new PkiException("the name '" + name + "' cannot be used as a file name: give a name such as "
                    + "'api.example.com' or 'acme'");
        }
        return base;
    }

    public Path certificate() {
        return directory.resolve(base + ".crt");
    }

    public Path chain() {
        return directory.resolve(base + "-chain.crt");
    }

    public Path key() {
        return directory.resolve(base + ".key");
    }

    public Path pkcs12() {
        return directory.resolve(base + ".p12");
    }

    public Path csr() {
        return directory.resolve(base + ".csr");
    }

    /** Refuses when the key file exists and may not be replaced: losing a key silently is never right. */
    public void refuseExistingKey(boolean replace) {
        if (!replace && Files.exists(key())) {
            throw new PkiException(key() + " already exists: pass --force to replace it (the old key and its "
                    + "certificate can no longer be used then), or choose another name");
        }
    }

    /**
     * Writes certificate, chain, key and (when a password is given) PKCS#12 file.
     *
     * @param leaf the certificate with its key and CA chain
     * @param replace whether an existing key file may be replaced
     * @param pkcs12Password present to also write {@code NAME.p12}
     */
    public List<WrittenFile> write(HeldCertificate leaf, boolean replace, Optional<PasswordSource> pkcs12Password) {
        requireNonNull(leaf, "leaf");
        requireNonNull(pkcs12Password, "pkcs12Password");
        refuseExistingKey(replace);
        List<X509Certificate> peerChain = leaf.chainWithoutRoot();
        String what = describe(leaf.certificate());
        List<WrittenFile> written = new ArrayList<>();
        try {
            if (!directory.toString().isEmpty()) {
                Files.createDirectories(directory);
            }
            PemWriter.writeCertificates(certificate(), List.of(leaf.certificate()));
            written.add(new WrittenFile(certificate(), what + " certificate"));
            PemWriter.writeCertificates(chain(), peerChain);
            written.add(new WrittenFile(chain(), what + " certificate and "
                    + (peerChain.size() == 1 ? "no intermediate (same as " + certificate().getFileName() + ")"
                    : "intermediate CA: the chain to present in TLS")));
            PemWriter.writePrivateKey(key(), leaf.keyPair().getPrivate());
            written.add(new WrittenFile(key(), what + " key (secret, mode 0600)"));
            if (pkcs12Password.isPresent()) {
                Pkcs12Files.write(pkcs12(), leaf.keyPair().getPrivate(), peerChain, base, pkcs12Password.get());
                written.add(new WrittenFile(pkcs12(), what + " key and chain as PKCS#12 (mode 0600)"));
            }
        } catch (IOException e) {
            throw new PkiException("cannot write to " + directory + ": " + e.getMessage()
                    + " (check that the directory is writable)", e);
        }
        return List.copyOf(written);
    }

    /**
     * Writes a certificate signed from a CSR to {@code certificateFile}, and leaf plus intermediates
     * beside it ({@code acme.crt} gives {@code acme-chain.crt}).
     */
    public static List<WrittenFile> writeSigned(Path certificateFile, X509Certificate certificate,
                                                List<X509Certificate> intermediates) {
        requireNonNull(certificateFile, "certificateFile");
        requireNonNull(certificate, "certificate");
        List<X509Certificate> peerChain = new ArrayList<>();
        peerChain.add(certificate);
        peerChain.addAll(intermediates);
        Path chainFile = chainFileFor(certificateFile);
        String what = describe(certificate);
        try {
            Path parent = certificateFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            PemWriter.writeCertificates(certificateFile, List.of(certificate));
            PemWriter.writeCertificates(chainFile, peerChain);
        } catch (IOException e) {
            throw new PkiException("cannot write " + certificateFile + ": " + e.getMessage()
                    + " (check that the directory is writable)", e);
        }
        return List.of(new WrittenFile(certificateFile, what + " certificate"),
                new WrittenFile(chainFile, what + " certificate and " + (intermediates.isEmpty()
                        ? "no intermediate (same as " + certificateFile.getFileName() + ")"
                        : "intermediate CA: the chain to present in TLS")));
    }

    /** {@code acme.crt} gives {@code acme-chain.crt}; {@code acme} gives {@code acme-chain}. */
    static Path chainFileFor(Path certificateFile) {
        String name = certificateFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String chainName = dot > 0 ? name.substring(0, dot) + "-chain" + name.substring(dot) : name + "-chain";
        return certificateFile.resolveSibling(chainName);
    }

    private static String describe(X509Certificate certificate) {
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            boolean server = purposes != null && purposes.contains("1.3.6.1.5.5.7.3.1");
            boolean client = purposes != null && purposes.contains("1.3.6.1.5.5.7.3.2");
            return server && client ? "server+client" : server ? "server" : client ? "client" : "leaf";
        } catch (java.security.cert.CertificateParsingException e) {
            return "leaf";
        }
    }
}
