package dev.mtlskit.gateway.log;

import static java.util.Objects.requireNonNull;

import java.nio.channels.ClosedChannelException;
import java.util.Optional;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.ProblemCode;
import dev.mtlskit.reason.Causes;
import dev.mtlskit.reason.Code;
import dev.mtlskit.reason.ConnectionCode;
import dev.mtlskit.tls.netty.ConnectFailure;
import dev.mtlskit.tls.netty.TlsAlertInfo;
import dev.mtlskit.tls.netty.TlsEngineFailure;
import dev.mtlskit.trust.RejectedCertificateException;
import dev.mtlskit.validation.Verdict;

/**
 * Why a connection to an upstream or an exchange with it failed, in the shared vocabulary of
 * docs/reasons.md: a certificate {@link dev.mtlskit.reason.Reason} when the upstream's certificate
 * was refused ({@code UNTRUSTED_ROOT}, {@code NAME_MISMATCH}...), a {@link ConnectionCode} as
 * {@code mtls doctor} uses ({@code CONNECTION_REFUSED}, {@code CLIENT_CERT_REJECTED}...), the
 * {@link ProblemCode} of what the client is answered ({@code UPSTREAM_BAD_RESPONSE},
 * {@code UPSTREAM_TIMEOUT}...), or a {@link ResponseCutCode} once the response had begun.
 *
 * @param code the stable code, which gives the title
 * @param detail this occurrence in one sentence (no final period)
 * @param fix what the operator can do, or {@code null}
 */
public record UpstreamFailure(Code code, String detail, String fix) {

    public UpstreamFailure {
        requireNonNull(code, "code");
        requireNonNull(detail, "detail");
    }

    /** Classifies a failed connect, handshake or exchange by the most telling exception in {@code cause}'s chain. */
    public static UpstreamFailure of(Throwable cause) {
        requireNonNull(cause, "cause");
        RejectedCertificateException rejected = RejectedCertificateException.find(cause);
        if (rejected != null && rejected.verdict() != null) {
            Verdict verdict = rejected.verdict();
            return new UpstreamFailure(verdict.reason(),
                    "the upstream's certificate was refused: " + trimPeriod(verdict.message()), verdict.fix());
        }
        TlsAlertInfo alert = TlsAlertInfo.fromFailure(cause);
        if (alert != null && alert.aboutCertificate()) {
            return new UpstreamFailure(ConnectionCode.CLIENT_CERT_REJECTED,
                    "the upstream refused the client certificate with TLS alert " + alert,
                    "check that the upstream trusts the CA of the client certificate and that the certificate is "
                            + "still valid; 'mtls doctor URL --cert ... --key ... --cacert ...' names the cause");
        }
        if (alert != null && alert.noCommonVersionOrCipher()) {
            return new UpstreamFailure(ConnectionCode.NO_COMMON_PROTOCOL,
                    "the upstream ended the handshake with TLS alert " + alert,
                    "the upstream may accept only TLS 1.3 (drop --tls-max 1.2) or only outdated versions");
        }
        if (alert != null) {
            return new UpstreamFailure(ConnectionCode.HANDSHAKE_FAILED,
                    "the upstream ended the handshake with TLS alert " + alert,
                    "'mtls doctor URL --cert ... --key ... --cacert ...' names the cause");
        }
        Optional<ConnectFailure> connect = ConnectFailure.find(cause);
        if (connect.isPresent()) {
            return new UpstreamFailure(connect.get().code(), connect.get().words() + ": " + connect.get().systemText(),
                    connect.get().code().fix());
        }
        Optional<TlsEngineFailure> said = TlsEngineFailure.of(cause);
        if (said.equals(Optional.of(TlsEngineFailure.NOT_TLS))) {
            return new UpstreamFailure(ConnectionCode.NOT_TLS,
                    "the upstream answered the TLS handshake with something else (a plain HTTP port?)",
                    "use the upstream's TLS port");
        }
        if (said.equals(Optional.of(TlsEngineFailure.NO_SHARED_PROTOCOL))
                || said.equals(Optional.of(TlsEngineFailure.NO_SHARED_CIPHER))) {
            return new UpstreamFailure(ConnectionCode.NO_COMMON_PROTOCOL, describe(cause),
                    "the upstream may accept only TLS 1.3 (drop --tls-max 1.2) or only outdated versions");
        }
        if (Causes.has(cause, SSLException.class) || Causes.has(cause, ClosedChannelException.class)) {
            return new UpstreamFailure(ConnectionCode.HANDSHAKE_FAILED, describe(cause),
                    "'mtls doctor URL --cert ... --key ... --cacert ...' names the cause");
        }
        return new UpstreamFailure(ProblemCode.UPSTREAM_UNAVAILABLE, describe(cause),
                "retry later; if it persists, the upstream is down");
    }

