package dev.mtlskit.gateway.config;

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
 */
public record TlsConfig(KeySource serverKey, List<Path> clientCaFiles, ClientAuthMode clientAuth,
                        List<String> protocols, List<String> cipherSuites, List<String> alpn, TlsProvider provider,
                        List<Path> crlFiles, boolean acceptMissingClientAuthEku) {

    public TlsConfig {
        clientCaFiles = List.copyOf(clientCaFiles);
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        alpn = List.copyOf(alpn);
        crlFiles = List.copyOf(crlFiles);
    }

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    public static final List<String> DEFAULT_ALPN = List.of("h2", "http/1.1");
}
