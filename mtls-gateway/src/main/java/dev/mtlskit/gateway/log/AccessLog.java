package dev.mtlskit.gateway.log;

import java.security.cert.X509Certificate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.mtlskit.gateway.tls.HandshakeOutcome;

/**
 * One JSON object per request on the logger {@code mtls.access}: time, listener, client address,
 * identity, protocol, method, path, route, status, bytes in and out, duration and, for refusals,
 * the reason code (and, for a certificate refused in explain mode, the subject it offered).
 */
public final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.access");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessLog() {
    }

    /**
     * @param entry built with {@link #entry()}; logged as one line
     */
    public static void log(ObjectNode entry) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{}", entry.toString());
        }
    }

    public static ObjectNode entry() {
        return JSON.createObjectNode();
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
        ObjectNode entry = entry();
        entry.put("time", java.time.Instant.now().toString());
        entry.put("listener", request.listener());
        entry.put("client_address", request.clientAddress());
        HandshakeOutcome outcome = request.outcome();
        if (outcome instanceof HandshakeOutcome.Verified verified) {
            entry.put("client", verified.identity().subject());
            entry.put("client_fingerprint", verified.identity().sha256Fingerprint());
        } else if (outcome instanceof HandshakeOutcome.InvalidCertificate invalid) {
            // explain mode: who was refused, as the rejection line names it
            List<X509Certificate> path = invalid.verdict().path();
            X509Certificate offered = path.isEmpty() ? invalid.verdict().certificate() : path.get(0);
            if (offered != null) {
                entry.put("offered", offered.getSubjectX500Principal().getName());
            }
        }
        entry.put("protocol", request.http2() ? "HTTP/2" : "HTTP/1.1");
        if (outcome instanceof HandshakeOutcome.Tls tls) { // mtls tunnel: no TLS on the local side
            entry.put("tls", tls.protocol());
        }
        entry.put("method", request.method());
        entry.put("path", request.path());
        if (request.route() != null) {
            entry.put("route", request.route());
        }
        entry.put("status", request.status());
        if (request.code() != null) {
            entry.put("code", request.code());
        }
        entry.put("bytes_in", request.bytesIn());
        entry.put("bytes_out", request.bytesOut());
        entry.put("duration_ms", (System.nanoTime() - request.startNanos()) / 1_000_000.0);
        log(entry);
    }
}
