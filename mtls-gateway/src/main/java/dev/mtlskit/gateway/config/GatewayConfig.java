package dev.mtlskit.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole gateway: its listeners and where the access log goes.
 *
 * @param listeners at least one
 * @param upstreams by name
 * @param accessLog where JSON-lines access records go: {@code null} for none, "-" for standard output, else a file
 * @param source the YAML file this came from, or {@code null} when built from flags
 */
public record GatewayConfig(List<ListenerConfig> listeners, Map<String, UpstreamConfig> upstreams, String accessLog,
                            Path source) {

    public GatewayConfig {
        listeners = List.copyOf(listeners);
        upstreams = Map.copyOf(upstreams);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("listeners: empty (expected: at least one)");
        }
    }
}
