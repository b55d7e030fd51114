package dev.mtlskit.client.tls;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import dev.mtlskit.reload.ReloadResult;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.reload.Side;
import dev.mtlskit.reload.TlsMaterial;
import dev.mtlskit.reload.ValidatingTrustManager;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The Netty {@link SslContext} for the current snapshot of a {@link ReloadingTlsMaterial}: call
 * {@link #get()} for each new connection and the connection uses the material current then.
 *
 * <pre>{@code
 * ReloadingNettyContexts contexts = ReloadingNettyContexts.forClient(material).build();
 * ...
 * protected void initChannel(SocketChannel channel) {
 *     channel.pipeline().addLast(contexts.get().newHandler(channel.alloc(), host, port));
 * }
 * }</pre>
 *
 * <p>A context is built on the first {@code get()} after the material changed (a few milliseconds,
 * once per change). Earlier contexts are left to the connections that use them: they are not
 * reference-counted, and the garbage collector frees them after their last connection. A new
 * context also means a new session cache, so no connection resumes a session made with the old
 * certificate. If Netty refuses new material (rare: the files already passed mtls-kit's checks),
 * the previous context stays in use and {@link #lastBuildFailure()} says why.
 *
 * <p>Every context speaks TLS 1.3 and 1.2 only and judges the peer with mtls-kit's strict validator
 * ({@link ValidatingTrustManager}): a client checks the server's chain for serverAuth and the host
 * given to {@code newHandler(alloc, host, port)}; a server requires a client certificate (unless
 * told {@link ClientAuth#OPTIONAL}) valid for clientAuth. Thread-safe.
 */
public final class ReloadingNettyContexts implements Supplier<SslContext> {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** The context built for one snapshot. */
    private record Built(TlsMaterial material, SslContext context) {
    }

    private final ReloadingTlsMaterial material;
    private final Side side;
    private final SslProvider provider;
    private final ClientAuth clientAuth;
    private final List<String> applicationProtocols;
    private final Consumer<SslContextBuilder> customizer;
    private final java.util.concurrent.locks.ReentrantLock building = new java.util.concurrent.locks.ReentrantLock();
    private volatile Built built;
    /** The snapshot Netty refused last, so that it is not tried again at every connection. */
    private volatile TlsMaterial refused;
    private volatile Exception lastBuildFailure;

    private ReloadingNettyContexts(Builder builder) throws SSLException {
        this.material = builder.material;
        this.side = builder.side;
        this.provider = builder.provider != null ? builder.provider : defaultProvider();
        this.clientAuth = builder.clientAuth;
        this.applicationProtocols = List.copyOf(builder.applicationProtocols);
        this.customizer = builder.customizer;
        TlsMaterial first = material.current();
        this.built = new Built(first, build(first));
        // Build a changed material's context on the reloading thread, so that no connection has to.
        material.addListener(result -> {
            if (result instanceof ReloadResult.Changed) {
                get();
            }
        });
    }

    /** Contexts for connecting out with the material's key and chain, trusting its CAs for the server. */
    public static Builder forClient(ReloadingTlsMaterial material) {
        return new Builder(material, Side.CLIENT);
    }

    /** Contexts for accepting connections with the material's key and chain, trusting its CAs for clients. */
    public static Builder forServer(ReloadingTlsMaterial material) {
        return new Builder(material, Side.SERVER);
    }

    /** The context for a new connection: the current material's, built now if it changed since the last call. */
    @Override
    public SslContext get() {
        Built current = built;
        TlsMaterial now = material.current();
        if (current.material() == now || refused == now) {
            return current.context();
        }
        // Never wait for another thread's build (callers are event loops): whoever gets the lock builds,
        // the others keep using the previous context for their new connections until it is ready.
        if (!building.tryLock()) {
            return current.context();
        }
        try {
            current = built;
            if (current.material() == now || refused == now) {
                return current.context();
            }
            try {
                SslContext context = build(now);
                built = new Built(now, context);
                lastBuildFailure = null;
                return context;
            } catch (SSLException | RuntimeException e) {
                refused = now;
                lastBuildFailure = e;
                return current.context();
            }
        } finally {
            building.unlock();
        }
    }

    /** The material of the context {@link #get()} returns (unless the material changed since the last call). */
    public TlsMaterial material() {
        return built.material();
    }

    public SslProvider provider() {
        return provider;
    }

    /** Why Netty refused the current material (the previous context is in use), or {@code null}. */
    public Exception lastBuildFailure() {
        return lastBuildFailure;
    }

    private SslContext build(TlsMaterial snapshot) throws SSLException {
        X509Certificate[] chain = snapshot.keyMaterial().chain().toArray(X509Certificate[]::new);
        SslContextBuilder builder = side == Side.CLIENT
                ? SslContextBuilder.forClient().keyManager(snapshot.keyMaterial().privateKey(), chain)
                        // The trust manager checks the name (subjectAltName only); BoringSSL's check would
                        // add a CN fallback and a second opinion on IP addresses.
                        .endpointIdentificationAlgorithm(null)
                : SslContextBuilder.forServer(snapshot.keyMaterial().privateKey(), chain).clientAuth(clientAuth);
        builder.sslProvider(provider)
                .trustManager(ValidatingTrustManager.of(snapshot))
                .protocols(PROTOCOLS);
        if (!applicationProtocols.isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
                    SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT, applicationProtocols));
        }
        customizer.accept(builder);
        return builder.build();
    }

    private static SslProvider defaultProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** Configures {@link ReloadingNettyContexts}; every setting is optional. */
    public static final class Builder {
        private final ReloadingTlsMaterial material;
        private final Side side;
        private SslProvider provider;
        private ClientAuth clientAuth = ClientAuth.REQUIRE;
        private List<String> applicationProtocols = List.of();
        private Consumer<SslContextBuilder> customizer = builder -> { };

        private Builder(ReloadingTlsMaterial material, Side side) {
            this.material = requireNonNull(material, "material");
            this.side = side;
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
                throw new IllegalStateException("BoringSSL (netty-tcnative) is not available on this platform ("
                        + OpenSsl.unavailabilityCause() + "): use SslProvider.JDK");
            }
            this.provider = provider;
            return this;
        }

        /** Server side: whether a client certificate is required (the default) or optional. */
        public Builder clientAuth(ClientAuth clientAuth) {
            requireNonNull(clientAuth, "clientAuth");
            if (side != Side.SERVER) {
                throw new IllegalStateException("clientAuth is a server setting: this builder is for clients");
            }
            if (clientAuth == ClientAuth.NONE) {
                throw new IllegalArgumentException("clientAuth: NONE (expected: REQUIRE or OPTIONAL; this is mutual TLS)");
            }
            this.clientAuth = clientAuth;
            return this;
        }

        /** ALPN protocols in order of preference, e.g. {@code h2}, {@code http/1.1}; none by default. */
        public Builder applicationProtocols(List<String> protocols) {
            this.applicationProtocols = List.copyOf(protocols);
            return this;
        }

        /** Anything else (ciphers, session cache, OCSP...), applied to every context after the settings above. */
        public Builder customize(Consumer<SslContextBuilder> customizer) {
            this.customizer = requireNonNull(customizer, "customizer");
            return this;
        }

        /** Builds the first context now, so that a setting Netty refuses fails here. */
        public ReloadingNettyContexts build() throws SSLException {
            return new ReloadingNettyContexts(this);
        }
    }
}
