package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mtlskit.policy.Route;

/**
 * The whole gateway: its listeners, the upstreams their routes forward to, and where the access log goes.
 *
 * @param listeners at least one, with distinct names
 * @param upstreams by name, in configuration order; every route's upstream is one of them
 * @param accessLog where JSON-lines access records go: {@code null} for none, "-" for standard output, else a file
 * @param source the YAML file this came from, or {@code null} when built from flags
 * @param admin the admin listener (health, metrics, status), or {@code null} for none
 * @param drainDelay on SIGTERM, how long the gateway says it is not ready (/readyz 503) while it still
 *     accepts connections and serves, so that load balancers stop sending before it stops accepting
 */
public record GatewayConfig(List<ListenerConfig> listeners, Map<String, UpstreamConfig> upstreams, String accessLog,
                            Path source, AdminConfig admin, Duration drainDelay) {

    /** Load balancers check readiness every few seconds: five lets one or two checks see the 503. */
    public static final Duration DEFAULT_DRAIN_DELAY = Duration.ofSeconds(5);

    /** With the default drain delay. */
    public GatewayConfig(List<ListenerConfig> listeners, Map<String, UpstreamConfig> upstreams, String accessLog,
                         Path source, AdminConfig admin) {
        this(listeners, upstreams, accessLog, source, admin, DEFAULT_DRAIN_DELAY);
    }

    /** Without an admin listener. */
    public GatewayConfig(List<ListenerConfig> listeners, Map<String, UpstreamConfig> upstreams, String accessLog,
                         Path source) {
        this(listeners, upstreams, accessLog, source, null);
    }

    public GatewayConfig {
        if (requireNonNull(drainDelay, "drainDelay").isNegative()) {
            throw new IllegalArgumentException("drainDelay must not be negative, not " + drainDelay);
        }
        listeners = List.copyOf(listeners);
        upstreams = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(upstreams, "upstreams")));
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("listeners: empty (expected: at least one)");
        }
        upstreams.forEach((name, upstream) -> {
            if (!name.equals(upstream.name())) {
                throw new IllegalArgumentException("upstream " + upstream.name() + " is filed under the name " + name);
            }
        });
        if (admin != null && upstreams.containsKey(AdminConfig.NAME)) {
            throw new IllegalArgumentException("upstream " + AdminConfig.NAME + ": the name is the admin listener's: "
                    + "choose another name");
        }
        Set<String> names = new HashSet<>();
        for (ListenerConfig listener : listeners) {
            if (admin != null && listener.name().equals(AdminConfig.NAME)) {
                throw new IllegalArgumentException("listener " + AdminConfig.NAME + ": the name is the admin listener's: "
                        + "choose another name");
            }
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("two listeners are named " + listener.name());
            }
            for (Route route : listener.policy().routes()) {
                if (!upstreams.containsKey(route.upstream())) {
                    throw new IllegalArgumentException("listener " + listener.name() + ": route " + route.pathPrefix()
                            + " names the unknown upstream " + route.upstream() + " (defined: "
                            + String.join(", ", upstreams.keySet()) + ")");
                }
            }
        }
    }

    /** With the admin listener and its upstream added to the traffic listeners and upstreams: what the gateway runs. */
    public GatewayConfig withAdminListener() {
        if (admin == null) {
            return this;
        }
        List<ListenerConfig> all = new java.util.ArrayList<>(listeners);
        all.add(admin.listener());
        Map<String, UpstreamConfig> allUpstreams = new LinkedHashMap<>(upstreams);
        allUpstreams.put(AdminConfig.NAME, admin.upstream());
        return new GatewayConfig(all, allUpstreams, accessLog, source, null, drainDelay);
    }
}
