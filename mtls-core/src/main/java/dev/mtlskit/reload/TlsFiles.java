package dev.mtlskit.reload;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mtlskit.material.PasswordSource;

/**
 * The files one end of an mTLS connection is made of: its certificate chain and key, and the CA
 * certificates it trusts for the peer. Any format {@link dev.mtlskit.material} reads is accepted
 * (PEM in any order, PKCS#1/PKCS#8/SEC1 keys, encrypted or not, DER).
 *
 * <pre>{@code
 * TlsFiles files = TlsFiles.builder()
 *     .certificateChain(Path.of("/etc/tls/tls.crt"))
 *     .privateKey(Path.of("/etc/tls/tls.key"))
 *     .addTrustedCertificates(Path.of("/etc/tls/ca.crt"))
 *     .build();
 * }</pre>
 *
 * @param certificateChain this end's certificate, then its intermediates (any order)
 * @param privateKey the key of that certificate (may be the same file as the chain)
 * @param keyPassword for an encrypted key; {@link PasswordSource#none()} when it is not encrypted
 * @param trustedCertificates files of CA certificates the peer's chain must lead to (at least one)
 * @param crls revocation lists to consult for the peer's chain (none by default)
 */
public record TlsFiles(Path certificateChain, Path privateKey, PasswordSource keyPassword,
                       List<Path> trustedCertificates, List<Path> crls) {

    public TlsFiles {
        requireNonNull(certificateChain, "certificateChain");
        requireNonNull(privateKey, "privateKey");
        requireNonNull(keyPassword, "keyPassword");
        trustedCertificates = List.copyOf(trustedCertificates);
        crls = List.copyOf(crls);
        if (trustedCertificates.isEmpty()) {
            // Without anchors every peer would be refused: say so now, not at the first handshake.
            throw new IllegalArgumentException("trustedCertificates: empty (expected: at least one CA file "
                    + "the peer's certificate must lead to)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every file the material is read from, each once, in the order above. */
    public List<Path> files() {
        Set<Path> files = new LinkedHashSet<>(List.of(certificateChain, privateKey));
        files.addAll(trustedCertificates);
        files.addAll(crls);
        return List.copyOf(files);
    }

    /** Builds {@link TlsFiles}; the chain, the key and one trusted CA file are required. */
    public static final class Builder {
        private Path certificateChain;
        private Path privateKey;
        private PasswordSource keyPassword = PasswordSource.none();
        private final List<Path> trustedCertificates = new ArrayList<>();
        private final List<Path> crls = new ArrayList<>();

        private Builder() {
        }

        /** This end's certificate, optionally followed by its intermediates. */
        public Builder certificateChain(Path file) {
            this.certificateChain = requireNonNull(file, "file");
            return this;
        }

        public Builder privateKey(Path file) {
            this.privateKey = requireNonNull(file, "file");
            return this;
        }

        /** Where the password of an encrypted key comes from (a file, an environment variable or a value). */
        public Builder keyPassword(PasswordSource password) {
            this.keyPassword = requireNonNull(password, "password");
            return this;
        }

        /** A file of one or more CA certificates the peer's chain must lead to; may be called again. */
        public Builder addTrustedCertificates(Path file) {
            trustedCertificates.add(requireNonNull(file, "file"));
            return this;
        }

        /** A certificate revocation list (PEM or DER) checked against the peer's chain; may be called again. */
        public Builder addCrl(Path file) {
            crls.add(requireNonNull(file, "file"));
            return this;
        }

        public TlsFiles build() {
            if (certificateChain == null || privateKey == null) {
                throw new IllegalStateException("certificateChain and privateKey are required (got certificateChain "
                        + certificateChain + ", privateKey " + privateKey + ")");
            }
            return new TlsFiles(certificateChain, privateKey, keyPassword, trustedCertificates, crls);
        }
    }
}
