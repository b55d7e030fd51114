package dev.mtlskit.gateway.tls;

import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.validation.Verdict;

/**
 * What one connection's handshake established about the client.
 *
 * @param identity the verified client identity, or {@code null} without a valid certificate
 * @param verdict the verdict on the certificate the client sent, or {@code null} when it sent none
 * @param protocol e.g. TLSv1.3
 * @param cipherSuite e.g. TLS_AES_128_GCM_SHA256
 */
public record HandshakeOutcome(PeerIdentity identity, Verdict verdict, String protocol, String cipherSuite) {

    public boolean sentCertificate() {
        return verdict != null;
    }
}
