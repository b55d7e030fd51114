package dev.mtlskit.gateway.tls;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.TlsConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.Crls;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.PasswordSource;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

/**
 * Builds a listener's server TLS context: its key material, client CAs and client-auth mode,
 * TLS versions, ciphers and ALPN, on BoringSSL (default) or the JDK engine. Session resumption
 * (cache and tickets) is on; renegotiation is off (BoringSSL never renegotiates as a server,
 * and the JDK engine is told not to).
 */
public final class ServerTls {

    static {
        // Netty reads these once, when its OpenSSL context class loads: TLS 1.2 session tickets are
        // off by default there (TLS 1.3 tickets are on); resumption without a server-side cache
        // lookup is worth having for both.
        if (System.getProperty("jdk.tls.server.enableSessionTicketExtension") == null) {
            System.setProperty("jdk.tls.server.enableSessionTicketExtension", "true");
        }
        // The JDK engine signs, lists in its CertificateRequest and accepts SHA-256 or stronger only.
        SignatureSchemes.configureJdk();
    }

    /** Resumed sessions skip the handshake's signatures: worth a large cache. */
    private static final long SESSION_CACHE_SIZE = 20_480;
    private static final long SESSION_TIMEOUT_SECONDS = 300;

    private final SslContext context;
    private final ClientCertificateVerifier verifier;
    private final KeyMaterial serverKey;
    private final List<X509Certificate> clientCas;
    private final Set<Integer> signingSchemes;

    private ServerTls(SslContext context, ClientCertificateVerifier verifier, KeyMaterial serverKey,
                      List<X509Certificate> clientCas) {
        this.context = context;
        this.verifier = verifier;
        this.serverKey = serverKey;
        this.clientCas = clientCas;
        this.signingSchemes = SignatureSchemes.usableWith(serverKey.privateKey());
    }

    /**
     * A new connection's guard against SHA-1 signatures, in front of {@link #context()}'s handler: BoringSSL's
     * lists of schemes cannot be set through netty-tcnative (see {@link SignatureAlgorithmGuard}).
     */
    public SignatureAlgorithmGuard newSignatureAlgorithmGuard() {
        return new SignatureAlgorithmGuard(signingSchemes, serverKey.privateKey().getAlgorithm());
    }

    public SslContext context() {
        return context;
    }

    public ClientCertificateVerifier verifier() {
        return verifier;
    }

    public KeyMaterial serverKey() {
        return serverKey;
    }

    public List<X509Certificate> clientCas() {
        return clientCas;
    }

    /**
     * Loads the files named by {@code config} (material errors name the file) and builds the context.
     *
     * @param cache the listener's judgements of client chains
     * @param identityHeaders the listener's identity header(s) of a verified identity (cached in its judgement)
     */
    public static ServerTls build(TlsConfig config, VerdictCache cache,
                                  Function<PeerIdentity, Map<String, String>> identityHeaders, Clock clock)
            throws SSLException {
        KeyMaterial serverKey = load(config.serverKey());
        List<X509Certificate> clientCas = new ArrayList<>();
        for (java.nio.file.Path file : config.clientCaFiles()) {
            clientCas.addAll(CertificateBundle.load(file, PasswordSource.none()).asWritten());
        }
        List<X509CRL> crls = new ArrayList<>();
        for (java.nio.file.Path file : config.crlFiles()) {
            crls.addAll(Crls.load(file));
        }
        boolean explain = config.clientAuth() == ClientAuthMode.EXPLAIN;
        ClientCertificateVerifier verifier = new ClientCertificateVerifier(clientCas, crls, !explain,
                config.acceptMissingClientAuthEku(), cache, identityHeaders, clock);
        SslProvider provider = provider(config.provider());
        SslContextBuilder builder = SslContextBuilder.forServer(serverKey.privateKey(), serverKey.chain())
                .sslProvider(provider)
                .clientAuth(config.clientAuth() == ClientAuthMode.REQUIRE ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
                .trustManager(verifier)
                .protocols(config.protocols())
                .sessionCacheSize(SESSION_CACHE_SIZE)
                .sessionTimeout(SESSION_TIMEOUT_SECONDS);
        if (provider == SslProvider.OPENSSL) {
            // Without tasks BoringSSL calls the certificate and verification callbacks directly. With them
            // (Netty's default) each callback ends SSL_do_handshake, surfaces as a delegated task that
            // SslHandler runs on the event loop anyway (no executor is configured) and re-enters the
            // handshake: an unwrap round trip with its JNI calls, twice per full handshake.
            builder.option(OpenSslContextOption.USE_TASKS, false);
        }
        if (!config.cipherSuites().isEmpty()) {
            builder.ciphers(config.cipherSuites(), SupportedCipherSuiteFilter.INSTANCE);
        }
        if (!config.alpn().isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
                    SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, config.alpn()));
        }
        return new ServerTls(builder.build(), verifier, serverKey, List.copyOf(clientCas));
    }

    private static KeyMaterial load(KeySource source) {
        return source.keyStore() != null
                ? KeyMaterial.loadKeyStore(source.keyStore(), source.password(), null)
                : KeyMaterial.load(source.certificate(), source.key(), source.password());
    }

    private static SslProvider provider(TlsProvider provider) {
        if (provider == TlsProvider.JDK) {
            return SslProvider.JDK;
        }
        if (!OpenSsl.isAvailable()) {
            throw new IllegalStateException("BoringSSL (netty-tcnative) is not available on this platform ("
                    + OpenSsl.unavailabilityCause() + "): use --tls-provider jdk");
        }
        return SslProvider.OPENSSL;
    }

    static Duration sessionTimeout() {
        return Duration.ofSeconds(SESSION_TIMEOUT_SECONDS);
    }
}
