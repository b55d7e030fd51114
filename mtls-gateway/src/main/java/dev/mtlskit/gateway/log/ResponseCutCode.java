package dev.mtlskit.gateway.log;

import dev.mtlskit.reason.Code;

/**
 * Why a response already under way was cut (the client had its status, so there is no problem
 * answer): logged on {@code mtls.upstream} and in the access log. Documented in docs/reasons.md.
 */
public enum ResponseCutCode implements Code {
    /** The upstream closed (or reset) its connection in the middle of a response body. */
    UPSTREAM_TRUNCATED("Upstream response truncated", "check the API's own log at that time: it ended the response "
            + "early (a crash, a restart, a timeout of its own or of a proxy in between)"),
    /** A response body made no progress for the upstream's response_idle_timeout. */
    RESPONSE_IDLE_TIMEOUT("Response idle timeout", "find why the API stalls in the middle of a response; raise the "
            + "upstream's response_idle_timeout for long polling or event streams that pause longer");

    private final String title;
    private final String fix;

    ResponseCutCode(String title, String fix) {
        this.title = title;
        this.fix = fix;
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
