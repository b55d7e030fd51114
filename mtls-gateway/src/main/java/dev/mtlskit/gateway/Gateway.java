package dev.mtlskit.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.gateway.config.ConfigException;
import dev.mtlskit.gateway.config.ConfigWarnings;
import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.PublicRootRules;
import dev.mtlskit.gateway.http.ConnectionInitializer;
import dev.mtlskit.gateway.http.ListenerRuntime;
import dev.mtlskit.gateway.http.Listeners;
import dev.mtlskit.gateway.http.Upstreams;
import dev.mtlskit.gateway.tls.VerdictCache;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ResourceLeakDetector;

/**
 * The running gateway: one event loop group for all listeners and their upstream connections
 * (epoll where available), started from a validated {@link GatewayConfig}, stopped gracefully.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final List<ListenerRuntime> listeners;
    private final EventLoopGroup group;
    private final List<Channel> serverChannels;
    private final Map<String, List<InetSocketAddress>> addresses;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Gateway(GatewayConfig config, List<ListenerRuntime> listeners, EventLoopGroup group,
                    List<Channel> serverChannels, Map<String, List<InetSocketAddress>> addresses) {
        this.config = config;
        this.listeners = listeners;
        this.group = group;
        this.serverChannels = serverChannels;
        this.addresses = addresses;
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
        return start(config, threads, Map.of());
    }

    /**
     * As {@link #start(GatewayConfig, int)}, with the client TLS of the named https upstreams
     * supplied instead of built from their configuration: the supplier is asked for each new
     * upstream connection, and pooled connections made with an earlier context are not reused
     * ({@code mtls tunnel}: contexts that follow their certificate files).
     */
    public static Gateway start(GatewayConfig config, int threads, Map<String, Supplier<SslContext>> upstreamTls)
            throws SSLException, InterruptedException {
        List<String> exposed = PublicRootRules.problems(config);
        if (!exposed.isEmpty()) {
            throw new ConfigException(exposed);
        }
        for (String warning : ConfigWarnings.of(config)) {
            LOG.warn("{}", warning);
        }
        // The JDK engine must not renegotiate either (BoringSSL never does as a server).
        System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        quietLeakDetector();
        Transport transport = Transport.available();
        EventLoopGroup group = transport.group(threads);
        Class<? extends ServerChannel> serverType = transport.serverChannel();
        Class<? extends Channel> clientType = transport.clientChannel();
        List<Channel> channels = new ArrayList<>();
        List<ListenerRuntime> runtimes = new ArrayList<>();
        Map<String, List<InetSocketAddress>> bound = new HashMap<>();
        try {
            Upstreams upstreams = Upstreams.build(config, clientType, upstreamTls);
            for (ListenerConfig listener : config.listeners()) {
                // One cache per listener: a verdict holds only for the client CAs, CRLs and options it was made with.
                VerdictCache cache = new VerdictCache(10_000, Duration.ofMinutes(5), Clock.systemUTC());
                ConnectionInitializer initializer = Listeners.initializer(listener, upstreams, cache);
                runtimes.add(initializer.listener());
                List<InetSocketAddress> listenerAddresses = new ArrayList<>();
                for (InetSocketAddress wanted : bindAddresses(listener.address())) {
                    // With port 0, every loopback address of "localhost" gets the port the first one got.
                    InetSocketAddress address = wanted.getPort() == 0 && !listenerAddresses.isEmpty()
                            ? new InetSocketAddress(wanted.getAddress(), listenerAddresses.get(0).getPort()) : wanted;
                    Channel channel = new ServerBootstrap().group(group).channel(serverType)
                            .option(ChannelOption.SO_BACKLOG, 4096)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(initializer)
                            .bind(address).sync().channel();
                    channels.add(channel);
                    listenerAddresses.add((InetSocketAddress) channel.localAddress());
                }
                bound.put(listener.name(), List.copyOf(listenerAddresses));
                if (listener.plaintext()) {
                    LOG.info("listener {} on {} (plain HTTP/1.1)", listener.name(), listenerAddresses);
                } else {
                    LOG.info("listener {} on {} (client auth {}, TLS engine {})", listener.name(), listenerAddresses,
                            listener.tls().clientAuth().name().toLowerCase(java.util.Locale.ROOT),
                            listener.tls().provider().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        } catch (Exception e) { // a failed bind comes as an undeclared IOException from the native transport
            for (Channel channel : channels) {
                channel.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        return new Gateway(config, List.copyOf(runtimes), group, channels, bound);
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

    /** "localhost" binds every loopback address it names (IPv4 and IPv6), so that clients may use either. */
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
        return addresses.getOrDefault(listener, List.of());
    }

    /** The first bound port of the first listener: handy for tests. */
    public int port() {
        return addresses.get(config.listeners().get(0).name()).get(0).getPort();
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
        for (Channel channel : serverChannels) {
            channel.close().syncUninterruptibly();
        }
        listeners.forEach(ListenerRuntime::drain);
        long grace = config.listeners().stream().mapToLong(l -> l.timeouts().shutdownGrace().toMillis()).max().orElse(0);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(grace);
        while (inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight() > 0) {
            LOG.warn("{} request(s) still in flight after the {} ms shutdown grace period: closing them", inFlight(), grace);
        }
        listeners.forEach(ListenerRuntime::closeConnections);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Requests being answered right now, all listeners together. */
    public int inFlight() {
        return listeners.stream().mapToInt(ListenerRuntime::requestsInFlight).sum();
    }

}
