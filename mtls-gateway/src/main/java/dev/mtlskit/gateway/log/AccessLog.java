package dev.mtlskit.gateway.log;

import java.security.cert.X509Certificate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.mtlskit.gateway.tls.HandshakeOutcome;

/**
 * One JSON object per request on the logger {@code mtls.access}: time, listener, client address,
 * identity, protocol, method, path, route, status, bytes in and out, duration and, for refusals,
 * the reason code (and, for a certificate refused in explain mode, the subject it offered).
 *
 * <p>The line is written straight into one string builder, as Jackson would print the same object
 * (same escaping, same number forms): building a Jackson tree and serialising it was most of the
 * access log's cost on the event loop (10 % of a keep-alive request in the profile).
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.access");

    private AccessLog() {
    }

    public static boolean enabled() {
        return LOG.isInfoEnabled();
    }

    /** The request ended (answered, failed or abandoned): its accounting ends and its line is written. */
    public static void ended(RequestRecord request) {
        request.finish();
        if (!enabled()) {
            return;
        }
        LOG.info(line(request, java.time.Instant.now(), System.nanoTime()));
    }

    /** The access log line of {@code request}, ended at {@code now} ({@code nanoTime}: the duration's end). */
    static String line(RequestRecord request, java.time.Instant now, long nanoTime) {
        StringBuilder json = new StringBuilder(384).append('{');
        string(json, "time", now.toString());
        string(json, "listener", request.listener());
        string(json, "client_address", request.clientAddress());
        HandshakeOutcome outcome = request.outcome();
        if (outcome instanceof HandshakeOutcome.Verified verified) {
            string(json, "client", verified.identity().subject());
            string(json, "client_fingerprint", verified.identity().sha256Fingerprint());
        } else if (outcome instanceof HandshakeOutcome.InvalidCertificate invalid) {
            // explain mode: who was refused, as the rejection line names it
            List<X509Certificate> path = invalid.verdict().path();
            X509Certificate offered = path.isEmpty() ? invalid.verdict().certificate() : path.get(0);
            if (offered != null) {
                string(json, "offered", offered.getSubjectX500Principal().getName());
            }
        }
        string(json, "protocol", request.http2() ? "HTTP/2" : "HTTP/1.1");
        if (outcome instanceof HandshakeOutcome.Tls tls) { // mtls tunnel: no TLS on the local side
            string(json, "tls", tls.protocol());
        }
        string(json, "method", request.method());
        string(json, "path", request.path());
        if (request.route() != null) {
            string(json, "route", request.route());
        }
        name(json, "status").append(request.status());
        if (request.code() != null) {
            string(json, "code", request.code());
        }
        name(json, "bytes_in").append(request.bytesIn());
        name(json, "bytes_out").append(request.bytesOut());
        name(json, "duration_ms").append((nanoTime - request.startNanos()) / 1_000_000.0);
        return json.append('}').toString();
    }

    private static StringBuilder name(StringBuilder json, String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        return json.append('"').append(name).append("\":");
    }

    /** A string field, escaped as JSON requires (quotes, backslashes, control characters), or null. */
    private static void string(StringBuilder json, String name, String value) {
        name(json, name);
        if (value == null) {
            json.append("null");
        } else {
            json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
        }
    }
}
