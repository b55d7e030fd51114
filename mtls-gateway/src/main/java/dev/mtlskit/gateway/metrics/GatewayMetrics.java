package dev.mtlskit.gateway.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The gateway's metrics, in Prometheus text format for the admin listener's {@code /metrics}.
 * Micrometer's Prometheus registry writes the format (and its escaping, types and histogram
 * buckets) as Prometheus's own client does, and Micrometer is what JVM operators already scrape.
 *
 * <p>Every label value comes from a closed or bounded set, so that no client can create series at
 * will: listener, route and upstream names come from the configuration, reasons are reason codes
 * and handshake-failure keys, status is an HTTP status (100–599), and the client certificates whose
 * expiry is exported are the {@link ClientsSeen last N seen}.
 *
 * <p>The hot path (a handshake, a request) finds its counter in a map by a small key, without
 * building tag lists; the registry is touched only the first time a combination is seen.
 */
public final class GatewayMetrics {

    /** Handshake and request durations: from a loopback handshake to a slow upstream. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    /** How many recent rejections (per listener), upstream errors (per upstream) and reloads are kept. */
    public static final int RECENT = 100;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<HandshakeKey, Counter> handshakes = new ConcurrentHashMap<>();
    private final Map<String, Timer> handshakeDurations = new ConcurrentHashMap<>();
    private final Map<String, Counter> resumed = new ConcurrentHashMap<>();
    private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final Map<RouteKey, Timer> requestDurations = new ConcurrentHashMap<>();
    private final Map<UpstreamKey, Counter> upstreamErrors = new ConcurrentHashMap<>();
    private final Map<String, Counter> reloads = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> revocation = new ConcurrentHashMap<>();
    private final MultiGauge connections;
    private final MultiGauge certificateExpiry;
    private final MultiGauge clientCertificateExpiry;
    private final ClientsSeen clientsSeen;
    /** For the status API: the last refusals per listener, errors per upstream, reloads. */
    private final Map<String, Recent<Rejection>> rejections = new ConcurrentHashMap<>();
    private final Map<String, Recent<UpstreamError>> errors = new ConcurrentHashMap<>();
    private final Recent<ReloadEvent> reloadEvents = new Recent<>(RECENT);
    private final Map<String, LastHour> lastHour = new ConcurrentHashMap<>();
    /** Off without an admin listener: nothing could read what is counted, so nothing is. */
    private volatile boolean enabled = true;
    private volatile Supplier<List<ListenerConnections>> openConnections = List::of;
    private volatile Supplier<List<CertificateExpiry>> certificates = List::of;

    /** @param clientsTracked how many client certificates (the last seen) have their expiry exported */
    public GatewayMetrics(int clientsTracked) {
        clientsSeen = new ClientsSeen(clientsTracked);
        connections = MultiGauge.builder("mtls.connections.active").description("Open client connections")
                .register(registry);
        certificateExpiry = MultiGauge.builder("mtls.certificate.expiry.timestamp").baseUnit("seconds")
                .description("When the gateway's certificates expire (Unix time): server, client CAs, upstream client")
                .register(registry);
        clientCertificateExpiry = MultiGauge.builder("mtls.client.certificate.expiry.timestamp").baseUnit("seconds")
                .description("When the client certificates seen last expire (Unix time)")
                .register(registry);
    }

