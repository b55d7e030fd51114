package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;

import dev.mtlskit.material.KeyMaterial;

/**
 * Presents the configured client certificate when the server asks, and reports the request (with
 * the CA names the server accepts) and the answer as events.
 *
 * <p>Like curl (OpenSSL), it sends the configured certificate even when its issuer is not in the
 * server's CA list; the JDK's own key manager would silently send nothing, which is the most
 * confusing failure of all. The event says whether the issuer was listed, so that the trace and the
 * diagnosis can point it out.
 */
final class RecordingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "client";

    private final KeyMaterial material;
    private final Consumer<CallEvent> events;

    /** {@code material} is null when no client certificate is configured. */
    RecordingKeyManager(KeyMaterial material, Consumer<CallEvent> events) {
        this.material = material;
        this.events = requireNonNull(events, "events");
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return choose(issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return choose(issuers);
    }

    private String choose(Principal[] issuers) {
        List<X500Principal> accepted = new ArrayList<>();
        if (issuers != null) {
            for (Principal issuer : issuers) {
                accepted.add(issuer instanceof X500Principal x500 ? x500 : new X500Principal(issuer.getName()));
            }
        }
        CallEvent.CertificateRequested request = new CallEvent.CertificateRequested(accepted);
        events.accept(request);
        if (material == null) {
            events.accept(new CallEvent.ClientCertificateSent(List.of(), true, "no client certificate configured (--cert/--key)"));
            return null;
        }
        boolean listed = request.accepts(material.chain());
        events.accept(new CallEvent.ClientCertificateSent(material.chain(), listed,
                listed ? null : "its issuer is not among the CAs the server named; sending it anyway"));
        return ALIAS;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return material == null ? new String[0] : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return material != null && ALIAS.equals(alias) ? material.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return material != null && ALIAS.equals(alias) ? material.privateKey() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
