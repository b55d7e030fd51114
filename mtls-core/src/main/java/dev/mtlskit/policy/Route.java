package dev.mtlskit.policy;

import java.util.List;
import java.util.Set;

import dev.mtlskit.identity.PeerIdentity;

/**
 * A path prefix (and optionally methods) served by an upstream, with who may use it.
 *
 * @param pathPrefix e.g. {@code /esim-messaging/}; {@code /} for everything
 * @param methods upper-case methods; empty for any
 * @param upstream the name of the upstream that serves it
 * @param allow who may use it; empty: any client with a verified certificate. Rules are
 *     alternatives (any one admits); within a rule, every condition must hold.
 * @param anonymous whether clients without a certificate may use it (only meaningful for
 *     listeners in {@code optional} client-auth mode)
 */
public record Route(String pathPrefix, Set<String> methods, String upstream, List<AllowRule> allow, boolean anonymous) {

    public Route {
        methods = Set.copyOf(methods);
        allow = List.copyOf(allow);
    }

    /**
     * Whether {@code identity} may use this route.
     *
     * @param identity the verified client identity, or {@code null} when the client sent no valid certificate
     */
    public Decision authorize(PeerIdentity identity) {
        throw new UnsupportedOperationException("policy: being written");
    }
}
