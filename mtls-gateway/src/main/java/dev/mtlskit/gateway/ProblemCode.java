package dev.mtlskit.gateway;

import dev.mtlskit.reason.Code;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The problems {@code mtls serve} answers with (RFC 9457 problem+json) that are not about a
 * certificate (those answer with their {@link dev.mtlskit.reason.Reason}): each with its status,
 * title and the caller's fix. Documented in docs/reasons.md.
 */
public enum ProblemCode implements Code {
    BAD_REQUEST(HttpResponseStatus.BAD_REQUEST, "Bad request", "send a well-formed HTTP request"),
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large",
            "send fewer or shorter headers, or ask the operator to raise limits.max_header_size"),
    BODY_TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large",
            "send a smaller body, or ask the operator to raise limits.max_body_size"),
    AMBIGUOUS_PATH(HttpResponseStatus.BAD_REQUEST, "Ambiguous path",
            "send the path without encoded slashes, backslashes, .. or ;parameters on . and .."),
    NO_ROUTE(HttpResponseStatus.NOT_FOUND, "No route", "check the URL; the routes are in the gateway's configuration"),
    REQUEST_HEADER_TIMEOUT(HttpResponseStatus.REQUEST_TIMEOUT, "Request header timeout", "send the whole request "
            + "head at once; if the network is that slow, ask the operator to raise timeouts.request_header"),
    REQUEST_BODY_TIMEOUT(HttpResponseStatus.REQUEST_TIMEOUT, "Request body timeout", "send the body without pauses; "
            + "if the network is that slow, ask the operator to raise timeouts.request_body"),
    UPSTREAM_UNAVAILABLE(HttpResponseStatus.BAD_GATEWAY, "Upstream unavailable", null),
    UPSTREAM_BAD_RESPONSE(HttpResponseStatus.BAD_GATEWAY, "Invalid upstream response", null),
    UPSTREAM_HEADERS_TOO_LARGE(HttpResponseStatus.BAD_GATEWAY, "Upstream response headers too large", null),
    UPSTREAM_BUSY(HttpResponseStatus.SERVICE_UNAVAILABLE, "Upstream busy", "retry after the time in Retry-After; "
            + "if it persists, tell the API's operator the time and the code UPSTREAM_BUSY: the upstream's "
            + "max_connections may be too low for the load, or the API too slow"),
    UPSTREAM_TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT, "Upstream timeout", null);

    private final HttpResponseStatus status;
    private final String title;
    private final String fix;

    /** @param fix the caller's fix, or {@code null} for a failure behind the gateway (the caller can only report it) */
    ProblemCode(HttpResponseStatus status, String title, String fix) {
        this.status = status;
        this.title = title;
        // The caller of a failed upstream cannot fix it: it retries, or hands the operator what finds the log line.
        this.fix = fix != null ? fix : "try again later; if it persists, tell the API's operator the time of the "
                + "failure and the code " + name() + " (the gateway's log has the cause)";
    }

    public HttpResponseStatus status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String fix() {
        return fix;
    }
}
