package dev.mtlskit.gateway.http;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.UpstreamConfig;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;

/**
 * A gateway's upstreams at run time, made once and shared by all its listeners: so that
 * {@code max_connections} bounds what the gateway opens to an upstream (not what each listener
 * opens), idle connections serve requests of any listener, and an https upstream's client TLS
 * context is built once.
 */
public final class Upstreams {

    private final Map<String, UpstreamRuntime> byName;

    private Upstreams(Map<String, UpstreamRuntime> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Loads each https upstream's CAs and client certificate (errors name the file). */
    public static Upstreams build(GatewayConfig gateway, Class<? extends Channel> channelType) throws SSLException {
        return build(gateway, channelType, Map.of());
    }

    /**
     * As {@link #build(GatewayConfig, Class)}, with the client TLS of the upstreams named in
     * {@code suppliedTls} taken from there (asked at each new connection) instead of their configuration.
     */
    public static Upstreams build(GatewayConfig gateway, Class<? extends Channel> channelType,
                                  Map<String, Supplier<SslContext>> suppliedTls) throws SSLException {
        for (String name : suppliedTls.keySet()) {
            if (!gateway.upstreams().containsKey(name)) {
                throw new IllegalArgumentException("client TLS was supplied for upstream " + name
                        + ", which is not configured (upstreams: " + gateway.upstreams().keySet() + ")");
            }
        }
        Map<String, UpstreamRuntime> byName = new HashMap<>();
        for (UpstreamConfig upstream : gateway.upstreams().values()) {
            Supplier<SslContext> tls = suppliedTls.get(upstream.name());
            if (tls != null && !upstream.isHttps()) {
                throw new IllegalArgumentException("upstream " + upstream.name() + " (" + upstream.uri()
                        + "): client TLS was supplied for an upstream that is not https");
            }
            if (tls == null) {
                SslContext configured = Listeners.clientTls(upstream);
                tls = configured == null ? null : () -> configured;
            }
            byName.put(upstream.name(), new UpstreamRuntime(upstream, tls, channelType));
        }
        return new Upstreams(byName);
    }

    Map<String, UpstreamRuntime> byName() {
        return byName;
    }
}