    /** @param what what was wrong with the answer, e.g. {@code "invalid version format: SSH-2.0-OPENSSH_9.6"} */
    public static UpstreamFailure badResponse(String what) {
        return new UpstreamFailure(ProblemCode.UPSTREAM_BAD_RESPONSE, "the upstream's answer was not valid HTTP: "
                + trimPeriod(what), "check that the upstream's url names the port where the API serves HTTP/1.1 "
                + "(http:// for plain HTTP, https:// for TLS) and what answers there");
    }

    /** @param upstream the upstream's name, which names its setting */
    public static UpstreamFailure headersTooLarge(String upstream, int limit) {
        return new UpstreamFailure(ProblemCode.UPSTREAM_HEADERS_TOO_LARGE,
                "the upstream's status line and headers exceed upstreams." + upstream + ".max_response_header_size ("
                        + limit + " bytes)", "raise upstreams." + upstream + ".max_response_header_size, or make the API "
                        + "send fewer or shorter headers");
    }

    /**
     * @param where which request, e.g. {@code listener public, route /api/}
     * @param received body bytes received (and passed on to the client)
     * @param expected the Content-Length, or -1 for a chunked body
     */
    public static UpstreamFailure truncated(String where, long received, long expected, Throwable cause) {
        String how = cause == null ? "closed the connection" : "broke the connection (" + describe(cause) + ")";
        String body = expected >= 0 ? received + " of the " + expected + " bytes of the response body"
                : received + " bytes of a chunked response body, before its last chunk";
        return new UpstreamFailure(ResponseCutCode.UPSTREAM_TRUNCATED, "the upstream " + how + " after " + body
                + " (" + where + "); the client saw the response cut",
                "check the API's own log at that time: it ended the response early (a crash, a restart, a timeout of "
                        + "its own or of a proxy in between)");
    }

    /**
     * @param where which request, e.g. {@code listener public, route /api/}
     * @param clientStalled whether the client, not the upstream, had taken nothing (its window or buffer full)
     */
    public static UpstreamFailure idleTimeout(String upstream, String where, long timeoutMillis, long sent,
                                              boolean clientStalled) {
        String setting = "upstreams." + upstream + ".response_idle_timeout";
        String who = clientStalled ? "the client took none of the response for " : "the upstream sent nothing for ";
        return new UpstreamFailure(ResponseCutCode.RESPONSE_IDLE_TIMEOUT, who + timeoutMillis + " ms (" + setting
                + ") after " + sent + " bytes of the response body (" + where + "); the response was cut and the "
                + "upstream connection closed", clientStalled
                ? "nothing, if the client stopped reading on purpose; raise " + setting + " for clients that pause longer"
                : "check why the API stalls in the middle of a response; raise " + setting
                        + " if it may pause longer between two pieces (long polling, slow reports)");
    }

    /** The code's title: short, the same for every occurrence. */
    public String title() {
        return code.title();
    }

    /** {@code DETAIL. Fix: FIX}, as in log lines. */
    public String explanation() {
        return detail + "." + (fix == null ? "" : " Fix: " + fix);
    }

    /** The deepest message of the chain: the engine's or the system's words, not a wrapper's. */
    private static String describe(Throwable cause) {
        String message = Causes.deepestMessage(cause);
        return trimPeriod(message == null ? "no reason given" : message);
    }

    private static String trimPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
