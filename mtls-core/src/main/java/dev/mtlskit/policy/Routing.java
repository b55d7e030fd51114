package dev.mtlskit.policy;

import static java.util.Objects.requireNonNull;

/**
 * Where a request goes: the route that serves it, with the canonical path it was matched (and is
 * forwarded) by, or why it goes nowhere.
 *
 * @param outcome which of the cases below
 * @param canonicalPath the path routes were matched with; null for {@link Outcome#AMBIGUOUS_PATH}
 * @param route the route; null unless {@link Outcome#ROUTED}
 */
public record Routing(Outcome outcome, String canonicalPath, Route route) {

    /** How routing ended. */
    public enum Outcome {
        /** A route serves the request. */
        ROUTED,
        /** No route serves this method and path (404). */
        NO_ROUTE,
        /**
         * The path has no single reading (an encoded slash or backslash, a control character,
         * {@code ..} above the root, a dot-segment with parameters such as {@code ..;}): refuse it.
         */
        AMBIGUOUS_PATH,
        /**
         * The path goes to another route (or none) once its {@code ;parameters} are removed, as
         * Tomcat, Jetty and Spring do: the route judged would not be the one the upstream serves.
         */
        AMBIGUOUS_PARAMETERS
    }

    public Routing {
        requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.AMBIGUOUS_PATH) != (canonicalPath == null)) {
            throw new IllegalArgumentException("a canonical path exists exactly when the path is not ambiguous: "
                    + outcome + ", " + canonicalPath);
        }
        if ((outcome == Outcome.ROUTED) != (route != null)) {
            throw new IllegalArgumentException("a route exists exactly when the request is routed: " + outcome);
        }
    }

    /** Whether the request may go on to authorization. */
    public boolean routed() {
        return outcome == Outcome.ROUTED;
    }
}
