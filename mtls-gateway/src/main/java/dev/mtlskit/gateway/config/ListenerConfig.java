package dev.mtlskit.gateway.config;

import java.net.InetSocketAddress;
import java.util.List;

import dev.mtlskit.policy.Policy;

/**
 * One listening socket with its TLS settings and its routes.
 *
 * @param name for logs and metrics, e.g. "public"
 * @param address where to listen (port 0: an ephemeral port, for tests)
 * @param tls server key material, client CAs, client-auth mode, versions, ciphers, ALPN, engine
 * @param policy routes (path prefix, methods) to upstreams, each with its allow rules
 * @param identityHeaders how the client identity is passed upstream
 * @param limits sizes
 * @param timeouts durations
 */
public record ListenerConfig(String name, InetSocketAddress address, TlsConfig tls, Policy policy,
                             IdentityHeaderConfig identityHeaders, Limits limits, Timeouts timeouts) {
}
