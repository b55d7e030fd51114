package dev.mtlskit.gateway.tls;

import java.util.Map;

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
 */
public record HandshakeOutcome(PeerIdentity identity, Verdict verdict, String protocol, String cipherSuite,
                               Map<String, String> identityHeaders) {

    public HandshakeOutcome {
        identityHeaders = Map.copyOf(identityHeaders);
    }

    public boolean sentCertificate() {
        return verdict != null;
    }
}
