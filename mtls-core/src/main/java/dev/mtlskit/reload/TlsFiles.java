package dev.mtlskit.reload;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mtlskit.material.PasswordSource;

/**
 * The files one end of an mTLS connection is made of: its certificate chain and key (PEM files or
 * a PKCS#12/JKS keystore; none for a client that presents no certificate), and the CA certificates
 * it trusts for the peer, with CRLs. Any format {@link dev.mtlskit.material} reads is accepted (PEM
 * in any order, PKCS#1/PKCS#8/SEC1 keys, encrypted or not, DER).
 *
 * <pre>{@code
 * TlsFiles files = TlsFiles.builder()
 *     .certificateChain(Path.of("/etc/tls/tls.crt"))
 *     .privateKey(Path.of("/etc/tls/tls.key"))
 *     .addTrustedCertificates(Path.of("/etc/tls/ca.crt"))
 *     .build();
 * }</pre>
 *
 * @param certificateChain this end's certificate, then its intermediates (any order); {@code null}
 *     with a keystore or without a certificate
 * @param privateKey the key of that certificate (may be the same file as the chain); {@code null}
 *     exactly when {@code certificateChain} is
 * @param keyStore a PKCS#12 (.p12/.pfx) or JKS file holding the key and its chain, or {@code null}
 * @param keyPassword for an encrypted key or the keystore; {@link PasswordSource#none()} otherwise.
 *     A password file is read again at each reload, so a new key and its new password can arrive
 *     together
 * @param trustedCertificates files of CA certificates the peer's chain must lead to
 * @param jdkRoots trust the JDK's default CA certificates (its cacerts) instead: for a client that
 *     connects to servers with public certificates
 * @param crls revocation lists to consult for the peer's chain (none by default)
 * @param sessionTicketKeys a server's session-ticket key files ({@link dev.mtlskit.material.SessionTicketKey}),
 *     the first key of the first file encrypting new tickets; none by default (the TLS engine's own random keys)
 */
public record TlsFiles(Path certificateChain, Path privateKey, Path keyStore, PasswordSource keyPassword,
                       List<Path> trustedCertificates, boolean jdkRoots, List<Path> crls, List<Path> sessionTicketKeys) {

    public TlsFiles {
        requireNonNull(keyPassword, "keyPassword");
        trustedCertificates = List.copyOf(trustedCertificates);
        crls = List.copyOf(crls);
        sessionTicketKeys = List.copyOf(sessionTicketKeys);
        if ((certificateChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("certificateChain and privateKey go together (got certificateChain "
                    + certificateChain + ", privateKey " + privateKey + ")");
        }
        if (certificateChain != null && keyStore != null) {
            throw new IllegalArgumentException("a key comes from PEM files or from a keystore, not both (got "
                    + certificateChain + " and " + keyStore + ")");
        }
        if (trustedCertificates.isEmpty() && !jdkRoots) {
            // Without anchors every peer would be refused: say so now, not at the first handshake.
            throw new IllegalArgumentException("trustedCertificates: empty (expected: at least one CA file "
                    + "the peer's certificate must lead to)");
        }
        if (!trustedCertificates.isEmpty() && jdkRoots) {
            throw new IllegalArgumentException("trust either CA files or the JDK's default roots, not both");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Without session-ticket key files. */
    public TlsFiles(Path certificateChain, Path privateKey, Path keyStore, PasswordSource keyPassword,
                    List<Path> trustedCertificates, boolean jdkRoots, List<Path> crls) {
        this(certificateChain, privateKey, keyStore, keyPassword, trustedCertificates, jdkRoots, crls, List.of());
    }

    /**
     * Every file the material is read from, each once: the chain, the key or the keystore, the
     * password file, the trusted certificates, the CRLs and the session-ticket keys.
     */
    public List<Path> files() {
        Set<Path> files = new LinkedHashSet<>();
        if (certificateChain != null) {
            files.add(certificateChain);
            files.add(privateKey);
        }
        if (keyStore != null) {
            files.add(keyStore);
        }
        Path passwordFile = keyPassword.file();
        if (passwordFile != null) {
            files.add(passwordFile);
        }
        files.addAll(trustedCertificates);
        files.addAll(crls);
        files.addAll(sessionTicketKeys);
        return List.copyOf(files);
    }

    /** Builds {@link TlsFiles}; trust (CA files or the JDK's roots) is required. */
    public static final class Builder {
        private Path certificateChain;
        private Path privateKey;
        private Path keyStore;
        private PasswordSource keyPassword = PasswordSource.none();
        private final List<Path> trustedCertificates = new ArrayList<>();
        private boolean jdkRoots;
        private final List<Path> crls = new ArrayList<>();
        private final List<Path> sessionTicketKeys = new ArrayList<>();

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

        /** A PKCS#12 or JKS file with this end's key and chain, instead of PEM files. */
        public Builder keyStore(Path file) {
            this.keyStore = requireNonNull(file, "file");
            return this;
        }

        /** Where the password of an encrypted key or keystore comes from (a file, an environment variable or a value). */
        public Builder keyPassword(PasswordSource password) {
            this.keyPassword = requireNonNull(password, "password");
            return this;
        }

        /** A file of one or more CA certificates the peer's chain must lead to; may be called again. */
        public Builder addTrustedCertificates(Path file) {
            trustedCertificates.add(requireNonNull(file, "file"));
            return this;
        }

        /** Trust the JDK's default CA certificates (public servers) instead of CA files. */
        public Builder trustJdkRoots() {
            this.jdkRoots = true;
            return this;
        }

        /** A certificate revocation list (PEM or DER) checked against the peer's chain; may be called again. */
        public Builder addCrl(Path file) {
            crls.add(requireNonNull(file, "file"));
            return this;
        }

        /**
         * A server's file of session-ticket keys (48 random bytes each, as nginx's
         * {@code ssl_session_ticket_key}); may be called again. The first key of the first file
         * encrypts new tickets, every key decrypts them.
         */
        public Builder addSessionTicketKeys(Path file) {
            sessionTicketKeys.add(requireNonNull(file, "file"));
            return this;
        }

        public TlsFiles build() {
            return new TlsFiles(certificateChain, privateKey, keyStore, keyPassword, trustedCertificates, jdkRoots, crls,
                    sessionTicketKeys);
        }
    }
}
