package dev.mtlskit.tls.netty;

import static java.util.Objects.requireNonNull;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import dev.mtlskit.material.SessionTicketKey;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.reload.ReloadResult;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.reload.ConnectionEnd;
import dev.mtlskit.reload.TlsMaterial;
import dev.mtlskit.trust.RejectedCertificateException;
import dev.mtlskit.trust.StrictTrustManager;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslServerSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.internal.tcnative.CertificateVerifier;

/**
 * The one way mtls-kit makes Netty TLS contexts: for the current snapshot of a
 * {@link ReloadingTlsMaterial}, on BoringSSL (the default where it is available) or the JDK
 * engine. Call {@link #get()} for each new connection and the connection uses the material current
 * then; connections already open keep theirs.
 *
 * <pre>{@code
 * ReloadingNettyContexts contexts = ReloadingNettyContexts.forClient(material).build();
 * ...
 * protected void initChannel(SocketChannel channel) {
 *     channel.pipeline().addLast(contexts.get().newHandler(channel.alloc(), host, port));
 * }
 * }</pre>
 *
 * <p>Each context judges the peer with its own {@link StrictTrustManager}, made for the
 * snapshot's trust anchors and CRLs: a client checks the server's chain for serverAuth and the
 * host given to {@code newHandler(alloc, host, port)}; a server requires a client certificate
 * (unless told {@link ClientAuth#OPTIONAL}) valid for clientAuth, lists its trust anchors in the
 * CertificateRequest and, on BoringSSL, sends the TLS alert that fits the reason (e.g.
 * certificate_expired). Every context speaks TLS 1.3 and 1.2 only.
 *
 * <p>A context is built on the reloading thread when the material changes (a few milliseconds), or
 * on the first {@code get()} after it. Earlier contexts are left to the connections that use them:
 * they are not reference-counted, and the garbage collector frees them after their last
 * connection. A new context also means a new session cache and new session-ticket keys, and a
 * server's sessions are bound to the trust they were verified under (the TLS session ID context
 * is the trust's fingerprint), so that no connection resumes a session made under other trust or
 * with the old certificate. A server whose files name session-ticket keys (BoringSSL only) gives
 * each new context those keys instead: its tickets then resume across contexts and across servers
 * that share the keys and the trust. If Netty refuses new material (rare: the files already passed
 * mtls-kit's checks), the previous context stays in use and {@link #lastBuildFailure()} says why.
 * Thread-safe.
 */
public final class ReloadingNettyContexts implements Supplier<SslContext> {

    static {
        // Netty reads this once, when its OpenSSL context class loads: TLS 1.2 session tickets are off by
        // default there (TLS 1.3 tickets are on); resumption without a server-side cache lookup is worth
        // having for both.
        if (System.getProperty("jdk.tls.server.enableSessionTicketExtension") == null) {
            System.setProperty("jdk.tls.server.enableSessionTicketExtension", "true");
        }
        // The JDK engine signs, lists in its CertificateRequest and accepts SHA-256 or stronger only.
        SignatureSchemes.configureJdk();
    }

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** A server's sessions kept for resumption: resumed sessions skip the handshake's signatures, worth a large cache. */
    static final long SESSION_CACHE_SIZE = 20_480;
    static final Duration SESSION_TIMEOUT = Duration.ofMinutes(5);

    /**
     * The context made for one snapshot, with the trust manager that judges its peers (whose
     * remembered judgements the caller may read after the handshake).
     */
    public record Generation(TlsMaterial material, SslContext context, StrictTrustManager trust) {
        public Generation {
            requireNonNull(material, "material");
            requireNonNull(context, "context");
            requireNonNull(trust, "trust");
        }
    }

    private final ReloadingTlsMaterial material;
    private final ConnectionEnd side;
    private final SslProvider provider;
    private final ClientAuth clientAuth;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final List<String> applicationProtocols;
    private final Consumer<StrictTrustManager.Builder> trust;
    private final Consumer<SslContextBuilder> customizer;
    private final ReentrantLock building = new ReentrantLock();
    private volatile Generation current;
    /** The snapshot Netty refused last, so that it is not tried again at every connection. */
    private volatile TlsMaterial refused;
    private volatile Exception lastBuildFailure;

