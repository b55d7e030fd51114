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
     * The route for a request, or empty when no route matches (then 404) or the path is
     * ambiguous (see {@link #resolve}, which tells the two apart). The query string is ignored.
     *
     * @param method e.g. {@code GET} (case-sensitive)
     * @param path the request target, e.g. {@code /api/orders?id=7}
     */
    public Optional<Route> route(String method, String path) {
        Routing routing = resolve(method, path);
        return routing.routed() ? Optional.of(routing.route()) : Optional.empty();
    }

    /**
     * Routes a request: its {@linkplain #canonicalPath canonical path} picks the route. A path
     * with {@code ;parameters} is also routed as Tomcat, Jetty and Spring read it (parameters
     * removed); when that picks another route, or none, the path is
     * {@linkplain Routing.Outcome#AMBIGUOUS_PARAMETERS ambiguous}, since the route judged would not
     * be the one served ({@code /admin;x/secret} is {@code /admin/secret} to them).
     *
     * @param method e.g. {@code GET} (case-sensitive)
     * @param target the request target, e.g. {@code /api/orders?id=7}
     */
    public Routing resolve(String method, String target) {
        requireNonNull(method, "method");
        Optional<String> canonical = canonicalPath(target);
        if (canonical.isEmpty()) {
            return new Routing(Routing.Outcome.AMBIGUOUS_PATH, null, null);
        }
        String path = canonical.get();
        Route route = best(method, path);
        if (RoutePaths.hasParameters(path)) {
            Optional<String> stripped = RoutePaths.withoutParameters(path);
            if (stripped.isEmpty() || best(method, stripped.get()) != route) {
                return new Routing(Routing.Outcome.AMBIGUOUS_PARAMETERS, path, null);
            }
        }
        return route == null ? new Routing(Routing.Outcome.NO_ROUTE, path, null)
                : new Routing(Routing.Outcome.ROUTED, path, route);
    }

    private Route best(String method, String canonicalPath) {
        Route best = null;
        for (Route route : routes) {
            if (!route.serves(method) || !RoutePaths.isUnder(canonicalPath, route.pathPrefix())) {
                continue;
            }
            if (best == null || isBetter(route, best)) {
                best = route;
            }
        }
        return best;
    }

    /**
     * The path a request is authorized for: query and fragment removed, unreserved escapes
     * decoded, {@code .}/{@code ..} resolved, slashes merged. Empty for a path that upstreams could
     * read in different ways (an encoded slash or backslash, a control character, {@code ..} above
     * the root, a dot-segment with parameters such as {@code ..;}): refuse such requests. Forward this path (with the original query), not the raw
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
