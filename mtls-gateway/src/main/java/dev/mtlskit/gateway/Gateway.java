package dev.mtlskit.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import dev.mtlskit.gateway.admin.AdminPages;
import dev.mtlskit.gateway.admin.StatusSnapshot;
import dev.mtlskit.gateway.config.AdminConfig;
import dev.mtlskit.gateway.config.ConfigException;
import dev.mtlskit.gateway.config.ConfigWarnings;
import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.ListenerKind;
import dev.mtlskit.gateway.config.PublicRootRules;
import dev.mtlskit.gateway.http.ConnectionInitializer;
import dev.mtlskit.gateway.http.ListenerRuntime;
import dev.mtlskit.gateway.http.ListenerSetup;
import dev.mtlskit.gateway.log.RejectionLog;
import dev.mtlskit.gateway.metrics.GatewayMetrics;

import dev.mtlskit.gateway.tls.ListenerTls;
import dev.mtlskit.gateway.proxy.UpstreamRuntime;
import dev.mtlskit.gateway.proxy.Upstreams;
import dev.mtlskit.names.Printable;
import dev.mtlskit.reload.TlsMaterial;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ResourceLeakDetector;

/**
 * The running gateway: one event loop group for all listeners and their upstream connections
 * (epoll where available), started from a validated {@link GatewayConfig}, reloaded without a
 * restart ({@link #reload}, {@link #reloadTls}), stopped gracefully.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.gateway");

    /** How often TLS files are looked at: a renewed certificate is in use within about this. */
    public static final Duration FILE_POLL_INTERVAL = Duration.ofSeconds(1);

    /** One listener with the sockets it is bound to. */
    private record Bound(ListenerRuntime runtime, ConnectionInitializer initializer, List<Channel> channels,
                         List<InetSocketAddress> addresses) {
    }

    private final EventLoopGroup group;
    private final Transport transport;
    private final Map<String, Supplier<SslContext>> suppliedTls;
    private final Duration filePollInterval;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final GatewayMetrics metrics;
    private final AdminPages adminPages;
    /** Set when close() begins: /readyz answers 503 from then on. */
    private volatile boolean stopping;
    /** Guards the fields below: reloads, closes and readers take turns. */
    private final Object lock = new Object();
    private GatewayConfig config;
    private Map<String, Bound> listeners = new LinkedHashMap<>();
    private Upstreams upstreams;
    /** Removed listeners still finishing their requests. */
    private final List<ListenerRuntime> leaving = new ArrayList<>();

    private Gateway(EventLoopGroup group, Transport transport, Map<String, Supplier<SslContext>> suppliedTls,
                    Duration filePollInterval, int clientsTracked) {
        this.group = group;
        this.transport = transport;
        this.suppliedTls = Map.copyOf(suppliedTls);
        this.filePollInterval = filePollInterval;
        this.metrics = new GatewayMetrics(clientsTracked);
        metrics.connections(this::openConnections);
        metrics.certificates(this::certificates);
        this.adminPages = new AdminPages(metrics, this::snapshot);
    }

    /**
     * Loads every listener's key material and binds every socket; fails (closing what was opened)
     * when any of it cannot be done. Logs each listener's {@linkplain ConfigWarnings warnings} first.
     *
     * @param threads event loop threads; 0 for one per core
     * @throws ConfigException when a listener trusts a public root for clients without rules that
     *     single out its partners ({@link PublicRootRules}), however the configuration was built
     */
    public static Gateway start(GatewayConfig config, int threads) throws SSLException, InterruptedException {
        return start(config, threads, Map.of(), FILE_POLL_INTERVAL);
    }

    /**
     * As {@link #start(GatewayConfig, int)}, with the client TLS of the named https upstreams
     * supplied instead of built from their configuration: the supplier is asked for each new
     * upstream connection, and pooled connections made with an earlier context are not reused
     * ({@code mtls tunnel}: contexts that follow their certificate files).
     */
    public static Gateway start(GatewayConfig config, int threads, Map<String, Supplier<SslContext>> upstreamTls)
            throws SSLException, InterruptedException {
        return start(config, threads, upstreamTls, FILE_POLL_INTERVAL);
    }

    /**
     * As {@link #start(GatewayConfig, int, Map)}, looking at the TLS files every {@code filePollInterval}
     * ({@code null}: only {@link #reloadTls()} reloads them).
     */
    public static Gateway start(GatewayConfig config, int threads, Map<String, Supplier<SslContext>> upstreamTls,
                                Duration filePollInterval) throws SSLException, InterruptedException {
        return start(config, threads, Transport.available(), upstreamTls, filePollInterval);
    }

    /** As {@link #start(GatewayConfig, int)}, on the given transport ({@code mtls serve --transport}). */
    public static Gateway start(GatewayConfig config, int threads, Transport transport)
            throws SSLException, InterruptedException {
        return start(config, threads, transport, Map.of(), FILE_POLL_INTERVAL);
    }

    private static Gateway start(GatewayConfig config, int threads, Transport transport,
                                 Map<String, Supplier<SslContext>> upstreamTls, Duration filePollInterval)
            throws SSLException, InterruptedException {
        check(config);
        // The JDK engine must not renegotiate either (BoringSSL never does as a server).
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        quietLeakDetector();
        EventLoopGroup group = transport.group(threads);
        Gateway gateway = new Gateway(group, transport, upstreamTls, filePollInterval,
                config.admin() == null ? AdminConfig.DEFAULT_CLIENTS_TRACKED : config.admin().clientsTracked());
        try {
            synchronized (gateway.lock) {
                gateway.apply(config);
            }
        } catch (Exception e) { // a failed bind comes as an undeclared IOException from the native transport
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        return gateway;
    }

    /**
     * Puts a new configuration in force without a restart: routes, allow rules, upstreams,
     * identity-header settings, limits and timeouts apply to new requests at once (requests in
     * flight finish with the old ones); a listener whose TLS settings changed gets new TLS, which
     * judges clients afresh; listeners added are bound, listeners removed (or moved to another
     * address) stop accepting and drain. If anything cannot be done (a file, a bind), nothing changes
     * and the exception says why.
     *
     * @throws ConfigException as {@link #start(GatewayConfig, int)}
     */
    public void reload(GatewayConfig next) throws SSLException, InterruptedException {
        String what = "configuration" + (next.source() == null ? "" : " " + next.source());
        try {
            check(next);
            synchronized (lock) {
                if (closed.get()) {
                    throw new IllegalStateException("the gateway is closed");
                }
                apply(next);
            }
        } catch (SSLException | InterruptedException | RuntimeException e) {
            metrics.reload(what, false, Printable.of(String.valueOf(e.getMessage())));
            throw e;
        }
        metrics.reload(what, true, "in force: " + next.listeners().size() + " listener(s), " + next.upstreams().size()
                + " upstream(s)");
    }

    private static void check(GatewayConfig config) {
        List<String> exposed = PublicRootRules.problems(config);
        if (!exposed.isEmpty()) {
            throw new ConfigException(exposed);
        }
        for (String warning : ConfigWarnings.of(config)) {
            LOG.warn("{}", warning);
        }
    }

    /** Makes everything {@code next} needs first, then switches; on failure undoes what it made. */
    private void apply(GatewayConfig wanted) throws SSLException, InterruptedException {
        // The admin listener is a listener like the others, with the built-in admin upstream as its one route.
        GatewayConfig next = wanted.withAdminListener();
        metrics.enabled(wanted.admin() != null);
        Upstreams nextUpstreams = upstreams == null
                ? Upstreams.build(next, transport.clientChannel(), suppliedTls, filePollInterval, metrics, adminPages)
                : upstreams.next(next, transport.clientChannel(), suppliedTls, filePollInterval, metrics, adminPages);
        Map<String, ListenerRuntime.State> replaced = new LinkedHashMap<>();
        // Which bound listener goes on serving each listener of next: by name, or a renamed one by its address.
        Map<String, Bound> serving = new LinkedHashMap<>();
        Map<String, Bound> added = new LinkedHashMap<>();
        List<ListenerTls> madeTls = new ArrayList<>();
        try {
            for (ListenerConfig listener : next.listeners()) {
                Bound kept = listeners.get(listener.name());
                if (kept == null || !keeps(kept, listener)) {
                    kept = renamed(listener, next);
                }
                if (kept != null) {
                    boolean sameName = kept.runtime().config().name().equals(listener.name());
                    ListenerTls tls = kept.runtime().tls().orElse(null); // none on a plain-HTTP listener
                    if (listener.kind() instanceof ListenerKind.MutualTls mutualTls
                            && (!sameName || !tls.serves(mutualTls.tls(), listener.identityHeaders()))) {
                        tls = ListenerSetup.tls(listener, mutualTls.tls(), filePollInterval, metrics);
                        madeTls.add(tls);
                    }
                    RejectionLog rejections = sameName ? kept.runtime().rejections()
                            : new RejectionLog(listener.name(), java.time.Clock.systemUTC());
                    replaced.put(listener.name(), new ListenerRuntime.State(listener, tls, nextUpstreams.byName(),
                            rejections, sameName ? kept.runtime().metrics() : metrics.listener(listener.name())));
                    serving.put(listener.name(), kept);
                } else {
                    ConnectionInitializer initializer = ListenerSetup.initializer(listener, nextUpstreams, filePollInterval,
                            metrics);
                    added.put(listener.name(), bind(listener, initializer));
                }
            }
        } catch (Exception e) {
            madeTls.forEach(ListenerTls::close);
            added.values().forEach(Gateway::unbind);
            if (upstreams != null) {
                nextUpstreams.retireAllBut(upstreams);
            } else {
                nextUpstreams.retireAllBut(null);
            }
            throw e;
        }
        // Everything is ready: switch.
        Map<String, Bound> now = new LinkedHashMap<>();
        for (ListenerConfig listener : next.listeners()) {
            Bound kept = serving.get(listener.name());
            ListenerRuntime.State state = replaced.get(listener.name());
            if (state != null) {
                ListenerRuntime.State before = kept.runtime().replace(state);
                if (!before.config().name().equals(listener.name())) {
                    LOG.info("listener {} is now named {}, on {}", before.config().name(), listener.name(),
                            where(kept.addresses()));
                }
                if (before.tls() != null && before.tls() != state.tls()) {
                    before.tls().close(); // open connections keep their context; the old files are no longer watched
                }
                now.put(listener.name(), kept);
            } else {
                now.put(listener.name(), added.get(listener.name()));
            }
        }
        for (Map.Entry<String, Bound> old : listeners.entrySet()) {
            if (!now.containsValue(old.getValue())) {
                retire(old.getValue());
            }
        }
        if (upstreams != null) {
            upstreams.retireAllBut(nextUpstreams);
        }
        boolean first = config == null;
        listeners = now;
        upstreams = nextUpstreams;
        config = wanted;
        for (Bound bound : added.values()) {
            ListenerConfig listener = bound.runtime().config();
            // At start the program says where it listens (mtls serve's banner); a listener a reload adds, here.
            LoggingEventBuilder line = first ? LOG.atDebug() : LOG.atInfo();
            if (listener.kind() instanceof ListenerKind.MutualTls mutualTls) {
                line.log("listener {} on {} (client auth {}, TLS engine {})", listener.name(), where(bound.addresses()),
                        mutualTls.tls().clientAuth().name().toLowerCase(Locale.ROOT),
                        mutualTls.tls().provider().name().toLowerCase(Locale.ROOT));
            } else {
                line.log("listener {} on {} (plain HTTP/1.1)", listener.name(), where(bound.addresses()));
            }
        }
        if (!first) {
            LOG.info("configuration reloaded: {} listener{} ({} kept, {} added), {} upstream{}; new requests use it",
                    now.size(), now.size() == 1 ? "" : "s", replaced.size(), added.size(),
                    next.upstreams().size(), next.upstreams().size() == 1 ? "" : "s");
        }
    }

    private Bound bind(ListenerConfig listener, ConnectionInitializer initializer) throws InterruptedException {
        List<Channel> channels = new ArrayList<>();
        List<InetSocketAddress> addresses = new ArrayList<>();
        try {
            for (InetSocketAddress wanted : bindAddresses(listener.address())) {
                // With port 0, every loopback address of "localhost" gets the port the first one got.
                InetSocketAddress address = wanted.getPort() == 0 && !addresses.isEmpty()
                        ? new InetSocketAddress(wanted.getAddress(), addresses.get(0).getPort()) : wanted;
                Channel channel;
                try {
                    channel = new ServerBootstrap().group(group).channel(transport.serverChannel())
                            .option(ChannelOption.SO_BACKLOG, 4096)
                            // A listener renamed or moved by a reload takes over a port whose old connections are still open.
                            .option(ChannelOption.SO_REUSEADDR, true)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(initializer)
                            .bind(address).sync().channel();
                } catch (Exception e) { // the native transport's IOException is undeclared
                    if (e instanceof InterruptedException) {
                        throw e;
                    }
                    throw new ListenerBindException(listener.name(), address, e);
                }
                channels.add(channel);
                addresses.add((InetSocketAddress) channel.localAddress());
            }
        } catch (Exception e) {
            channels.forEach(Channel::close);
            stopWatching(initializer.listener());
            throw e;
        }
        return new Bound(initializer.listener(), initializer, List.copyOf(channels), List.copyOf(addresses));
    }

    /** Whether {@code bound} goes on serving {@code listener} under its name (same name, address and kind). */
    private static boolean keeps(Bound bound, ListenerConfig listener) {
        return bound.runtime().config().name().equals(listener.name()) && sameSocket(bound, listener);
    }

    /** Whether {@code bound}'s sockets can serve {@code listener}: the same address, the same kind of listener. */
    private static boolean sameSocket(Bound bound, ListenerConfig listener) {
        ListenerConfig now = bound.runtime().config();
        return now.address().equals(listener.address()) && now.kind().getClass() == listener.kind().getClass();
    }

    /**
     * The bound listener that {@code listener} renames: one on the same address, of the same kind,
     * whose name {@code next} no longer has. It keeps its sockets (no moment without a listener on
     * the port, nothing else can take it) under the new name.
     */
    private Bound renamed(ListenerConfig listener, GatewayConfig next) {
        for (Bound bound : listeners.values()) {
            ListenerConfig old = bound.runtime().config();
            boolean nameGone = next.listeners().stream().noneMatch(l -> l.name().equals(old.name()));
            if (nameGone && sameSocket(bound, listener)) {
                return bound;
            }
        }
        return null;
    }

    private static void unbind(Bound bound) {
        bound.channels().forEach(channel -> channel.close().syncUninterruptibly());
        stopWatching(bound.runtime());
    }

    /** A listener left the configuration: it stops accepting, drains, and its connections close after the grace period. */
    private void retire(Bound bound) {
        unbind(bound);
        ListenerRuntime runtime = bound.runtime();
        runtime.drain();
        leaving.add(runtime);
        metrics.removeListener(runtime.config().name());
        long grace = runtime.config().timeouts().shutdownGrace().toMillis();
        group.schedule(() -> {
            runtime.closeConnections();
            synchronized (lock) {
                leaving.remove(runtime);
            }
        }, grace, TimeUnit.MILLISECONDS);
        LOG.info("listener {} removed: no longer accepting on {}; its {} open connection(s) close when their requests "
                + "end (within {} ms)", runtime.config().name(), where(bound.addresses()), runtime.openConnections(), grace);
    }

    /**
     * Reads every TLS file again now (SIGHUP): each listener's certificate, key, client CAs and
     * CRLs, and each upstream's. What changed is used by new handshakes; what cannot be used is
     * logged ({@code reload failed: …}) and the files in use stay.
     */
    public void reloadTls() {
        List<ListenerRuntime> runtimes;
        Upstreams current;
        synchronized (lock) {
            runtimes = listeners();
            current = upstreams;
        }
        for (ListenerRuntime listener : runtimes) {
            listener.tls().ifPresent(ListenerTls::reloadNow);
        }
        current.reloadTls();
    }

    /** The configuration in force. */
    public GatewayConfig config() {
        synchronized (lock) {
            return config;
        }
    }

    /** The listeners at run time, in configuration order. */
    public List<ListenerRuntime> listeners() {
        synchronized (lock) {
            return listeners.values().stream().map(Bound::runtime).toList();
        }
    }

    private static void stopWatching(ListenerRuntime listener) {
        listener.tls().ifPresent(ListenerTls::close);
    }

    /**
     * Turns Netty's buffer leak detector off unless the operator chose a level
     * ({@code -Dio.netty.leakDetection.level=simple}, in MTLS_JAVA_OPTS). At its default level it
     * samples one buffer or engine in 128 and records a stack trace at each of its allocations,
     * touches and release: a debugging aid that cost 4-5 % of the CPU per keep-alive request and
     * 1-2 % per handshake in the profile (bench/profile-2026-11-27.md). It never changes behaviour,
     * it only logs leaks.
     */
    static void quietLeakDetector() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * Where to bind for {@code address}: every loopback address (IPv4 and IPv6) for an unresolved
     * "localhost", as clients resolve it either way; otherwise the address itself.
     */
    public static List<InetSocketAddress> bindAddresses(InetSocketAddress address) {
        if (address.isUnresolved() && "localhost".equalsIgnoreCase(address.getHostString())) {
            List<InetSocketAddress> loopbacks = new ArrayList<>();
            loopbacks.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), address.getPort()));
            try {
                loopbacks.add(new InetSocketAddress(InetAddress.getByName("::1"), address.getPort()));
            } catch (java.net.UnknownHostException noIpv6) {
                // IPv4 only
            }
            return loopbacks;
        }
        return List.of(address);
    }

    /** The bound addresses of a listener (with the real port when 0 was asked for). */
    public List<InetSocketAddress> addresses(String listener) {
        synchronized (lock) {
            Bound bound = listeners.get(listener);
            return bound == null ? List.of() : bound.addresses();
        }
    }

    /** What the gateway counts, for the admin listener's {@code /metrics}. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * Why the gateway should not get traffic now, in words (empty when it is ready): a listener
     * whose server certificate is not valid now, or a stop under way.
     */
    private List<String> notReady() {
        List<String> reasons = new ArrayList<>();
        if (stopping) {
            reasons.add("the gateway is shutting down: it finishes the requests in flight");
        }
        List<ListenerRuntime> runtimes = new ArrayList<>();
        synchronized (lock) {
            listeners.values().forEach(bound -> runtimes.add(bound.runtime()));
        }
        java.time.Instant now = java.time.Instant.now();
        for (ListenerRuntime runtime : runtimes) {
            runtime.tls().ifPresent(tls -> {
                TlsMaterial material = tls.material().current();
                if (!material.hasKey()) {
                    return;
                }
                java.security.cert.X509Certificate leaf = material.leaf();
                String subject = Printable.of(leaf.getSubjectX500Principal().getName());
                if (now.isAfter(leaf.getNotAfter().toInstant())) {
                    reasons.add("listener " + runtime.config().name() + ": the server certificate " + subject
                            + " expired on " + leaf.getNotAfter().toInstant());
                } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
                    reasons.add("listener " + runtime.config().name() + ": the server certificate " + subject
                            + " is not valid before " + leaf.getNotBefore().toInstant());
                }
            });
        }
        return reasons;
    }

    /** The listeners and upstreams in force now, for the admin listener's status. */
    private StatusSnapshot snapshot() {
        List<StatusSnapshot.Listener> listenerViews = new ArrayList<>();
        List<StatusSnapshot.Upstream> upstreamViews = new ArrayList<>();
        synchronized (lock) {
            for (Bound bound : listeners.values()) {
                ListenerRuntime runtime = bound.runtime();
                listenerViews.add(new StatusSnapshot.Listener(runtime.config(), bound.addresses(),
                        runtime.tls().map(tls -> tls.material().current()).orElse(null), runtime.openConnections()));
            }
            if (upstreams != null) {
                upstreams.byName().values().stream().sorted(java.util.Comparator.comparing(UpstreamRuntime::name))
                        .forEach(upstream -> upstreamViews.add(new StatusSnapshot.Upstream(upstream.name(), upstream.uri(),
                                upstream.openConnections(), upstream.idleConnections())));
            }
        }
        return new StatusSnapshot(listenerViews, upstreamViews, notReady());
    }

    private List<GatewayMetrics.ListenerConnections> openConnections() {
        List<GatewayMetrics.ListenerConnections> open = new ArrayList<>();
        synchronized (lock) {
            for (Bound bound : listeners.values()) {
                open.add(new GatewayMetrics.ListenerConnections(bound.runtime().config().name(),
                        bound.runtime().openConnections()));
            }
        }
        return open;
    }

    /** Each listener's server certificate and client CAs, each https upstream's client certificate, as now. */
    private List<GatewayMetrics.CertificateExpiry> certificates() {
        List<GatewayMetrics.CertificateExpiry> certificates = new ArrayList<>();
        List<ListenerRuntime> runtimes = new ArrayList<>();
        Upstreams current;
        synchronized (lock) {
            listeners.values().forEach(bound -> runtimes.add(bound.runtime()));
            current = upstreams;
        }
        for (ListenerRuntime runtime : runtimes) {
            String name = runtime.config().name();
            runtime.tls().ifPresent(tls -> {
                TlsMaterial material = tls.material().current();
                if (material.hasKey()) {
                    certificates.add(expiry(name, "server", material.leaf()));
                }
                material.trustAnchors().forEach(ca -> certificates.add(expiry(name, "client_ca", ca)));
            });
        }
        if (current != null) {
            current.clientCertificates().forEach((upstream, leaf) -> certificates.add(expiry(upstream, "upstream_client", leaf)));
        }
        return certificates;
    }

    private static GatewayMetrics.CertificateExpiry expiry(String owner, String kind, java.security.cert.X509Certificate certificate) {
        return new GatewayMetrics.CertificateExpiry(owner, kind, Printable.of(certificate.getSubjectX500Principal().getName()),
                certificate.getNotAfter().toInstant());
    }

    /** The network transport of the event loops. */
    public Transport transport() {
        return transport;
    }

    /** How many event loop threads serve the listeners and upstream connections. */
    public int eventLoops() {
        return group instanceof io.netty.channel.MultithreadEventLoopGroup loops ? loops.executorCount() : 1;
    }

    /** The first bound port of the first listener: handy for tests. */
    public int port() {
        synchronized (lock) {
            return listeners.values().iterator().next().addresses().get(0).getPort();
        }
    }

    /**
     * The first step of a stop behind a load balancer: from now on /readyz answers 503, while the
     * listeners keep accepting and serving; {@link #close()} follows after the configuration's
     * {@link GatewayConfig#drainDelay() drain delay}.
     */
    public void stopBeingReady() {
        stopping = true;
    }

    /** How long a stop on SIGTERM keeps accepting after it said not ready (the configuration in force). */
    public java.time.Duration drainDelay() {
        synchronized (lock) {
            return config == null ? GatewayConfig.DEFAULT_DRAIN_DELAY : config.drainDelay();
        }
    }

    /**
     * Stops accepting, lets requests in flight finish within the configured grace period, then
     * closes everything.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // closing twice (a shutdown hook and a test, say) is one close
        }
        stopping = true;
        List<ListenerRuntime> runtimes = new ArrayList<>();
        Bound admin;
        synchronized (lock) {
            // The admin listener serves on while the traffic drains: /readyz says 503, /metrics counts the end.
            admin = config != null && config.admin() != null ? listeners.get(AdminConfig.NAME) : null;
            for (Bound bound : listeners.values()) {
                if (bound != admin) {
                    bound.channels().forEach(channel -> channel.close().syncUninterruptibly());
                    runtimes.add(bound.runtime());
                }
            }
            runtimes.addAll(leaving);
        }
        runtimes.forEach(ListenerRuntime::drain);
        long grace = runtimes.stream().mapToLong(l -> l.config().timeouts().shutdownGrace().toMillis()).max().orElse(0);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(grace);
        while (inFlight(runtimes) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight(runtimes) > 0) {
            LOG.warn("{} request(s) still in flight after the {} ms shutdown grace period: closing them",
                    inFlight(runtimes), grace);
        }
        if (admin != null) {
            admin.channels().forEach(channel -> channel.close().syncUninterruptibly());
            runtimes.add(admin.runtime());
        }
        runtimes.forEach(ListenerRuntime::closeConnections);
        runtimes.forEach(Gateway::stopWatching);
        synchronized (lock) {
            upstreams.retireAllBut(null);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Requests being answered right now, all listeners together. */
    public int inFlight() {
        return inFlight(listeners());
    }

    private static int inFlight(List<ListenerRuntime> runtimes) {
        return runtimes.stream().mapToInt(ListenerRuntime::requestsInFlight).sum();
    }

    /** {@code 127.0.0.1:8443}, {@code 127.0.0.1:8443 and [::1]:8443}: addresses as a person writes them. */
    private static String where(List<InetSocketAddress> addresses) {
        List<String> written = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            written.add(RejectionLog.address(address));
        }
        return String.join(" and ", written);
    }
}