    private ReloadingNettyContexts(Builder builder) throws SSLException {
        this.material = builder.material;
        this.side = builder.side;
        this.provider = builder.provider != null ? builder.provider : defaultProvider();
        this.clientAuth = builder.clientAuth;
        this.protocols = builder.protocols;
        this.cipherSuites = builder.cipherSuites;
        this.applicationProtocols = builder.applicationProtocols;
        this.trust = builder.trust;
        this.customizer = builder.customizer;
        if (!material.files().sessionTicketKeys().isEmpty() && (side != ConnectionEnd.SERVER || provider != SslProvider.OPENSSL)) {
            throw new IllegalArgumentException("session-ticket keys are for a server on BoringSSL (provider OPENSSL): "
                    + "the JDK engine makes its own keys and cannot take shared ones");
        }
        this.current = build(material.current());
        // Build a changed material's context on the reloading thread, so that no connection has to.
        material.addListener(result -> {
            if (result instanceof ReloadResult.Changed) {
                generation();
            }
        });
    }

    /** Contexts for connecting out with the material's key and chain (if any), trusting its CAs for the server. */
    public static Builder forClient(ReloadingTlsMaterial material) {
        return new Builder(material, ConnectionEnd.CLIENT);
    }

    /** Contexts for accepting connections with the material's key and chain, trusting its CAs for clients. */
    public static Builder forServer(ReloadingTlsMaterial material) {
        return new Builder(material, ConnectionEnd.SERVER);
    }

    /** The context for a new connection: the current material's, built now if it changed since the last call. */
    @Override
    public SslContext get() {
        return generation().context();
    }

    /**
     * The context for a new connection with its material and trust manager, all of one snapshot:
     * the current material's, built now if it changed since the last call.
     */
    public Generation generation() {
        Generation built = current;
        TlsMaterial now = material.current();
        if (built.material() == now || refused == now) {
            return built;
        }
        // Never wait for another thread's build (callers are event loops): whoever gets the lock builds,
        // the others keep using the previous context for their new connections until it is ready.
        if (!building.tryLock()) {
            return built;
        }
        try {
            built = current;
            if (built.material() == now || refused == now) {
                return built;
            }
            try {
                Generation next = build(now);
                current = next;
                lastBuildFailure = null;
                return next;
            } catch (SSLException | RuntimeException e) {
                refused = now;
                lastBuildFailure = e;
                return built;
            }
        } finally {
            building.unlock();
        }
    }

    /** The files these contexts follow. */
    public ReloadingTlsMaterial reloadingMaterial() {
        return material;
    }

    /** The material of the context {@link #get()} returns (unless the material changed since the last call). */
    public TlsMaterial material() {
        return current.material();
    }

    public SslProvider provider() {
        return provider;
    }

    /** Why Netty refused the current material (the previous context is in use), or {@code null}. */
    public Exception lastBuildFailure() {
        return lastBuildFailure;
    }

