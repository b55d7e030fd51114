package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS for one listener.
 *
 * @param serverKey the server's certificate chain and key
 * @param clientCaFiles trusted CA bundles for client certificates (their subjects are also the
 *     acceptable CA names sent in the CertificateRequest)
 * @param clientAuth what happens to clients without a valid certificate
 * @param protocols e.g. ["TLSv1.2", "TLSv1.3"] (only these two are allowed)
 * @param cipherSuites OpenSSL/IANA names; empty for the engine's secure defaults
 * @param alpn e.g. ["h2", "http/1.1"]
 * @param provider BoringSSL (default) or the JDK's engine
 * @param crlFiles CRLs for client certificates (may be empty)
 * @param acceptMissingClientAuthEku accept client certificates whose EKU lacks clientAuth (public
 *     CA certificates renewed after 2026 are serverAuth only); logged at start when on
 * @param acceptV1ClientCerts accept X.509 version 1 client certificates (and a v1 client CA) from a
 *     private CA, never a v1 intermediate; logged at start when on
 * @param revocation OCSP and CRL distribution points asked online for client certificates
 * @param sessionTicketKeys files of session-ticket keys shared with other replicas (the first key of
 *     the first file encrypts new tickets); empty: BoringSSL's own random keys. Not with the JDK engine
 */
public record TlsConfig(KeySource serverKey, List<Path> clientCaFiles, ClientAuthMode clientAuth,
                        List<String> protocols, List<String> cipherSuites, List<String> alpn, TlsProvider provider,
                        List<Path> crlFiles, boolean acceptMissingClientAuthEku, boolean acceptV1ClientCerts,
                        RevocationConfig revocation, List<Path> sessionTicketKeys) {

    public TlsConfig {
        requireNonNull(revocation, "revocation");
        requireNonNull(serverKey, "serverKey");
        requireNonNull(clientAuth, "clientAuth");
        requireNonNull(provider, "provider");
        clientCaFiles = List.copyOf(clientCaFiles);
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        alpn = List.copyOf(alpn);
        crlFiles = List.copyOf(crlFiles);
        sessionTicketKeys = List.copyOf(sessionTicketKeys);
        if (!sessionTicketKeys.isEmpty() && provider == TlsProvider.JDK) {
            throw new IllegalArgumentException(JDK_TICKET_KEYS);
        }
        if (protocols.isEmpty() || !ALLOWED_PROTOCOLS.containsAll(protocols)) {
            throw new IllegalArgumentException("protocols " + protocols + ": use TLSv1.3 and/or TLSv1.2");
        }
        if (alpn.isEmpty() || !DEFAULT_ALPN.containsAll(alpn)) {
            throw new IllegalArgumentException("alpn " + alpn + ": use h2 and/or http/1.1");
        }
    }

    /** Without session-ticket key files (the default). */
    public TlsConfig(KeySource serverKey, List<Path> clientCaFiles, ClientAuthMode clientAuth,
                     List<String> protocols, List<String> cipherSuites, List<String> alpn, TlsProvider provider,
                     List<Path> crlFiles, boolean acceptMissingClientAuthEku, boolean acceptV1ClientCerts,
                     RevocationConfig revocation) {
        this(serverKey, clientCaFiles, clientAuth, protocols, cipherSuites, alpn, provider, crlFiles,
                acceptMissingClientAuthEku, acceptV1ClientCerts, revocation, List.of());
    }

    /** Without online revocation checks (the default). */
    public TlsConfig(KeySource serverKey, List<Path> clientCaFiles, ClientAuthMode clientAuth,
                     List<String> protocols, List<String> cipherSuites, List<String> alpn, TlsProvider provider,
                     List<Path> crlFiles, boolean acceptMissingClientAuthEku, boolean acceptV1ClientCerts) {
        this(serverKey, clientCaFiles, clientAuth, protocols, cipherSuites, alpn, provider, crlFiles,
                acceptMissingClientAuthEku, acceptV1ClientCerts, RevocationConfig.OFF);
    }

    /** Without accepting v1 client certificates (the default). */
    public TlsConfig(KeySource serverKey, List<Path> clientCaFiles, ClientAuthMode clientAuth,
                     List<String> protocols, List<String> cipherSuites, List<String> alpn, TlsProvider provider,
                     List<Path> crlFiles, boolean acceptMissingClientAuthEku) {
        this(serverKey, clientCaFiles, clientAuth, protocols, cipherSuites, alpn, provider, crlFiles,
                acceptMissingClientAuthEku, false);
    }

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    public static final List<String> ALLOWED_PROTOCOLS = DEFAULT_PROTOCOLS;
    public static final List<String> DEFAULT_ALPN = List.of("h2", "http/1.1");
    /** Why shared session-ticket keys and the JDK engine do not go together. */
    public static final String JDK_TICKET_KEYS = "the JDK engine makes its own session-ticket keys and cannot take "
            + "shared ones";

    /** Starts with the defaults: {@code require}, TLSv1.3 and 1.2, engine ciphers, h2 and http/1.1, OpenSSL. */
    public static Builder builder(KeySource serverKey, List<Path> clientCaFiles) {
        return new Builder(serverKey, clientCaFiles);
    }

    public static final class Builder {
        private final KeySource serverKey;
        private final List<Path> clientCaFiles;
        private ClientAuthMode clientAuth = ClientAuthMode.REQUIRE;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites = List.of();
        private List<String> alpn = DEFAULT_ALPN;
        private TlsProvider provider = TlsProvider.OPENSSL;
        private List<Path> crlFiles = List.of();
        private boolean acceptMissingClientAuthEku;
        private boolean acceptV1ClientCerts;
        private RevocationConfig revocation = RevocationConfig.OFF;
        private List<Path> sessionTicketKeys = List.of();

        private Builder(KeySource serverKey, List<Path> clientCaFiles) {
            this.serverKey = requireNonNull(serverKey, "serverKey");
            this.clientCaFiles = List.copyOf(clientCaFiles);
        }

        public Builder clientAuth(ClientAuthMode clientAuth) {
            this.clientAuth = requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        public Builder protocols(List<String> protocols) {
            this.protocols = List.copyOf(protocols);
            return this;
        }

        public Builder cipherSuites(List<String> cipherSuites) {
            this.cipherSuites = List.copyOf(cipherSuites);
            return this;
        }

        public Builder alpn(List<String> alpn) {
            this.alpn = List.copyOf(alpn);
            return this;
        }

        public Builder provider(TlsProvider provider) {
            this.provider = requireNonNull(provider, "provider");
            return this;
        }

        public Builder crlFiles(List<Path> crlFiles) {
            this.crlFiles = List.copyOf(crlFiles);
            return this;
        }

        public Builder acceptMissingClientAuthEku(boolean accept) {
            this.acceptMissingClientAuthEku = accept;
            return this;
        }

        public Builder acceptV1ClientCerts(boolean accept) {
            this.acceptV1ClientCerts = accept;
            return this;
        }

        public Builder revocation(RevocationConfig revocation) {
            this.revocation = requireNonNull(revocation, "revocation");
            return this;
        }

        public Builder sessionTicketKeys(List<Path> files) {
            this.sessionTicketKeys = List.copyOf(files);
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(serverKey, clientCaFiles, clientAuth, protocols, cipherSuites, alpn, provider,
                    crlFiles, acceptMissingClientAuthEku, acceptV1ClientCerts, revocation, sessionTicketKeys);
        }
    }
}
