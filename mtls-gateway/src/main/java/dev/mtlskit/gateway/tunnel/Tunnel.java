package dev.mtlskit.gateway.tunnel;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.tls.wire.TlsVersion;
import dev.mtlskit.tls.netty.ReloadingNettyContexts;
import dev.mtlskit.gateway.Gateway;
import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.gateway.config.Limits;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.ListenerKind;
import dev.mtlskit.gateway.config.TrustedProxies;
import dev.mtlskit.gateway.config.Timeouts;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.gateway.log.TlsReloadLog;
import dev.mtlskit.names.Printable;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.Route;
import dev.mtlskit.reload.ReloadingTlsMaterial;

/**
 * A running {@code mtls tunnel}. HTTP mode is the gateway itself with a plain HTTP/1.1 listener
 * and one route to the target (so the tunnel has the gateway's keep-alive pool, streaming with
 * backpressure and problem+json answers); TCP mode is a {@link TcpRelay}. Either way the upstream
 * TLS comes from {@link ReloadingNettyContexts}: new connections use the certificate files as they
 * are now, connections already open finish with what they started with.
 *
 * <pre>{@code
 * try (Tunnel tunnel = Tunnel.start(TunnelConfig.builder(URI.create("https://api.example"), files).build())) {
 *     // the app calls http://127.0.0.1:8080/...
 * }
 * }</pre>
 */
public final class Tunnel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.tunnel");
    /** The listener's and the upstream's name: it starts every log line about the target. */
    static final String NAME = "tunnel";
    /** No body limit (the app and the API have theirs); headers as large as common servers take. */
    private static final Limits LIMITS = new Limits(64 * 1024, Long.MAX_VALUE, 10_000, 100);
    /** APIs that take their time (reports, batch calls) answer within this, or the app gets 504. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    /** Concurrent requests to the target; beyond, 503 UPSTREAM_BUSY at once. */
    private static final int MAX_UPSTREAM_CONNECTIONS = 256;

    private final TunnelConfig config;
    private final ReloadingTlsMaterial material;
    private final Gateway gateway;
    private final TcpRelay relay;

    private Tunnel(TunnelConfig config, ReloadingTlsMaterial material, Gateway gateway, TcpRelay relay) {
        this.config = config;
        this.material = material;
        this.gateway = gateway;
        this.relay = relay;
    }

    /**
     * Loads the certificate files (a {@link dev.mtlskit.material.MaterialException} names the file
     * that cannot be used), starts watching them and binds the listening socket.
     */
    public static Tunnel start(TunnelConfig config) throws SSLException, InterruptedException {
        requireNonNull(config, "config");
        ReloadingTlsMaterial material = ReloadingTlsMaterial.watch(config.files(), config.reloadInterval());
        try {
            ReloadingNettyContexts.Builder contexts = ReloadingNettyContexts.forClient(material);
            if (TlsVersion.TLS_1_2.equals(config.tlsMax())) {
                contexts.customize(builder -> builder.protocols(TlsVersion.TLS_1_2.protocolName()));
            }
            if (config.mode() == TunnelConfig.Mode.HTTP) {
                contexts.applicationProtocols(List.of("http/1.1")); // the upstream pool speaks HTTP/1.1
            }
            ReloadingNettyContexts tls = contexts.build();
            // ReloadingNettyContexts builds the new context on reload; the lines are the gateway's upstreams'.
            TlsReloadLog.follow(NAME, "CAs", material, tls, "client certificate");
            if (!isLoopback(config.listen())) {
                LOG.warn("tunnel: --unsafe-listen: {} is not a loopback address: whoever can connect to it makes "
                        + "requests as {}; firewall the port", hostPort(config.listen()), subject(material));
            }
            Tunnel tunnel = config.mode() == TunnelConfig.Mode.TCP
                    ? new Tunnel(config, material, null, TcpRelay.start(config, tls, NAME))
                    : new Tunnel(config, material, Gateway.start(gatewayConfig(config), config.threads(),
                            Map.of(NAME, tls)), null);
            LOG.atInfo().addKeyValue("event", "listening").addKeyValue("listen", hostPort(tunnel.address()))
                    .addKeyValue("target", config.target().toString())
                    .log("tunnel {} → {}{} as {} (the certificate reloads when its files change)", hostPort(tunnel.address()),
                            config.target(), config.mode() == TunnelConfig.Mode.TCP ? " (raw TCP)" : "", subject(material));
            return tunnel;
        } catch (Exception e) { // a failed bind comes as an undeclared IOException from the native transport
            material.close();
            throw e;
        }
    }

    /** One plain HTTP/1.1 listener whose single route sends everything to the target. */
    static GatewayConfig gatewayConfig(TunnelConfig config) {
        Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), config.connectTimeout(),
                REQUEST_TIMEOUT, Duration.ofSeconds(5));
        Route everything = new Route("/", Set.of(), NAME, List.of(), true);
        ListenerConfig listener = new ListenerConfig(NAME, config.listen(), new ListenerKind.Plaintext(config.unsafeListen()),
                new Policy(List.of(everything)), IdentityHeaderConfig.defaults(), LIMITS, timeouts, TrustedProxies.none());
        UpstreamConfig upstream = new UpstreamConfig(NAME, config.target(), null, List.of(), MAX_UPSTREAM_CONNECTIONS);
        return new GatewayConfig(List.of(listener), Map.of(NAME, upstream), null, null);
    }

    public TunnelConfig config() {
        return config;
    }

    /** Where the tunnel listens (with the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return relay != null ? relay.address() : gateway.addresses(NAME).get(0);
    }

    /** The certificate files as the tunnel follows them: the current certificate, reload listeners. */
    public ReloadingTlsMaterial material() {
        return material;
    }

    /** Stops listening, lets HTTP requests in flight finish for a few seconds, closes the rest. */
    @Override
    public void close() {
        try {
            if (relay != null) {
                relay.close();
            } else {
                gateway.close();
            }
        } finally {
            material.close();
        }
    }

    /** Whether only this host can connect to {@code address} (an unresolved "localhost" is bound to loopbacks). */
    public static boolean isLoopback(InetSocketAddress address) {
        return address.isUnresolved() ? "localhost".equalsIgnoreCase(address.getHostString())
                : address.getAddress().isLoopbackAddress();
    }

    /** {@code 127.0.0.1:8080}, {@code [::1]:8080}, {@code localhost:8080}. */
    public static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static String subject(ReloadingTlsMaterial material) {
        return Printable.of(material.current().leaf().getSubjectX500Principal().getName());
    }
}
