package dev.mtlskit.gateway.http;

import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.UpstreamConfig;

import io.netty.channel.Channel;

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
        Map<String, UpstreamRuntime> byName = new HashMap<>();
        for (UpstreamConfig upstream : gateway.upstreams().values()) {
            byName.put(upstream.name(), new UpstreamRuntime(upstream, Listeners.clientTls(upstream), channelType));
        }
        return new Upstreams(byName);
    }

    Map<String, UpstreamRuntime> byName() {
        return byName;
    }
}
