package dev.mtlskit.gateway.admin;

import java.net.InetSocketAddress;
import java.util.List;

import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.reload.TlsMaterial;

/**
 * The gateway as it is now, for {@code /status} and the status page: taken under the gateway's
 * lock, rendered outside it.
 *
 * @param notReady why the gateway should not get traffic (empty: ready)
 */
public record StatusSnapshot(List<Listener> listeners, List<Upstream> upstreams, List<String> notReady) {

    /**
     * @param material the TLS files in use ({@code null} for a plain-HTTP listener)
     */
    public record Listener(ListenerConfig config, List<InetSocketAddress> addresses, TlsMaterial material,
                           int openConnections) {
    }

    public record Upstream(String name, java.net.URI uri, int openConnections, int idleConnections) {
    }
}