    private Generation build(TlsMaterial snapshot) throws SSLException {
        StrictTrustManager.Builder judge = StrictTrustManager.builder(snapshot.trustAnchors(), snapshot.crls());
        if (provider == SslProvider.OPENSSL) {
            judge.rejection(ReloadingNettyContexts::withAlert);
        }
        if (side == ConnectionEnd.SERVER && snapshot.hasKey()) {
            // A client certificate issued by an intermediate of the server's own chain, sent without it,
            // is told to send it rather than that its issuer is unknown.
            List<X509Certificate> own = snapshot.keyMaterial().chain();
            judge.knownIntermediates(own.subList(1, own.size()));
        }
        trust.accept(judge);
        StrictTrustManager trustManager = judge.build();
        SslContextBuilder builder;
        if (side == ConnectionEnd.CLIENT) {
            builder = SslContextBuilder.forClient()
                    // The trust manager checks the name (subjectAltName only); BoringSSL's check would
                    // add a CN fallback and a second opinion on IP addresses.
                    .endpointIdentificationAlgorithm(null);
            if (snapshot.hasKey()) {
                builder.keyManager(snapshot.keyMaterial().privateKey(), chain(snapshot));
            }
        } else {
            if (!snapshot.hasKey()) {
                throw new IllegalArgumentException("a server needs a certificate and key: the material has none");
            }
            builder = SslContextBuilder.forServer(snapshot.keyMaterial().privateKey(), chain(snapshot))
                    .clientAuth(clientAuth)
                    .sessionCacheSize(SESSION_CACHE_SIZE)
                    .sessionTimeout(SESSION_TIMEOUT.toSeconds());
            if (provider == SslProvider.OPENSSL) {
                // Without tasks BoringSSL calls the certificate and verification callbacks directly. With them
                // (Netty's default) each callback ends SSL_do_handshake, surfaces as a delegated task that
                // SslHandler runs on the event loop anyway (no executor is configured) and re-enters the
                // handshake: an unwrap round trip with its JNI calls, twice per full handshake.
                builder.option(OpenSslContextOption.USE_TASKS, false);
            }
        }
        builder.sslProvider(provider).trustManager(trustManager).protocols(protocols);
        if (!cipherSuites.isEmpty()) {
            builder.ciphers(cipherSuites, SupportedCipherSuiteFilter.INSTANCE);
        }
        if (!applicationProtocols.isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
                    SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, applicationProtocols));
        }
        customizer.accept(builder);
        SslContext context = builder.build();
        if (context.sessionContext() instanceof OpenSslServerSessionContext sessions) {
            // A session is resumed only under the trust it was verified under (BoringSSL compares the
            // context at resumption), even if ticket keys outlive this context.
            sessions.setSessionIdContext(HexFormat.of().parseHex(snapshot.trustFingerprint()));
            if (!snapshot.sessionTicketKeys().isEmpty()) {
                // The configured keys instead of the context's random ones: the first encrypts, all decrypt.
                sessions.setTicketKeys(snapshot.sessionTicketKeys().stream().map(ReloadingNettyContexts::ticketKey)
                        .toArray(OpenSslSessionTicketKey[]::new));
            }
        }
        return new Generation(snapshot, context, trustManager);
    }

    /** Netty's order is name, HMAC key, AES key (nginx's file has the AES key before the HMAC key). */
    private static OpenSslSessionTicketKey ticketKey(SessionTicketKey key) {
        return new OpenSslSessionTicketKey(key.name(), key.hmacKey(), key.aesKey());
    }

    private static X509Certificate[] chain(TlsMaterial snapshot) {
        return snapshot.keyMaterial().chain().toArray(X509Certificate[]::new);
    }

    /** BoringSSL sends the alert of the X.509 error the trust manager's exception names. */
    private static CertificateException withAlert(RejectedCertificateException refused) {
        return new OpenSslCertificateException(refused.getMessage(), refused, alertCode(refused.verdict().reason()));
    }

    /**
     * The X.509 error BoringSSL turns into the TLS alert the peer sees: a certificate alert for every
     * reason, never internal_error (which BoringSSL sends for X509_V_ERR_UNSPECIFIED). As
     * {@link RefusalAlert} (the client's side).
     */
    static int alertCode(Reason reason) {
        return switch (reason) {
            case EXPIRED -> CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED; // certificate_expired
            // TLS has no "not yet valid" alert: certificate_expired, as OpenSSL sends
            case NOT_YET_VALID -> CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID;
            case REVOKED -> CertificateVerifier.X509_V_ERR_CERT_REVOKED; // certificate_revoked
            // unknown_ca
            case UNTRUSTED_ROOT -> CertificateVerifier.X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
            case MISSING_INTERMEDIATE, UNKNOWN_ISSUER -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
            case BAD_SIGNATURE -> CertificateVerifier.X509_V_ERR_CERT_SIGNATURE_FAILURE; // decrypt_error
            // unsupported_certificate: not usable for this purpose, or of a kind (v1) not accepted
            case WRONG_PURPOSE, V1_CERTIFICATE -> CertificateVerifier.X509_V_ERR_INVALID_PURPOSE;
            // bad_certificate: the certificate (or one on its chain) itself is not acceptable
            case NOT_A_CA, PATH_LENGTH_EXCEEDED, BAD_KEY_USAGE, NAME_CONSTRAINTS_VIOLATED,
                    UNHANDLED_CRITICAL_EXTENSION, WEAK_KEY, WEAK_SIGNATURE_ALGORITHM, CA_AS_LEAF, NAME_MISMATCH,
                    TOO_COMPLEX, MALFORMED, CRL_EXPIRED, REVOCATION_UNKNOWN, KEY_MISMATCH, NO_CLIENT_CERT, NOT_AUTHORIZED ->
                    CertificateVerifier.X509_V_ERR_CERT_REJECTED;
        };
    }

    private static SslProvider defaultProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** Configures {@link ReloadingNettyContexts}; every setting is optional. */
    public static final class Builder {
        private final ReloadingTlsMaterial material;
        private final ConnectionEnd side;
        private SslProvider provider;
        private ClientAuth clientAuth = ClientAuth.REQUIRE;
        private List<String> protocols = PROTOCOLS;
        private List<String> cipherSuites = List.of();
        private List<String> applicationProtocols = List.of();
        private Consumer<StrictTrustManager.Builder> trust = judge -> { };
        private Consumer<SslContextBuilder> customizer = builder -> { };

        private Builder(ReloadingTlsMaterial material, ConnectionEnd side) {
            this.material = requireNonNull(material, "material");
            this.side = side;
            if (side == ConnectionEnd.SERVER && !material.current().hasKey()) {
                throw new IllegalArgumentException("a server needs a certificate and key: " + material.files()
                        + " names none");
            }
        }

        /**
         * {@link SslProvider#OPENSSL} (BoringSSL through netty-tcnative: the default where it is
         * available) or {@link SslProvider#JDK} (the default elsewhere).
         */
        public Builder provider(SslProvider provider) {
            requireNonNull(provider, "provider");
            if (provider == SslProvider.OPENSSL_REFCNT) {
                throw new IllegalArgumentException("provider: OPENSSL_REFCNT (expected: OPENSSL or JDK; contexts "
                        + "outlive reloads for the connections using them, so they must not need releasing)");
            }
            if (provider == SslProvider.OPENSSL && !OpenSsl.isAvailable()) {
                throw new IllegalStateException(NativeTls.unavailable("-Dio.netty.native.workdir=DIR")
                        + "; or use SslProvider.JDK");
            }
            this.provider = provider;
            return this;
        }

        /** Server side: whether a client certificate is required (the default) or optional. */
        public Builder clientAuth(ClientAuth clientAuth) {
            requireNonNull(clientAuth, "clientAuth");
            serverOnly("clientAuth");
            if (clientAuth == ClientAuth.NONE) {
                throw new IllegalArgumentException("clientAuth: NONE (expected: REQUIRE or OPTIONAL; this is mutual TLS)");
            }
            this.clientAuth = clientAuth;
            return this;
        }

        /** TLSv1.3 and/or TLSv1.2 (both by default). */
        public Builder protocols(List<String> protocols) {
            if (protocols.isEmpty() || !PROTOCOLS.containsAll(protocols)) {
                throw new IllegalArgumentException("protocols " + protocols + " (expected: TLSv1.3 and/or TLSv1.2)");
            }
            this.protocols = List.copyOf(protocols);
            return this;
        }

        /** OpenSSL or IANA names; the engine's secure defaults when empty (the default). */
        public Builder cipherSuites(List<String> cipherSuites) {
            this.cipherSuites = List.copyOf(cipherSuites);
            return this;
        }

        /** ALPN protocols in order of preference, e.g. {@code h2}, {@code http/1.1}; none by default. */
        public Builder applicationProtocols(List<String> protocols) {
            this.applicationProtocols = List.copyOf(protocols);
            return this;
        }

        /**
         * How the peer is judged besides the snapshot's trust anchors and CRLs: e.g. explain mode
         * ({@code refuseInvalid(false)}), identity headers, the judgement cache.
         */
        public Builder trust(Consumer<StrictTrustManager.Builder> settings) {
            this.trust = requireNonNull(settings, "settings");
            return this;
        }

        /** Anything else, applied to every context after the settings above. */
        public Builder customize(Consumer<SslContextBuilder> customizer) {
            this.customizer = requireNonNull(customizer, "customizer");
            return this;
        }

        /** Builds the first context now, so that a setting Netty refuses fails here. */
        public ReloadingNettyContexts build() throws SSLException {
            return new ReloadingNettyContexts(this);
        }

        private void serverOnly(String setting) {
            if (side != ConnectionEnd.SERVER) {
                throw new IllegalStateException(setting + " is a server setting: this builder is for clients");
            }
        }
    }
}
