package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import dev.mtlskit.tls.netty.ConnectFailure;
import dev.mtlskit.tls.wire.TlsEvent;
import dev.mtlskit.validation.Verdict;
import dev.mtlskit.tls.netty.TlsAlertInfo;

/**
 * One step of a call, in the order it happened: what a trace prints and a diagnosis reads. Each
 * record holds facts, not text; {@code mtls call -v} decides how to say them.
 */
public sealed interface CallEvent {

    /** A TCP connection attempt to one address of the host. */
    record Connecting(String host, InetSocketAddress address) implements CallEvent {
    }

    /** The TCP connection is up. */
    record Connected(String host, InetSocketAddress address) implements CallEvent {
    }

    /** A TCP connection attempt failed, and why (the same codes and words as the gateway's upstreams). */
    record ConnectFailed(InetSocketAddress address, ConnectFailure failure) implements CallEvent {
    }

    /** What this side brings to the handshake: ALPN offer, trusted CAs, client certificate. */
    record TlsSetup(List<String> alpnOffered, String trustSource, List<X509Certificate> clientChain,
                    String clientCertificateFile, List<String> protocols) implements CallEvent {
        public TlsSetup {
            alpnOffered = List.copyOf(alpnOffered);
            clientChain = List.copyOf(clientChain);
            protocols = List.copyOf(protocols);
        }
    }

    /** A TLS record or handshake message seen on the wire (decrypted where the session's secrets allow). */
    record Wire(TlsEvent event) implements CallEvent {
        public Wire {
            requireNonNull(event, "event");
        }
    }

    /**
     * The server's certificate chain (as sent) and what strict validation says of it.
     *
     * @param trustSource the CAs it was checked against, as a person names them (a file, or the JDK's default CAs)
     */
    record ServerCertificate(List<X509Certificate> chain, Verdict verdict, String expectedName, String trustSource)
            implements CallEvent {
        public ServerCertificate {
            chain = List.copyOf(chain);
            requireNonNull(verdict, "verdict");
            requireNonNull(trustSource, "trustSource");
        }

        /** Why this side refused it, or empty when it is valid. */
        public Optional<ServerCertificateRefusal> refusal() {
            return verdict.valid() ? Optional.empty() : Optional.of(ServerCertificateRefusal.of(this));
        }
    }

    /**
     * The server asked for a client certificate and named the CAs it accepts (an empty list means it
     * did not say: any issuer it trusts).
     */
    record CertificateRequested(List<X500Principal> acceptedIssuers) implements CallEvent {
        public CertificateRequested {
            acceptedIssuers = List.copyOf(acceptedIssuers);
        }

        /**
         * Whether the server would take {@code chain} by its CA list: it named no CA, or it named an
         * issuer of a certificate in the chain (or an intermediate the chain sends).
         */
        public boolean accepts(List<X509Certificate> chain) {
            if (acceptedIssuers.isEmpty()) {
                return true;
            }
            for (X509Certificate certificate : chain) {
                if (acceptedIssuers.contains(certificate.getIssuerX500Principal())
                        || (certificate != chain.get(0) && acceptedIssuers.contains(certificate.getSubjectX500Principal()))) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The client certificate sent in answer to the request, or none (empty chain) with why.
     *
     * @param issuerAccepted whether the server's CA list names an issuer of the chain (true when it named none)
     */
    record ClientCertificateSent(List<X509Certificate> chain, boolean issuerAccepted, String note) implements CallEvent {
        public ClientCertificateSent {
            chain = List.copyOf(chain);
        }
    }

    /** The handshake finished on this side. */
    record HandshakeCompleted(String protocol, String cipherSuite, String alpn) implements CallEvent {
    }

    /**
     * The handshake failed; {@code alert} is the TLS alert involved when one is known, {@code timedOut}
     * whether the server said nothing within the connect timeout.
     */
    record HandshakeFailed(String message, TlsAlertInfo alert, boolean timedOut) implements CallEvent {
        public HandshakeFailed(String message, TlsAlertInfo alert) {
            this(message, alert, false);
        }
    }

    /** The request as sent. */
    record RequestSent(String method, String target, String httpVersion, List<CallRequest.Header> headers,
                       long bodyLength) implements CallEvent {
        public RequestSent {
            headers = List.copyOf(headers);
        }
    }

    /** The response status line and headers. */
    record ResponseReceived(String httpVersion, int status, List<CallRequest.Header> headers) implements CallEvent {
        public ResponseReceived {
            headers = List.copyOf(headers);
        }
    }

    /** The response body ended. */
    record ResponseCompleted(long bodyBytes) implements CallEvent {
    }

    /** The connection failed after the handshake (reset, alert, timeout, protocol error). */
    record ConnectionFailed(String message, TlsAlertInfo alert) implements CallEvent {
    }
}
