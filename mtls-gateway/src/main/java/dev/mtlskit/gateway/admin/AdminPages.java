package dev.mtlskit.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.mtlskit.gateway.metrics.GatewayMetrics;

/**
 * What the admin listener answers: {@code /healthz} (the process runs), {@code /readyz} (every
 * listener can serve: 503 with what is not ready otherwise, also while stopping) and
 * {@code /metrics} (Prometheus text format), {@code /status} (JSON) and {@code /}, the status page (HTML). Pages are rendered on a thread of their own: a scrape
 * never takes an event loop's time from the traffic.
 */
public final class AdminPages {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prometheus's text exposition format, version 0.0.4. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String INDEX = """
            mtls-kit gateway admin listener
              /          the status page (HTML)
              /healthz   200 while the process runs
              /readyz    200 when every listener can serve; 503 with what is not ready (JSON)
              /metrics   Prometheus metrics (text format)
              /status    listeners, certificates, routes, upstreams, reloads, recent rejections (JSON)
            """;

    private final GatewayMetrics metrics;
    private final Supplier<StatusSnapshot> snapshot;
    /** One thread, a short queue: scrapes are rare, and a flood of them waits here, not on the event loops. */
    private final ExecutorService renderer = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(64), runnable -> {
                Thread thread = new Thread(runnable, "mtls-admin");
                thread.setDaemon(true);
                return thread;
            });

    /**
     * @param snapshot the gateway as it is now (its listeners, upstreams, and why it is not ready)
     */
    public AdminPages(GatewayMetrics metrics, Supplier<StatusSnapshot> snapshot) {
        this.metrics = metrics;
        this.snapshot = snapshot;
    }

    /** An answer: status, content type and body. */
    public record Page(int status, String contentType, byte[] body) {
        static Page text(int status, String text) {
            return new Page(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }

        static Page json(int status, ObjectNode json) {
            return new Page(status, "application/json", (json.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Renders the page for {@code path} (GET or HEAD; the route admits no other method). */
    public Page render(String path) {
        switch (path) {
            case "/healthz":
                return Page.text(200, "ok\n");
            case "/readyz": {
                List<String> reasons = snapshot.get().notReady();
                ObjectNode body = JSON.createObjectNode();
                body.put("ready", reasons.isEmpty());
                reasons.forEach(body.putArray("not_ready")::add);
                return Page.json(reasons.isEmpty() ? 200 : 503, body);
            }
            case "/status":
                return Page.json(200, StatusJson.of(snapshot.get(), metrics, java.time.Instant.now()));
            case "/metrics":
                return new Page(200, PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8));
            case "/": {
                StatusSnapshot now = snapshot.get();
                java.time.Instant time = java.time.Instant.now();
                java.util.Map<String, java.util.Map<String, Long>> lastHour = new java.util.LinkedHashMap<>();
                now.listeners().forEach(listener -> lastHour.put(listener.config().name(),
                        metrics.rejectionsLastHour(listener.config().name(), time)));
                return new Page(200, "text/html; charset=utf-8",
                        StatusPage.render(StatusJson.of(now, metrics, time), lastHour).getBytes(StandardCharsets.UTF_8));
            }
            default:
                return Page.text(404, "no such page: " + path + "\n" + INDEX);
        }
    }

    /** Where pages are rendered: never an event loop. */
    ExecutorService renderer() {
        return renderer;
    }
}
