package dev.mtlskit.gateway.tls;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.TlsConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.reload.ReloadResult;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.reload.TlsFiles;
import dev.mtlskit.reload.TlsMaterial;
import dev.mtlskit.tls.netty.NativeTls;
import dev.mtlskit.tls.netty.ReloadingNettyContexts;
import dev.mtlskit.tls.netty.SignatureSchemes;
import dev.mtlskit.revocation.OnlineRevocation;
import dev.mtlskit.trust.StrictTrustManager;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslHandler;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;

/**
 * A listener's server TLS, following its files: the server certificate and key (PEM or keystore,
 * with its password file), the client CA bundles and the CRLs are watched and reloaded together
 * ({@link ReloadingTlsMaterial}); each new connection gets the context, trust manager and SHA-1
 * guard of the material current when it arrives ({@link #newConnection()}), and connections
 * already open keep theirs. Session resumption (cache and tickets) is on and bound to the trust;
 * tickets are encrypted with the configured session-ticket keys, when there are some, which are
 * watched with the other files;
 * renegotiation is off (BoringSSL never renegotiates as a server, and the JDK engine is told not to).
 */
public final class ListenerTls implements AutoCloseable {

    /**
     * What one new connection's TLS is made of, all of one snapshot of the material.
     *
     * @param verifier where the handshake verifies the client's chain when that may wait for the network
     *     (online revocation), or {@code null}: on the event loop
     */
    public record Connection(SslContext context, StrictTrustManager trust, SignatureAlgorithmGuard guard,
                             IdentityHeaderConfig identityHeaders, Executor verifier) {

        /**
         * The TLS handler of a connection served by {@code loop}: with online revocation, a client
         * whose answers are remembered is verified on the loop, any other on {@link #verifier}.
         */
        public SslHandler newHandler(ByteBufAllocator alloc, EventLoop loop) {
            if (verifier == null) {
                return context.newHandler(alloc);
            }
            VerificationExecutor tasks = new VerificationExecutor(loop, verifier, trust.revocation());
            SslHandler handler = context.newHandler(alloc, tasks);
            tasks.engine(handler.engine());
            return handler;
        }
    }

    /** Handshakes waiting for OCSP or CRL answers at once, at most; more wait in line. */
    static final int VERIFIER_THREADS = 64;

    /** The signature schemes the server key of one snapshot can sign with. */
    private record Signing(TlsMaterial material, Set<Integer> schemes, String keyType) {
    }

    private final TlsConfig config;
    private final IdentityHeaderConfig identityHeaders;
    private final ReloadingTlsMaterial material;
    private final ReloadingNettyContexts contexts;
    private final OnlineRevocation revocation;
    private final ExecutorService verifier;
    private volatile Signing signing;

    private ListenerTls(TlsConfig config, IdentityHeaderConfig identityHeaders, ReloadingTlsMaterial material,
                        ReloadingNettyContexts contexts, OnlineRevocation revocation, ExecutorService verifier) {
        this.config = config;
        this.identityHeaders = identityHeaders;
        this.material = material;
        this.contexts = contexts;
        this.revocation = revocation;
        this.verifier = verifier;
        this.signing = signing(contexts.material());
    }

    /**
     * Loads the files named by {@code config} (a {@link dev.mtlskit.material.MaterialException}
     * names the file that cannot be used) and builds the first context.
     *
     * @param identityHeaders the listener's identity header settings
     * @param encode makes the identity header(s) of a verified identity under those settings (remembered in its judgement)
     * @param pollInterval how often the files are looked at; {@code null}: only {@link #reloadNow()} reloads
     */
    public static ListenerTls start(TlsConfig config, IdentityHeaderConfig identityHeaders,
                                    Function<PeerIdentity, Map<String, String>> encode, Duration pollInterval)
            throws SSLException {
        return start(config, identityHeaders, encode, pollInterval, OnlineRevocation.Observer.NONE);
    }