    /** Counts from now on, or stops counting (what was counted stays). */
    public void enabled(boolean on) {
        this.enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    /** The listener's view: what its connections and requests count. */
    public ListenerMetrics listener(String name) {
        return new ListenerMetrics(this, name);
    }

    /** A handshake ended: {@code accepted} or {@code rejected}, with a reason code or failure key. */
    void handshake(String listener, String result, String reason) {
        handshakes.computeIfAbsent(new HandshakeKey(listener, result, reason), key -> Counter.builder("mtls.handshakes")
                .description("TLS handshakes by result and reason (a certificate reason code or a handshake failure)")
                .tags("listener", key.listener(), "result", key.result(), "reason", key.reason())
                .register(registry)).increment();
    }

    void rejection(String listener, Rejection rejection) {
        rejections.computeIfAbsent(listener, name -> new Recent<>(RECENT)).add(rejection);
        lastHour.computeIfAbsent(listener, name -> new LastHour()).add(rejection.reason(), rejection.time());
    }

    /** Rejections (handshakes and requests) of the last hour by reason, for a listener. */
    public Map<String, Long> rejectionsLastHour(String listener, java.time.Instant now) {
        LastHour counts = lastHour.get(listener);
        return counts == null ? Map.of() : counts.totals(now);
    }

    /** The last refused handshakes and requests of a listener, newest first. */
    public List<Rejection> recentRejections(String listener) {
        Recent<Rejection> recent = rejections.get(listener);
        return recent == null ? List.of() : recent.newestFirst();
    }

    /** The last errors of an upstream, newest first. */
    public List<UpstreamError> recentErrors(String upstream) {
        Recent<UpstreamError> recent = errors.get(upstream);
        return recent == null ? List.of() : recent.newestFirst();
    }

    /** The last reloads, newest first. */
    public List<ReloadEvent> recentReloads() {
        return reloadEvents.newestFirst();
    }

    /** Handshakes so far by listener, then by {@code result reason} (e.g. {@code rejected EXPIRED}). */
    public Map<String, Map<String, Long>> handshakeCounts() {
        Map<String, Map<String, Long>> counts = new java.util.TreeMap<>();
        handshakes.forEach((key, counter) -> counts.computeIfAbsent(key.listener(), name -> new java.util.TreeMap<>())
                .put(key.result() + " " + key.reason(), (long) counter.count()));
        return counts;
    }

    void handshakeDuration(String listener, long nanos) {
        handshakeDurations.computeIfAbsent(listener, name -> Timer.builder("mtls.handshake.duration")
                .description("From the connection's first byte to the end of its TLS handshake")
                .tags("listener", name).serviceLevelObjectives(BUCKETS).register(registry))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A client chain's revocation status was used: good, revoked, unknown_refused or unknown_admitted. */
    void revocationCheck(String listener, String result) {
        revocation.computeIfAbsent(List.of("check", listener, result), key -> Counter.builder("mtls.revocation.checks")
                .description("Client chains whose OCSP or CRL distribution point status was used, by result "
                        + "(unknown_admitted: soft mode let in a client whose status could not be learned)")
                .tags("listener", listener, "result", result).register(registry)).increment();
    }

    /** An OCSP responder or CRL distribution point was asked: ok or failed. */
    void revocationFetch(String listener, String source, String outcome) {
        revocation.computeIfAbsent(List.of("fetch", listener, source, outcome), key -> Counter.builder("mtls.revocation.fetches")
                .description("Requests to OCSP responders and CRL distribution points, by source and outcome")
                .tags("listener", listener, "source", source, "outcome", outcome).register(registry)).increment();
    }

    void resumed(String listener) {
        resumed.computeIfAbsent(listener, name -> Counter.builder("mtls.sessions.resumed")
                .description("Handshakes that resumed a TLS session (no certificate sent again)")
                .tags("listener", name).register(registry)).increment();
    }

    /** The counter of requests answered on a route with a status label ({@code 200}, …, {@code other}). */
    Counter requests(String listener, String route, String statusLabel) {
        return requests.computeIfAbsent(new RequestKey(listener, route, statusLabel), key -> Counter.builder("mtls.requests")
                .description("Requests answered, by route and status")
                .tags("listener", key.listener(), "route", key.route(), "status", key.status())
                .register(registry));
    }

    /** The timer of a route's requests. */
    Timer requestDuration(String listener, String route) {
        return requestDurations.computeIfAbsent(new RouteKey(listener, route), key -> Timer.builder("mtls.request.duration")
                .description("From a request's first byte to the end of its answer")
                .tags("listener", key.listener(), "route", key.route()).serviceLevelObjectives(BUCKETS)
                .register(registry));
    }

    void clientSeen(String listener, String subject, java.time.Instant notAfter) {
        clientsSeen.seen(listener, subject, notAfter);
    }

    /** An upstream connection or exchange failed, by its code ({@code UPSTREAM_UNAVAILABLE}, …). */
    public void upstreamError(String upstream, String code, String explanation) {
        if (!enabled) {
            return;
        }
        errors.computeIfAbsent(upstream, name -> new Recent<>(RECENT))
                .add(new UpstreamError(java.time.Instant.now(), upstream, code, explanation));
        upstreamErrors.computeIfAbsent(new UpstreamKey(upstream, code), key -> Counter.builder("mtls.upstream.errors")
                .description("Failed upstream connections and exchanges, by code")
                .tags("upstream", key.upstream(), "code", key.code()).register(registry)).increment();
    }

    /**
     * A reload of TLS files or of the configuration: {@code success} or {@code failure}.
     *
     * @param what what was reloaded, e.g. {@code listener public}
     * @param detail what changed, or why it failed
     */
    public void reload(String what, boolean succeeded, String detail) {
        reloadEvents.add(new ReloadEvent(java.time.Instant.now(), what, succeeded, detail));
        reloads.computeIfAbsent(succeeded ? "success" : "failure", result -> Counter.builder("mtls.reloads")
                .description("Reloads of TLS files and of the configuration, by result")
                .tags("result", result).register(registry)).increment();
    }

    /** Stops exporting the clients seen by a listener that a reload removed. */
    public void removeListener(String listener) {
        clientsSeen.forget(listener);
        rejections.remove(listener);
        lastHour.remove(listener);
    }

    /** Where each listener's open connections are read, at each scrape (reloads add and remove listeners). */
    public void connections(Supplier<List<ListenerConnections>> source) {
        this.openConnections = source;
    }

    /** Where the certificates to export come from (read at each scrape: reloads change them). */
    public void certificates(Supplier<List<CertificateExpiry>> source) {
        this.certificates = source;
    }

    /** The clients seen last, most recent first (for the status API). */
    public List<ClientsSeen.Client> clients() {
        return clientsSeen.snapshot();
    }

    /** Every metric in Prometheus text format (version 0.0.4). */
    public synchronized String scrape() {
        List<MultiGauge.Row<?>> open = new ArrayList<>();
        for (ListenerConnections listener : openConnections.get()) {
            open.add(MultiGauge.Row.of(Tags.of("listener", listener.listener()), listener.open()));
        }
        connections.register(open, true);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (CertificateExpiry certificate : certificates.get()) {
            rows.add(MultiGauge.Row.of(Tags.of("listener", certificate.owner(), "kind", certificate.kind(),
                    "subject", certificate.subject()), certificate.notAfter().getEpochSecond()));
        }
        certificateExpiry.register(rows, true);
        List<MultiGauge.Row<?>> clients = new ArrayList<>();
        for (ClientsSeen.Client client : clientsSeen.snapshot()) {
            clients.add(MultiGauge.Row.of(Tags.of("listener", client.listener(), "subject", client.subject()),
                    client.notAfter().getEpochSecond()));
        }
        clientCertificateExpiry.register(clients, true);
        return registry.scrape();
    }

    /** The registry, for a program that adds its own meters (JVM metrics, say). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A listener's open connections at the time of a scrape. */
    public record ListenerConnections(String listener, int open) {
    }

    /** A certificate whose expiry is exported: kind is {@code server}, {@code client_ca} or {@code upstream_client}. */
    public record CertificateExpiry(String owner, String kind, String subject, java.time.Instant notAfter) {
    }

    private record HandshakeKey(String listener, String result, String reason) {
    }

    private record RequestKey(String listener, String route, String status) {
    }

    private record RouteKey(String listener, String route) {
    }

    private record UpstreamKey(String upstream, String code) {
    }
}
