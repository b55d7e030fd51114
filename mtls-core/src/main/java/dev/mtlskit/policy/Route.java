package dev.mtlskit.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.reason.Reason;

/**
 * A path prefix (and optionally methods) served by an upstream, with who may use it.
 *
 * @param pathPrefix e.g. {@code /esim-messaging/}; {@code /} for everything. Matched segment by
 *     segment: {@code /api} and {@code /api/} both match {@code /api} and {@code /api/x}, never {@code /apix}
 * @param methods upper-case methods; empty for any
 * @param upstream the name of the upstream that serves it
 * @param allow who may use it; empty: any client with a verified certificate. Rules are
 *     alternatives (any one admits); within a rule, every condition must hold.
 * @param anonymous whether clients without a certificate may use it (only meaningful for
 *     listeners in {@code optional} client-auth mode)
 */
public record Route(String pathPrefix, Set<String> methods, String upstream, List<AllowRule> allow, boolean anonymous) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]+(-[A-Z]+)*");

    public Route {
        requireNonNull(pathPrefix, "pathPrefix");
        requireNonNull(upstream, "upstream");
        methods = Set.copyOf(methods);
        allow = List.copyOf(allow);
        checkPathPrefix(pathPrefix).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        for (String method : methods) {
            checkMethod(method).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
        if (upstream.isBlank()) {
            throw new IllegalArgumentException("upstream is empty (expected: the name of an upstream)");
        }
    }

    /** A route for any method, for clients with a certificate. */
    public static Route of(String pathPrefix, String upstream, List<AllowRule> allow) {
        return new Route(pathPrefix, Set.of(), upstream, allow, false);
    }

    /**
     * What is wrong with a path prefix, if anything: it must start with {@code /} and be canonical
     * (no {@code ..}, {@code //}, query or encoded slash), since requests are matched canonically.
     */
    public static Optional<String> checkPathPrefix(String pathPrefix) {
        if (!pathPrefix.startsWith("/")) {
            return Optional.of("path \"" + pathPrefix + "\" does not start with /: write e.g. /" + pathPrefix);
        }
        Optional<String> canonical = RoutePaths.canonical(pathPrefix);
        if (canonical.isEmpty() || pathPrefix.indexOf('?') >= 0 || pathPrefix.indexOf('#') >= 0) {
            return Optional.of("path \"" + pathPrefix + "\" is not a plain path prefix: leave out queries, "
                    + "fragments, backslashes and encoded slashes");
        }
        if (!canonical.get().equals(pathPrefix)) {
            return Optional.of("path \"" + pathPrefix + "\" is not in canonical form (requests are matched after "
                    + "resolving . and .. and merging slashes): write " + canonical.get());
        }
        return Optional.empty();
    }

    /** What is wrong with a method name, if anything (methods are case-sensitive: GET, not get). */
    public static Optional<String> checkMethod(String method) {
        return method != null && METHOD.matcher(method).matches() ? Optional.empty()
                : Optional.of("method \"" + method + "\" is not an upper-case HTTP method (expected e.g. GET or POST)");
    }

    /** Whether the route serves {@code method} (a route without methods serves all). */
    public boolean serves(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    /**
     * Whether {@code identity} may use this route.
     *
     * @param identity the verified client identity, or {@code null} when the client sent no valid certificate
     */
    public Decision authorize(PeerIdentity identity) {
        if (identity == null) {
            return anonymous ? Decision.allow(() -> "a client without a certificate may use " + pathPrefix)
                    : Decision.deny(Reason.NO_CLIENT_CERT, "no client certificate was sent, and "
                    + pathPrefix + " needs one");
        }
        // Allowing messages are written only when read: the gateway authorizes every request and never reads them.
        if (allow.isEmpty()) {
            return Decision.allow(() -> identity.describe() + " may use " + pathPrefix
                    + ": it lets in any verified client certificate");
        }
        for (AllowRule rule : allow) {
            if (rule.matches(identity)) {
                return Decision.allow(() -> identity.describe() + " may use " + pathPrefix + ": it matches "
                        + rule.describe());
            }
        }
        StringJoiner rules = new StringJoiner("; ");
        allow.forEach(rule -> rules.add(rule.describe()));
        return Decision.deny(Reason.NOT_AUTHORIZED, identity.describe() + " is not allowed on " + pathPrefix
                + ": it matches none of: " + rules);
    }
}
