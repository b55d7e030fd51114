package dev.mtlskit.gateway.tls;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.validation.Verdict;

/**
 * What did this connection's handshake establish about the client? No TLS at all (the tunnel's local
 * side), TLS without a certificate, a certificate that is not valid (let in by explain mode to be
 * told why), or a verified client.
 */
public sealed interface HandshakeOutcome permits HandshakeOutcome.NoTls, HandshakeOutcome.Tls {

    /** The identity the client's certificate proved, when it sent a valid one. */
    default Optional<PeerIdentity> verifiedIdentity() {
        return Optional.empty();
    }

    /** {@code mtls tunnel}'s local side: plain HTTP from the local app, nobody identified. */
    record NoTls() implements HandshakeOutcome {
    }

    /** A TLS handshake, with what it established about the client's certificate. */
    sealed interface Tls extends HandshakeOutcome permits NoCertificate, InvalidCertificate, Verified {

        /** e.g. TLSv1.3 */
        String protocol();

        /** e.g. TLS_AES_128_GCM_SHA256 */
        String cipherSuite();
    }

    /** The client sent no certificate (client auth optional or explain). */
    record NoCertificate(String protocol, String cipherSuite) implements Tls {
    }

    /** The client's certificate is not valid: {@code verdict} says why (explain mode). */
    record InvalidCertificate(String protocol, String cipherSuite, Verdict verdict) implements Tls {
        public InvalidCertificate {
            requireNonNull(verdict, "verdict");
            if (verdict.valid()) {
                throw new IllegalArgumentException("verdict: valid (expected: why the certificate is not)");
            }
        }
    }

    /**
     * A client whose certificate is valid.
     *
     * @param identityHeaders the identity header(s) for upstreams, from the judgement of the chain
     * @param headerConfig the identity header settings {@code identityHeaders} were made with
     */
    record Verified(String protocol, String cipherSuite, Verdict verdict, PeerIdentity identity,
                    Map<String, String> identityHeaders, IdentityHeaderConfig headerConfig) implements Tls {
        public Verified {
            requireNonNull(verdict, "verdict");
            requireNonNull(identity, "identity");
            identityHeaders = Map.copyOf(identityHeaders);
        }

        @Override
        public Optional<PeerIdentity> verifiedIdentity() {
            return Optional.of(identity);
        }

        /**
         * This outcome with its identity headers made under {@code current} settings: itself when they
         * already are (always, unless a configuration reload changed the settings since the handshake).
         */
        public Verified withIdentityHeaders(IdentityHeaderConfig current,
                                            BiFunction<PeerIdentity, IdentityHeaderConfig, Map<String, String>> encode) {
            if (Objects.equals(current, headerConfig)) {
                return this;
            }
            return new Verified(protocol, cipherSuite, verdict, identity, encode.apply(identity, current), current);
        }
    }
}
