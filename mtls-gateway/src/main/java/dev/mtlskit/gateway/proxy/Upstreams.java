package dev.mtlskit.gateway.proxy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.gateway.admin.AdminPages;
import dev.mtlskit.gateway.metrics.GatewayMetrics;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;

/**
 * A gateway's upstreams at run time, made once per configuration and shared by all its listeners:
 * so that {@code max_connections} bounds what the gateway opens to an upstream (not what each
 * listener opens), idle connections serve requests of any listener, and an https upstream's client
 * TLS follows its files once. A configuration reload keeps the upstreams whose settings did not
 * change, with their pools ({@link #next}).
 */
public final class Upstreams {

    private final Map<String, UpstreamConfig> configs;
    private final Map<String, UpstreamRuntime> byName;

    private Upstreams(Map<String, UpstreamConfig> configs, Map<String, UpstreamRuntime> byName) {
        this.configs = Map.copyOf(configs);
        this.byName = Map.copyOf(byName);
    }

    /** Loads each https upstream's CAs and client certificate (errors name the file); they are not watched. */
    public static Upstreams build(GatewayConfig gateway, Class<? extends Channel> channelType) throws SSLException {
        return build(gateway, channelType, Map.of(), null, new GatewayMetrics(0), null);
    }

    /**
     * As {@link #build(GatewayConfig, Class)}, with the client TLS of the upstreams named in
     * {@code suppliedTls} taken from there (asked at each new connection) instead of their
     * configuration, and the others' TLS files looked at every {@code pollInterval} ({@code null}: never).
     */
    public static Upstreams build(GatewayConfig gateway, Class<? extends Channel> channelType,
                                  Map<String, Supplier<SslContext>> suppliedTls, Duration pollInterval,
                                  GatewayMetrics metrics, AdminPages admin) throws SSLException {
        return new Upstreams(Map.of(), Map.of()).next(gateway, channelType, suppliedTls, pollInterval, metrics, admin);
    }

    /**
     * The upstreams of {@code gateway}: those configured as before are these (same pool, same TLS),
     * the others are new. {@link #retireAllBut} then retires what the new set does not keep.
     */
    public Upstreams next(GatewayConfig gateway, Class<? extends Channel> channelType,
                          Map<String, Supplier<SslContext>> suppliedTls, Duration pollInterval,
                          GatewayMetrics metrics, AdminPages admin) throws SSLException {
        for (String name : suppliedTls.keySet()) {
            if (!gateway.upstreams().containsKey(name)) {
                throw new IllegalArgumentException("client TLS was supplied for upstream " + name
                        + ", which is not configured (upstreams: " + gateway.upstreams().keySet() + ")");
            }
        }
        Map<String, UpstreamRuntime> runtimes = new HashMap<>();
        try {
            for (UpstreamConfig upstream : gateway.upstreams().values()) {
                UpstreamRuntime kept = byName.get(upstream.name());
                if (kept != null && upstream.equals(configs.get(upstream.name()))) {
                    runtimes.put(upstream.name(), kept);
                    continue;
                }
                Supplier<SslContext> tls = suppliedTls.get(upstream.name());
                if (tls != null && !upstream.isHttps()) {
                    throw new IllegalArgumentException("upstream " + upstream.name() + " (" + upstream.uri()
                            + "): client TLS was supplied for an upstream that is not https");
                }
                if (tls == null) {
                    tls = UpstreamTls.contexts(upstream, pollInterval, metrics);
                }
                runtimes.put(upstream.name(), new UpstreamRuntime(upstream, tls, channelType, metrics, admin));
            }
        } catch (SSLException | RuntimeException e) {
            // Stop watching the files of what was made for nothing.
            runtimes.values().stream().filter(made -> !byName.containsValue(made)).forEach(UpstreamRuntime::retire);
            throw e;
        }
        return new Upstreams(gateway.upstreams(), runtimes);
    }

    /** Retires the upstreams of this set that {@code next} does not keep (all of them when {@code next} is null). */
    public void retireAllBut(Upstreams next) {
        for (UpstreamRuntime runtime : byName.values()) {
            if (next == null || !next.byName.containsValue(runtime)) {
                runtime.retire();
            }
        }
    }

    /** Reads every upstream's TLS files again now (SIGHUP). */
    public void reloadTls() {
        byName.values().forEach(UpstreamRuntime::reloadTls);
    }

    /**
     * The gateway's client certificate towards each https upstream that has one, as in use now
     * (the {@code mtls tunnel}'s supplied TLS is not known here).
     */
    public Map<String, java.security.cert.X509Certificate> clientCertificates() {
        Map<String, java.security.cert.X509Certificate> certificates = new java.util.TreeMap<>();
        byName.forEach((name, runtime) -> {
            if (runtime.tls() instanceof dev.mtlskit.tls.netty.ReloadingNettyContexts contexts && contexts.material().hasKey()) {
                certificates.put(name, contexts.material().leaf());
            }
        });
        return certificates;
    }

    /** The upstreams by name, as a listener's state holds them. */
    public Map<String, UpstreamRuntime> byName() {
        return byName;
    }
}
