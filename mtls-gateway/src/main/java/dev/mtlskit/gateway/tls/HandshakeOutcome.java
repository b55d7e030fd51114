package dev.mtlskit.gateway.tls;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.validation.Verdict;

/**
 * What one connection's handshake established about the client.
 *
 * @param identity the verified client identity, or {@code null} without a valid certificate
 * @param verdict the verdict on the certificate the client sent, or {@code null} when it sent none
 * @param protocol e.g. TLSv1.3
 * @param cipherSuite e.g. TLS_AES_128_GCM_SHA256
 * @param identityHeaders the identity header(s) for upstreams, from the judgement of the chain (empty without identity)
 * @param headerConfig the identity header settings {@code identityHeaders} were made with, or {@code null}
 */
public record HandshakeOutcome(PeerIdentity identity, Verdict verdict, String protocol, String cipherSuite,
                               Map<String, String> identityHeaders, IdentityHeaderConfig headerConfig) {

    public HandshakeOutcome {
        identityHeaders = Map.copyOf(identityHeaders);
    }

    /** Without identity headers. */
    public HandshakeOutcome(PeerIdentity identity, Verdict verdict, String protocol, String cipherSuite) {
        this(identity, verdict, protocol, cipherSuite, Map.of(), null);
    }

    public boolean sentCertificate() {
        return verdict != null;
    }

    /**
     * This outcome with its identity headers made under {@code current} settings: itself when they
     * already are (always, unless a configuration reload changed the settings since the handshake).
     */
    public HandshakeOutcome withIdentityHeaders(IdentityHeaderConfig current,
                                                BiFunction<PeerIdentity, IdentityHeaderConfig, Map<String, String>> encode) {
        if (identity == null || Objects.equals(current, headerConfig)) {
            return this;
        }
        return new HandshakeOutcome(identity, verdict, protocol, cipherSuite, encode.apply(identity, current), current);
    }
}
