package dev.mtlskit.gateway.admin;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.mtlskit.gateway.config.ListenerKind;
import dev.mtlskit.gateway.log.RejectionLog;
import dev.mtlskit.gateway.metrics.ClientsSeen;
import dev.mtlskit.gateway.metrics.GatewayMetrics;
import dev.mtlskit.gateway.metrics.Rejection;
import dev.mtlskit.gateway.metrics.ReloadEvent;
import dev.mtlskit.gateway.metrics.UpstreamError;
import dev.mtlskit.names.Printable;
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Route;
import dev.mtlskit.reason.Reason;

/** {@code GET /status}: the gateway's listeners, certificates, routes, upstreams, reloads and refusals, as JSON. */
final class StatusJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {
    }

    static ObjectNode of(StatusSnapshot snapshot, GatewayMetrics metrics, Instant now) {
        ObjectNode status = JSON.createObjectNode();
        status.put("time", now.toString());
        status.put("ready", snapshot.notReady().isEmpty());
        snapshot.notReady().forEach(status.putArray("not_ready")::add);
        ArrayNode listeners = status.putArray("listeners");
        var counts = metrics.handshakeCounts();
        for (StatusSnapshot.Listener listener : snapshot.listeners()) {
            ObjectNode node = listeners.addObject();
            String name = listener.config().name();
            node.put("name", name);
            ArrayNode addresses = node.putArray("addresses");
            listener.addresses().forEach(address -> addresses.add(RejectionLog.address(address)));
            if (listener.config().kind() instanceof ListenerKind.MutualTls mutualTls) {
                node.put("kind", "mtls");
                node.put("client_auth", mutualTls.tls().clientAuth().name().toLowerCase(Locale.ROOT));
            } else {
                node.put("kind", "plain_http");
            }
            if (listener.material() != null) {
                if (listener.material().hasKey()) {
                    certificate(node.putObject("server_certificate"), listener.material().leaf(), now);
                }
                ArrayNode cas = node.putArray("client_cas");
                listener.material().trustAnchors().forEach(ca -> certificate(cas.addObject(), ca, now));
            }
            node.put("open_connections", listener.openConnections());
            ArrayNode routes = node.putArray("routes");
            for (Route route : listener.config().policy().routes()) {
                ObjectNode r = routes.addObject();
                r.put("path", route.pathPrefix());
                route.methods().stream().sorted().forEach(r.putArray("methods")::add);
                r.put("upstream", route.upstream());
                r.put("anonymous", route.anonymous());
                ArrayNode allow = r.putArray("allow");
                route.allow().stream().map(AllowRule::describe).forEach(allow::add);
            }
            ObjectNode handshakes = node.putObject("handshakes");
            counts.getOrDefault(name, java.util.Map.of()).forEach(handshakes::put);
            ArrayNode rejections = node.putArray("recent_rejections");
            for (Rejection rejection : metrics.recentRejections(name)) {
                ObjectNode r = rejections.addObject();
                r.put("time", rejection.time().toString());
                r.put("client", rejection.client());
                r.put("subject", rejection.subject());
                r.put("issuer", rejection.issuer());
                r.put("reason", rejection.reason());
                r.put("message", rejection.message());
                String fix = fix(rejection.reason());
                if (fix != null) {
                    r.put("fix", fix);
                }
            }
        }
        ArrayNode upstreams = status.putArray("upstreams");
        for (StatusSnapshot.Upstream upstream : snapshot.upstreams()) {
            ObjectNode node = upstreams.addObject();
            node.put("name", upstream.name());
            node.put("url", upstream.uri().toString());
            node.put("open_connections", upstream.openConnections());
            node.put("idle_connections", upstream.idleConnections());
            ArrayNode errors = node.putArray("recent_errors");
            for (UpstreamError error : metrics.recentErrors(upstream.name())) {
                ObjectNode e = errors.addObject();
                e.put("time", error.time().toString());
                e.put("code", error.code());
                e.put("explanation", error.explanation());
            }
        }
        ArrayNode reloads = status.putArray("reloads");
        for (ReloadEvent reload : metrics.recentReloads()) {
            ObjectNode r = reloads.addObject();
            r.put("time", reload.time().toString());
            r.put("what", reload.what());
            r.put("result", reload.succeeded() ? "success" : "failure");
            r.put("detail", reload.detail());
        }
        ArrayNode clients = status.putArray("clients_seen");
        for (ClientsSeen.Client client : metrics.clients()) {
            ObjectNode c = clients.addObject();
            c.put("listener", client.listener());
            c.put("subject", client.subject());
            c.put("not_after", client.notAfter().toString());
            c.put("days_left", daysLeft(client.notAfter(), now));
            c.put("last_seen", client.lastSeen().toString());
        }
        return status;
    }

    /** The fix of a certificate reason code; none for a handshake failure key. */
    static String fix(String reason) {
        for (Reason known : Reason.values()) {
            if (known.name().equals(reason)) {
                return known.fix();
            }
        }
        return null;
    }

    private static void certificate(ObjectNode node, X509Certificate certificate, Instant now) {
        node.put("subject", Printable.of(certificate.getSubjectX500Principal().getName()));
        node.put("serial", certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT));
        node.put("not_after", certificate.getNotAfter().toInstant().toString());
        node.put("days_left", daysLeft(certificate.getNotAfter().toInstant(), now));
    }

    /** Whole days until {@code notAfter}; negative once it has passed. */
    static long daysLeft(Instant notAfter, Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400);
    }
}
