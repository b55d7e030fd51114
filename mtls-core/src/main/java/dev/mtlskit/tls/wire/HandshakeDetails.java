package dev.mtlskit.tls.wire;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

/** What the tracer read out of the handshake messages that matter for debugging mutual TLS. */
public sealed interface HandshakeDetails {

    /**
     * What the client offered.
     *
     * @param legacyVersion the version field of the message ({@code TLSv1.2} for TLS 1.3 clients)
     * @param supportedVersions the supported_versions extension without GREASE values, empty when absent
     * @param cipherSuites IANA names (hex for unknown codes), without GREASE and signalling values
     * @param alpnProtocols offered application protocols, e.g. {@code h2}, {@code http/1.1}
     * @param serverName the SNI host name, or null
     * @param random the client random in lowercase hex, as key log files name connections
     */
    record ClientHello(TlsVersion legacyVersion, List<TlsVersion> supportedVersions, List<String> cipherSuites,
                       List<String> alpnProtocols, String serverName, String random) implements HandshakeDetails {

        public ClientHello {
            supportedVersions = List.copyOf(supportedVersions);
            cipherSuites = List.copyOf(cipherSuites);
            alpnProtocols = List.copyOf(alpnProtocols);
        }

        /** The highest version offered, what OpenSSL reports before the server answers. */
        public TlsVersion highestVersion() {
            return supportedVersions.isEmpty() ? legacyVersion : Collections.max(supportedVersions);
        }
    }

    /**
     * What the server chose.
     *
     * @param legacyVersion the version field of the message
     * @param version the negotiated version (from supported_versions when present)
     * @param cipherSuiteCode the chosen cipher suite
     * @param cipherSuite its IANA name
     * @param helloRetryRequest true when this is a HelloRetryRequest (the server wants another key share)
     * @param alpnProtocol the chosen application protocol (TLS 1.2; TLS 1.3 sends it encrypted), or null
     * @param random the server random in lowercase hex
     */
    record ServerHello(TlsVersion legacyVersion, TlsVersion version, int cipherSuiteCode, String cipherSuite,
                       boolean helloRetryRequest, String alpnProtocol, String random) implements HandshakeDetails {
    }

    /**
     * A Certificate message: the server's chain, or the client's (empty when it has none to offer).
     *
     * @param context the TLS 1.3 certificate_request_context in hex, null in TLS 1.2
     * @param certificates what parsed, in the order sent
     * @param unparseable how many entries were not X.509 certificates the JDK could read
     */
    record Certificates(String context, List<X509Certificate> certificates, int unparseable)
            implements HandshakeDetails {

        public Certificates {
            certificates = List.copyOf(certificates);
        }

        /** True when the sender had no certificate to send (a client without one). */
        public boolean isEmpty() {
            return certificates.isEmpty() && unparseable == 0;
        }

        public Optional<X509Certificate> leaf() {
            return certificates.isEmpty() ? Optional.empty() : Optional.of(certificates.get(0));
        }

        /** Subjects only: the JDK prints a certificate over a page. */
        @Override
        public String toString() {
            return "Certificates[context=" + context + ", subjects="
                    + certificates.stream().map(X509Certificate::getSubjectX500Principal).toList()
                    + ", unparseable=" + unparseable + "]";
        }
    }

    /**
     * The server asks for a client certificate.
     *
     * @param context the TLS 1.3 certificate_request_context in hex, null in TLS 1.2
     * @param certificateTypes TLS 1.2 certificate types, e.g. {@code ecdsa_sign}; empty in TLS 1.3
     * @param signatureAlgorithms signature schemes the server accepts, e.g. {@code ecdsa_secp256r1_sha256}
     * @param certificateAuthorities the CA names listed (empty: any CA the server trusts)
     * @param unparseableAuthorities how many listed names were not valid distinguished names
     */
    record CertificateRequest(String context, List<String> certificateTypes, List<String> signatureAlgorithms,
                              List<X500Principal> certificateAuthorities, int unparseableAuthorities)
            implements HandshakeDetails {

        public CertificateRequest {
            certificateTypes = List.copyOf(certificateTypes);
            signatureAlgorithms = List.copyOf(signatureAlgorithms);
            certificateAuthorities = List.copyOf(certificateAuthorities);
        }
    }

    /**
     * TLS 1.3 EncryptedExtensions.
     *
     * @param alpnProtocol the chosen application protocol, or null
     * @param extensionTypes the extension codes, in order
     */
    record EncryptedExtensions(String alpnProtocol, List<Integer> extensionTypes) implements HandshakeDetails {

        public EncryptedExtensions {
            extensionTypes = List.copyOf(extensionTypes);
        }
    }
}