    /** As {@link #start(TlsConfig, IdentityHeaderConfig, Function, Duration)}, with online revocation checks counted. */
    public static ListenerTls start(TlsConfig config, IdentityHeaderConfig identityHeaders,
                                    Function<PeerIdentity, Map<String, String>> encode, Duration pollInterval,
                                    OnlineRevocation.Observer revocationObserver) throws SSLException {
        TlsFiles files = files(config.serverKey(), config.clientCaFiles(), config.crlFiles(), config.sessionTicketKeys());
        ReloadingTlsMaterial material = pollInterval == null ? ReloadingTlsMaterial.load(files)
                : ReloadingTlsMaterial.watch(files, pollInterval);
        OnlineRevocation revocation = null;
        ExecutorService verifier = null;
        try {
            if (config.revocation().enabled()) {
                // OCSP and CRL answers are waited for in the handshake: never on an event loop.
                revocation = config.revocation().start(revocationObserver);
                AtomicInteger threads = new AtomicInteger();
                ThreadPoolExecutor pool = new ThreadPoolExecutor(VERIFIER_THREADS, VERIFIER_THREADS, 30, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), runnable -> {
                            Thread thread = new Thread(runnable, "mtls-verify-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
                pool.allowCoreThreadTimeOut(true);
                verifier = pool;
            }
            OnlineRevocation online = revocation;
            boolean explain = config.clientAuth() == ClientAuthMode.EXPLAIN;
            SslProvider engine = provider(config.provider());
            ReloadingNettyContexts.Builder builder = ReloadingNettyContexts.forServer(material)
                    .provider(engine)
                    .clientAuth(config.clientAuth() == ClientAuthMode.REQUIRE ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
                    .protocols(config.protocols())
                    .cipherSuites(config.cipherSuites())
                    .applicationProtocols(config.alpn())
                    .trust(judge -> judge.refuseInvalid(!explain)
                            .acceptServerOnlyClientCertificates(config.acceptMissingClientAuthEku())
                            .acceptV1ClientCertificates(config.acceptV1ClientCerts())
                            .identityHeaders(encode)
                            .revocation(online));
            if (online != null && engine == SslProvider.OPENSSL) {
                // BoringSSL hands the verification to Netty as a task, which SslHandler runs on the verifier.
                builder.customize(context -> context.option(OpenSslContextOption.USE_TASKS, true));
            }
            return new ListenerTls(config, identityHeaders, material, builder.build(), revocation, verifier);
        } catch (SSLException | RuntimeException e) {
            material.close();
            if (revocation != null) {
                revocation.close();
                verifier.shutdownNow();
            }
            throw e;
        }
    }

    /** The files of a key source with the CA bundles, CRLs and session-ticket keys that go with it. */
    static TlsFiles files(KeySource key, List<java.nio.file.Path> caFiles, List<java.nio.file.Path> crlFiles,
                          List<java.nio.file.Path> sessionTicketKeys) {
        TlsFiles.Builder files = key.tlsFiles();
        caFiles.forEach(files::addTrustedCertificates);
        crlFiles.forEach(files::addCrl);
        sessionTicketKeys.forEach(files::addSessionTicketKeys);
        return files.build();
    }

    /** The TLS of a new connection: the current material's context, its trust manager and a fresh guard. */
    public Connection newConnection() {
        ReloadingNettyContexts.Generation generation = contexts.generation();
        Signing keys = signing;
        if (keys.material() != generation.material()) {
            keys = signing(generation.material());
            signing = keys;
        }
        return new Connection(generation.context(), generation.trust(),
                new SignatureAlgorithmGuard(keys.schemes(), keys.keyType()), identityHeaders, verifier);
    }

    /**
     * Whether this TLS serves a listener configured with {@code tls} and {@code identityHeaders} as
     * it is: then a configuration reload keeps it (its remembered judgements hold, their identity
     * headers too); otherwise the listener gets a new one, which judges afresh.
     */
    public boolean serves(TlsConfig tls, IdentityHeaderConfig headers) {
        return config.equals(tls) && identityHeaders.equals(headers);
    }

    /** The files as they are followed: the current snapshot, reload listeners. */
    public ReloadingTlsMaterial material() {
        return material;
    }

    /** The contexts, e.g. to learn why the TLS engine refused new material. */
    public ReloadingNettyContexts contexts() {
        return contexts;
    }

    /** Reads the files again now (SIGHUP); listeners of {@link #material()} hear of a change or a failure. */
    public ReloadResult reloadNow() {
        return material.reloadNow();
    }

    /** The OCSP and CRL distribution point checks of this listener's clients, when on. */
    public Optional<OnlineRevocation> revocation() {
        return Optional.ofNullable(revocation);
    }

    /** Stops watching the files and asking about revocation; open connections are not affected. */
    @Override
    public void close() {
        material.close();
        if (revocation != null) {
            revocation.close();
            verifier.shutdown();
        }
    }

    private static Signing signing(TlsMaterial material) {
        return new Signing(material, SignatureSchemes.usableWith(material.keyMaterial().privateKey()),
                material.keyMaterial().privateKey().getAlgorithm());
    }

    static SslProvider provider(TlsProvider provider) {
        if (provider == TlsProvider.JDK) {
            return SslProvider.JDK;
        }
        if (!OpenSsl.isAvailable()) {
            // Said to the user of mtls serve, as its launcher takes JVM options.
            throw new TlsEngineUnavailableException(NativeTls.unavailable("MTLS_JAVA_OPTS=-Dio.netty.native.workdir=DIR")
                    + "; or use the JDK's TLS engine (--tls-provider jdk, or provider: jdk in a listener's tls settings)");
        }
        return SslProvider.OPENSSL;
    }
}
