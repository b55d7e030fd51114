package dev.mtlskit.gateway.http;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.log.RejectionLog;
import dev.mtlskit.gateway.tls.ServerTls;

import io.netty.channel.Channel;

/** A listener at run time: its configuration, TLS context, upstreams and open-connection count. */
public final class ListenerRuntime {

    private final ListenerConfig config;
    private final ServerTls tls;
    private final RejectionLog rejections;
    private final Map<String, UpstreamRuntime> upstreams;
    private final AtomicInteger connections = new AtomicInteger();

    ListenerRuntime(ListenerConfig config, ServerTls tls, RejectionLog rejections, Map<String, UpstreamRuntime> upstreams) {
        this.config = config;
        this.tls = tls;
        this.rejections = rejections;
        this.upstreams = Map.copyOf(upstreams);
    }

    public ListenerConfig config() {
        return config;
    }

    public ServerTls tls() {
        return tls;
    }

    RejectionLog rejections() {
        return rejections;
    }

    UpstreamRuntime upstream(String name) {
        UpstreamRuntime upstream = upstreams.get(name);
        if (upstream == null) {
            throw new IllegalStateException("route names unknown upstream " + name + " (the configuration check missed it)");
        }
        return upstream;
    }

    /** Counts the connection, or refuses it beyond limits.max_connections. */
    boolean admitConnection(Channel channel) {
        if (connections.incrementAndGet() > config.limits().maxConnections()) {
            connections.decrementAndGet();
            return false;
        }
        channel.closeFuture().addListener(closed -> connections.decrementAndGet());
        return true;
    }

    public int openConnections() {
        return connections.get();
    }
}
