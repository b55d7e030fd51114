package dev.mtlskit.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The routes of one listener. A request goes to the route with the longest path prefix that
 * contains its path (segment by segment) among the routes that serve its method; at equal
 * length a route that names the method wins over one for any method, then the earlier one.
 *
 * @param routes in configuration order
 */
public record Policy(List<Route> routes) {

    public Policy {
        routes = List.copyOf(routes);
    }

    /**
     * The route for a request, or empty when no route matches (then 404). The query string is
     * ignored; the path is matched in its {@linkplain #canonicalPath canonical form}, and a path
     * without one matches nothing.
     *
     * @param method e.g. {@code GET} (case-sensitive)
     * @param path the request target, e.g. {@code /api/orders?id=7}
     */
    public Optional<Route> route(String method, String path) {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        Optional<String> canonical = canonicalPath(path);
        if (canonical.isEmpty()) {
            return Optional.empty();
        }
        Route best = null;
        for (Route route : routes) {
            if (!route.serves(method) || !RoutePaths.isUnder(canonical.get(), route.pathPrefix())) {
                continue;
            }
            if (best == null || isBetter(route, best)) {
                best = route;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The path a request is authorized for: query and fragment removed, unreserved escapes
     * decoded, {@code .}/{@code ..} resolved, slashes merged. Empty for a path that upstreams could
     * read in different ways (an encoded slash or backslash, a control character, {@code ..} above
     * the root): refuse such requests. Forward this path (with the original query), not the raw
     * one, so that the upstream serves exactly what was authorized.
     */
    public static Optional<String> canonicalPath(String path) {
        return RoutePaths.canonical(requireNonNull(path, "path"));
    }

    private static boolean isBetter(Route candidate, Route best) {
        int candidateLength = RoutePaths.specificity(candidate.pathPrefix());
        int bestLength = RoutePaths.specificity(best.pathPrefix());
        if (candidateLength != bestLength) {
            return candidateLength > bestLength;
        }
        return !candidate.methods().isEmpty() && best.methods().isEmpty();
    }
}
