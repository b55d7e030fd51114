package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.Route;

/**
 * The admin listener: health, metrics and status for the people and programs that run the
 * gateway, never reachable through the traffic listeners. It is a listener of its own whose one
 * route goes to the built-in admin upstream: plain HTTP on a loopback address, or mutual TLS with
 * allow rules (the traffic listeners' code, so the same strict validation) anywhere else.
 *
 * @param listen where it listens
 * @param tls mutual TLS, required on an address other hosts can reach; {@code null} for plain HTTP
 * @param allow who may read it over mTLS (at least one rule with {@code tls}); empty for plain HTTP
 * @param clientsTracked how many client certificates (the last seen) have their expiry in the metrics
 */
public record AdminConfig(InetSocketAddress listen, TlsConfig tls, List<AllowRule> allow, int clientsTracked) {

    /** The admin listener's and the admin upstream's name: reserved while the admin listener is on. */
    public static final String NAME = "admin";
    /** Where {@code mtls serve} without a configuration puts it. */
    public static final int DEFAULT_PORT = 9901;
    public static final int DEFAULT_CLIENTS_TRACKED = 100;
    public static final int MAX_CLIENTS_TRACKED = 10_000;

    public AdminConfig {
        requireNonNull(listen, "listen");
        allow = List.copyOf(allow);
        if (tls == null && !ListenerKind.isLoopback(listen)) {
            throw new IllegalArgumentException("admin.listen " + listen.getHostString() + " is not a loopback address: "
                    + "other hosts could read the gateway's status; listen on 127.0.0.1 (or localhost), or protect it "
                    + "with admin.tls (mutual TLS) and admin.allow");
        }
        if (tls != null && allow.isEmpty()) {
            throw new IllegalArgumentException("admin.tls needs admin.allow: the client certificates that may read "
                    + "the admin listener (e.g. - cn: prometheus)");
        }
        if (tls == null && !allow.isEmpty()) {
            throw new IllegalArgumentException("admin.allow needs admin.tls: a plain-HTTP admin listener knows no "
                    + "client identity");
        }
        if (clientsTracked < 0 || clientsTracked > MAX_CLIENTS_TRACKED) {
            throw new IllegalArgumentException("admin.clients_tracked " + clientsTracked + " is out of range (0 to "
                    + MAX_CLIENTS_TRACKED + ")");
        }
    }

    /** Plain HTTP on a loopback address. */
    public static AdminConfig loopback(InetSocketAddress listen) {
        return new AdminConfig(listen, null, List.of(), DEFAULT_CLIENTS_TRACKED);
    }

    /** The listener that serves it: GET and HEAD on every path go to the admin upstream. */
    public ListenerConfig listener() {
        ListenerKind kind = tls == null ? new ListenerKind.Plaintext(false) : new ListenerKind.MutualTls(tls);
        Route everything = new Route("/", Set.of("GET", "HEAD"), NAME, allow, tls == null);
        return new ListenerConfig(NAME, listen, kind, new Policy(List.of(everything)), IdentityHeaderConfig.defaults(),
                Limits.defaults(), Timeouts.defaults(), TrustedProxies.none());
    }

    /** The built-in upstream that answers it. */
    public UpstreamConfig upstream() {
        return new UpstreamConfig(NAME, UpstreamConfig.ADMIN, null, List.of(), 16);
    }
}
