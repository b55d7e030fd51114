package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

import dev.mtlskit.policy.Policy;

/**
 * One listening socket with its TLS settings and its routes.
 *
 * @param name for logs and metrics, e.g. "public"
 * @param address where to listen (port 0: an ephemeral port, for tests)
 * @param kind mutual TLS (server key material, client CAs, client-auth mode, versions, ciphers,
 *     ALPN, engine), or plain HTTP/1.1 on a loopback address without any client identity, which only
 *     {@code mtls tunnel} uses (its single route forwards the local app's requests as they are, with
 *     TLS to the upstream)
 * @param policy routes (path prefix, methods) to upstreams, each with its allow rules
 * @param identityHeaders how the client identity is passed upstream
 * @param limits sizes
 * @param timeouts durations
 * @param trustedProxies outer proxies whose forwarding headers are passed on (none by default)
 */
public record ListenerConfig(String name, InetSocketAddress address, ListenerKind kind, Policy policy,
                             IdentityHeaderConfig identityHeaders, Limits limits, Timeouts timeouts,
                             TrustedProxies trustedProxies) {

    public ListenerConfig {
        requireNonNull(name, "name");
        requireNonNull(address, "address");
        requireNonNull(kind, "kind");
        requireNonNull(policy, "policy");
        requireNonNull(identityHeaders, "identityHeaders");
        requireNonNull(limits, "limits");
        requireNonNull(timeouts, "timeouts");
        requireNonNull(trustedProxies, "trustedProxies");
        if (kind instanceof ListenerKind.Plaintext plaintext && !plaintext.anyAddress()
                && !ListenerKind.isLoopback(address)) {
            throw new IllegalArgumentException("listener " + name + ": " + address.getHostString() + " is not a loopback "
                    + "address, and a plain-HTTP listener authenticates nobody: listen on 127.0.0.1, ::1 or localhost");
        }
    }

    /** An mTLS listener. */
    public ListenerConfig(String name, InetSocketAddress address, TlsConfig tls, Policy policy,
                          IdentityHeaderConfig identityHeaders, Limits limits, Timeouts timeouts,
                          TrustedProxies trustedProxies) {
        this(name, address, new ListenerKind.MutualTls(tls), policy, identityHeaders, limits, timeouts, trustedProxies);
    }

    /** An mTLS listener that trusts no outer proxy. */
    public ListenerConfig(String name, InetSocketAddress address, TlsConfig tls, Policy policy,
                          IdentityHeaderConfig identityHeaders, Limits limits, Timeouts timeouts) {
        this(name, address, tls, policy, identityHeaders, limits, timeouts, TrustedProxies.none());
    }

    /** An mTLS listener; starts with default identity headers (XFCC), limits and timeouts. */
    public static Builder builder(String name, InetSocketAddress address, TlsConfig tls, Policy policy) {
        return new Builder(name, address, tls, policy);
    }

    public static final class Builder {
        private final String name;
        private final InetSocketAddress address;
        private final TlsConfig tls;
        private final Policy policy;
        private IdentityHeaderConfig identityHeaders = IdentityHeaderConfig.defaults();
        private Limits limits = Limits.defaults();
        private Timeouts timeouts = Timeouts.defaults();
        private TrustedProxies trustedProxies = TrustedProxies.none();

        private Builder(String name, InetSocketAddress address, TlsConfig tls, Policy policy) {
            this.name = requireNonNull(name, "name");
            this.address = requireNonNull(address, "address");
            this.tls = requireNonNull(tls, "tls");
            this.policy = requireNonNull(policy, "policy");
        }

        public Builder identityHeaders(IdentityHeaderConfig identityHeaders) {
            this.identityHeaders = requireNonNull(identityHeaders, "identityHeaders");
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = requireNonNull(limits, "limits");
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = requireNonNull(timeouts, "timeouts");
            return this;
        }

        public Builder trustedProxies(TrustedProxies trustedProxies) {
            this.trustedProxies = requireNonNull(trustedProxies, "trustedProxies");
            return this;
        }

        public ListenerConfig build() {
            return new ListenerConfig(name, address, tls, policy, identityHeaders, limits, timeouts, trustedProxies);
        }
    }
}
