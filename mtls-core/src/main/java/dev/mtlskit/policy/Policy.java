package dev.mtlskit.policy;

import java.util.List;
import java.util.Optional;

/**
 * The routes of one listener. A request goes to the route with the longest matching path prefix
 * whose methods include its method.
 *
 * @param routes in configuration order
 */
public record Policy(List<Route> routes) {

    public Policy {
        routes = List.copyOf(routes);
    }

    /** The route for a request, or empty when no route matches (then 404). */
    public Optional<Route> route(String method, String path) {
        throw new UnsupportedOperationException("policy: being written");
    }
}
