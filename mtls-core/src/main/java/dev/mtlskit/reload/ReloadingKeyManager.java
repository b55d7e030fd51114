package dev.mtlskit.reload;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers the current snapshot's key and chain at each handshake. The alias is the snapshot's
 * fingerprint: a handshake asks for the alias first and for the key and chain a moment later, and
 * must get the key and chain of the same snapshot even if a reload happened in between.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private final ReloadingTlsMaterial material;

    ReloadingKeyManager(ReloadingTlsMaterial material) {
        this.material = material;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(new String[] {keyType});
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(new String[] {keyType});
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String alias = choose(new String[] {keyType});
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        TlsMaterial snapshot = alias == null ? null : material.recent(alias);
        return snapshot == null ? null : snapshot.keyMaterial().chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        TlsMaterial snapshot = alias == null ? null : material.recent(alias);
        return snapshot == null ? null : snapshot.keyMaterial().privateKey();
    }

    /**
     * The snapshot's alias if its key fits one of the key types the handshake can use. The issuers
     * the peer named are not consulted: there is one certificate, and offering it lets the peer say
     * precisely why it refuses it.
     */
    private String choose(String[] keyTypes) {
        TlsMaterial snapshot = material.current();
        if (keyTypes == null || !snapshot.hasKey()) {
            return null;
        }
        String algorithm = snapshot.keyMaterial().privateKey().getAlgorithm();
        for (String keyType : keyTypes) {
            // "EC_EC" and "EC_RSA" (TLS 1.2 names: the key type, then the issuer's) need an EC key.
            if (keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_"))) {
                return snapshot.fingerprint();
            }
        }
        return null;
    }
}
