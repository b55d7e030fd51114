package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.AdminConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.Programs;

/**
 * The admin listener: health, readiness and Prometheus metrics that count what the traffic
 * listeners did (with real clients: curl and raw sockets), never reachable through them.
 */
class AdminListenerTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void metricsCountHandshakesByResultAndReasonRequestsAndCertificates() throws Exception {
        RunningGateway gateway = started();
        String listener = gateway.listener();

        assertThat(fixture.curl(gateway, fixture.pki().acme, "/hello").run().stdout()).endsWith("\n200");
        assertThat(fixture.curl(gateway, fixture.pki().expired, "/hello").run().exitCode()).isNotZero();
        assertThat(fixture.curl(gateway, null, "/hello").run().exitCode()).isNotZero();
        try (Socket probe = new Socket("127.0.0.1", gateway.port())) {
            probe.getOutputStream().flush(); // connects and closes without a byte, as a TCP health check
        }

        String metrics = awaitMetric(gateway, "mtls_handshakes_total{listener=\"" + listener
                + "\",reason=\"CLOSED_BEFORE_HANDSHAKE\",result=\"rejected\"} 1.0");
        assertThat(metrics).contains(
                "mtls_handshakes_total{listener=\"" + listener + "\",reason=\"VERIFIED\",result=\"accepted\"} 1.0",
                "mtls_handshakes_total{listener=\"" + listener + "\",reason=\"EXPIRED\",result=\"rejected\"} 1.0",
                "mtls_handshakes_total{listener=\"" + listener + "\",reason=\"NO_CLIENT_CERT\",result=\"rejected\"} 1.0",
                "mtls_requests_total{listener=\"" + listener + "\",route=\"/\",status=\"200\"} 1.0",
                "mtls_request_duration_seconds_count{listener=\"" + listener + "\",route=\"/\"} 1",
                "mtls_handshake_duration_seconds_count{listener=\"" + listener + "\"} 1",
                "mtls_connections_active{listener=\"" + listener + "\"}",
                "# TYPE mtls_handshake_duration_seconds histogram");
        assertThat(value(metrics, "mtls_certificate_expiry_timestamp_seconds{kind=\"server\",listener=\"" + listener
                + "\",subject=\"CN=localhost\"}")).isEqualTo(epochSeconds(fixture.pki().serverCertificate));
        assertThat(value(metrics, "mtls_certificate_expiry_timestamp_seconds{kind=\"client_ca\",listener=\"" + listener
                + "\",subject=\"CN=mtls-kit Test Root CA,O=mtls-kit tests\"}")).isPositive();
        assertThat(value(metrics, "mtls_client_certificate_expiry_timestamp_seconds{listener=\"" + listener
                + "\",subject=\"CN=acme\"}")).isEqualTo(fixture.pki().acme.leaf().getNotAfter().toInstant().getEpochSecond());
        assertThat(metrics).as("the expired client was never admitted: it is not a client seen")
                .doesNotContain("subject=\"CN=expired-client\"");
    }

    @Test
    void statusNamesTheListenersCertificatesRoutesAndRecentRejectionsWithTheirFix() throws Exception {
        AllowRule nobody = AllowRule.builder().set(AllowRule.Condition.forKey("cn"), "nobody").build();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL)
                .admin(AdminConfig.loopback(new InetSocketAddress("127.0.0.1", 0)))
                .route(Route.of("/private", GatewayFixture.ECHO, List.of(nobody)))
                .route(Route.of("/", GatewayFixture.ECHO, List.of())).start();
        assertThat(fixture.curl(gateway, fixture.pki().acme, "/hello").run().stdout()).endsWith("\n200");
        assertThat(fixture.curl(gateway, fixture.pki().acme, "/private/x").run().stdout()).endsWith("\n403");
        assertThat(fixture.curl(gateway, fixture.pki().expired, "/hello").run().exitCode()).isNotZero();
        awaitMetric(gateway, "reason=\"EXPIRED\",result=\"rejected\"} 1.0");

        JsonNode status = JSON.readTree(get(gateway, "/status").body());

        assertThat(status.path("ready").asBoolean()).isTrue();
        JsonNode listener = listener(status, gateway.listener());
        assertThat(listener.path("kind").asText()).isEqualTo("mtls");
        assertThat(listener.path("client_auth").asText()).isEqualTo("require");
        assertThat(listener.path("addresses").get(0).asText()).isEqualTo("127.0.0.1:" + gateway.port());
        assertThat(listener.path("server_certificate").path("subject").asText()).isEqualTo("CN=localhost");
        assertThat(listener.path("server_certificate").path("days_left").asLong()).isPositive();
        assertThat(listener.path("client_cas").get(0).path("subject").asText()).isEqualTo("CN=mtls-kit Test Root CA,O=mtls-kit tests");
        assertThat(listener.path("routes").get(0).path("path").asText()).isEqualTo("/private");
        assertThat(listener.path("routes").get(0).path("allow").get(0).asText()).isEqualTo("cn=nobody");
        assertThat(listener.path("handshakes").path("accepted VERIFIED").asLong()).isEqualTo(2);
        assertThat(listener.path("handshakes").path("rejected EXPIRED").asLong()).isEqualTo(1);
        JsonNode rejections = listener.path("recent_rejections");
        assertThat(rejections).hasSize(2);
        JsonNode expired = rejections.get(0);
        assertThat(expired.path("reason").asText()).isEqualTo("EXPIRED");
        assertThat(expired.path("subject").asText()).isEqualTo("CN=expired-client");
        assertThat(expired.path("issuer").asText()).isEqualTo("CN=mtls-kit Test Root CA,O=mtls-kit tests");
        assertThat(expired.path("client").asText()).startsWith("127.0.0.1:");
        assertThat(expired.path("message").asText()).startsWith("The client certificate CN=expired-client expired on ");
        assertThat(expired.path("fix").asText()).isEqualTo(dev.mtlskit.reason.Reason.EXPIRED.fix());
        JsonNode forbidden = rejections.get(1);
        assertThat(forbidden.path("reason").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(forbidden.path("subject").asText()).isEqualTo("CN=acme");
        assertThat(forbidden.path("message").asText()).startsWith("GET /private/x: ");
        JsonNode echo = status.path("upstreams").get(0);
        assertThat(echo.path("name").asText()).isEqualTo(AdminConfig.NAME); // sorted: admin, echo
        assertThat(status.path("upstreams").get(1).path("url").asText()).isEqualTo("echo:/");
        assertThat(status.path("clients_seen").get(0).path("subject").asText()).isEqualTo("CN=acme");
        assertThat(listener(status, AdminConfig.NAME).path("kind").asText()).isEqualTo("plain_http");
    }

    @Test
    void promtoolFindsTheMetricsClean() throws Exception {
        Path promtool = Programs.require("promtool", "prometheus");
        RunningGateway gateway = started();
        assertThat(fixture.curl(gateway, fixture.pki().acme, "/hello").run().stdout()).endsWith("\n200");
        String metrics = awaitMetric(gateway, "result=\"accepted\"");

        Programs.Result lint = Programs.run(List.of(promtool.toString(), "check", "metrics"), metrics, Duration.ofSeconds(30));
        assertThat(lint.exitCode()).as(lint.describe()).isZero();
        assertThat(lint.stdout() + lint.stderr()).as("no lint finding").isBlank();
    }

    @Test
    void aRealPrometheusScrapesTheAdminListener() throws Exception {
        Path prometheus = Programs.require("prometheus", "prometheus");
        RunningGateway gateway = started();
        assertThat(fixture.curl(gateway, fixture.pki().acme, "/hello").run().stdout()).endsWith("\n200");
        int admin = gateway.gateway().addresses(AdminConfig.NAME).get(0).getPort();
        int web;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            web = free.getLocalPort();
        }
        Path directory = Files.createDirectories(fixture.scratch().resolve("prometheus-" + java.util.UUID.randomUUID()));
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: mtls\n"
                + "    static_configs:\n      - targets: [\"127.0.0.1:" + admin + "\"]\n");
        Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + web)
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
        try {
            String query = "http://127.0.0.1:" + web + "/api/v1/query?query="
                    + java.net.URLEncoder.encode("mtls_handshakes_total{listener=\"" + gateway.listener() + "\",result=\"accepted\"}",
                    java.nio.charset.StandardCharsets.UTF_8);
            JsonNode answer = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    answer = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(query)).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    if (answer.path("data").path("result").size() > 0) {
                        break;
                    }
                } catch (java.io.IOException notYetUp) {
                    // Prometheus is still starting
                }
                Thread.sleep(250);
            }
            assertThat(answer).as(Files.readString(directory.resolve("prometheus.log"))).isNotNull();
            JsonNode series = answer.path("data").path("result").get(0);
            assertThat(series).as(answer.toString()).isNotNull();
            assertThat(series.path("metric").path("reason").asText()).isEqualTo("VERIFIED");
            assertThat(series.path("value").get(1).asText()).isEqualTo("1");
        } finally {
            server.destroy();
            server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void readinessIs503WhileTheTrafficDrainsAndTheAdminListenerStaysUntilItEnds() throws Exception {
        TestUpstream slow = fixture.upstream();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).upstream("api", slow.uri())
                .route(Route.of("/", "api", List.of())).shutdownGrace(Duration.ofSeconds(20))
                .admin(AdminConfig.loopback(new InetSocketAddress("127.0.0.1", 0))).start();
        assertThat(get(gateway, "/readyz").statusCode()).isEqualTo(200);
        java.util.concurrent.CompletableFuture<Programs.Result> call = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return fixture.curl(gateway, fixture.pki().acme, "/slow/report").run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (gateway.gateway().inFlight() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the client's request reaches the slow upstream
        }
        assertThat(gateway.gateway().inFlight()).isGreaterThan(0);

        java.util.concurrent.CompletableFuture<Void> closing = java.util.concurrent.CompletableFuture.runAsync(
                () -> gateway.gateway().close());
        HttpResponse<String> ready = get(gateway, "/readyz");
        long waited = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ready.statusCode() == 200 && System.nanoTime() < waited) {
            ready = get(gateway, "/readyz");
        }

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"ready\":false,\"not_ready\":[\"the gateway is shutting down: it "
                + "finishes the requests in flight\"]}\n");
        assertThat(get(gateway, "/healthz").statusCode()).isEqualTo(200);
        slow.release();
        assertThat(call.get(30, java.util.concurrent.TimeUnit.SECONDS).stdout()).endsWith("\n200");
        closing.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThatThrownBy(() -> get(gateway, "/healthz")).as("the admin listener closes last")
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void healthReadinessAndTheIndex() throws Exception {
        RunningGateway gateway = started();

        HttpResponse<String> health = get(gateway, "/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        HttpResponse<String> ready = get(gateway, "/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(ready.body()).isEqualTo("{\"ready\":true,\"not_ready\":[]}\n");
        HttpResponse<String> metrics = get(gateway, "/metrics");
        assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        HttpResponse<String> unknown = get(gateway, "/status.php");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).startsWith("no such page: /status.php\n").contains("/metrics   Prometheus metrics");
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(adminUri(gateway, "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("GET and HEAD only").isEqualTo(404);
        assertThat(post.body()).contains("No route of this gateway serves POST /metrics.");
    }

    @Test
    void theAdminPagesAreNotReachableThroughATrafficListener() throws Exception {
        RunningGateway gateway = started();

        Programs.Result echo = fixture.curl(gateway, fixture.pki().acme, "/metrics").run();

        assertThat(echo.stdout()).as("the traffic listener's own route (the echo) answers").contains("\"path\":\"/metrics\"")
                .doesNotContain("mtls_handshakes_total");
    }

    @Test
    void overMutualTlsOnlyTheAllowedClientReadsIt() throws Exception {
        GatewayPki pki = fixture.pki();
        dev.mtlskit.gateway.config.TlsConfig tls = new dev.mtlskit.gateway.config.TlsConfig(
                dev.mtlskit.gateway.config.KeySource.pem(pki.serverCertificate, pki.serverKey,
                        dev.mtlskit.material.PasswordSource.none()),
                List.of(pki.caCertificate), dev.mtlskit.gateway.config.ClientAuthMode.REQUIRE,
                dev.mtlskit.gateway.config.TlsConfig.DEFAULT_PROTOCOLS, List.of(), dev.mtlskit.gateway.config.TlsConfig.DEFAULT_ALPN,
                TlsProvider.OPENSSL, List.of(), false);
        AllowRule acme = AllowRule.builder().set(AllowRule.Condition.forKey("cn"), "acme").build();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL)
                .admin(new AdminConfig(new InetSocketAddress("127.0.0.1", 0), tls, List.of(acme), 100)).start();
        int admin = gateway.gateway().addresses(AdminConfig.NAME).get(0).getPort();

        assertThat(adminCurl(admin, pki.acme).stdout()).isEqualTo("ok\n200");
        Programs.Result anonymous = adminCurl(admin, null);
        assertThat(anonymous.exitCode()).as(anonymous.describe()).isNotZero();

        AllowRule nobody = AllowRule.builder().set(AllowRule.Condition.forKey("cn"), "nobody").build();
        RunningGateway other = fixture.gateway(TlsProvider.OPENSSL)
                .admin(new AdminConfig(new InetSocketAddress("127.0.0.1", 0), tls, List.of(nobody), 100)).start();
        assertThat(adminCurl(other.gateway().addresses(AdminConfig.NAME).get(0).getPort(), pki.acme).stdout())
                .as("a valid client the allow rules do not name").endsWith("\n403");
    }

    private static Programs.Result adminCurl(int port, GatewayPki.Client client) throws Exception {
        Curl curl = fixture.curl().args("-sS", "--resolve", "localhost:" + port + ":127.0.0.1", "--cacert",
                fixture.pki().caCertificate.toString(), "-w", "%{http_code}");
        if (client != null) {
            curl.args("--cert", client.certificate().toString(), "--key", client.key().toString());
        }
        return curl.args("https://localhost:" + port + "/healthz").run();
    }

    @Test
    void anAddressOtherHostsCanReachNeedsMutualTlsAndAllowRules() {
        assertThatThrownBy(() -> AdminConfig.loopback(new InetSocketAddress("0.0.0.0", 9901)))
                .hasMessage("admin.listen 0.0.0.0 is not a loopback address: other hosts could read the gateway's "
                        + "status; listen on 127.0.0.1 (or localhost), or protect it with admin.tls (mutual TLS) and "
                        + "admin.allow");
        assertThatThrownBy(() -> new AdminConfig(new InetSocketAddress("127.0.0.1", 0), null,
                List.of(AllowRule.builder().set(AllowRule.Condition.forKey("cn"), "prometheus").build()), 100))
                .hasMessageStartingWith("admin.allow needs admin.tls");
    }

    private static JsonNode listener(JsonNode status, String name) {
        for (JsonNode listener : status.path("listeners")) {
            if (listener.path("name").asText().equals(name)) {
                return listener;
            }
        }
        throw new AssertionError("no listener " + name + " in " + status);
    }

    private static RunningGateway started() throws Exception {
        return fixture.gateway(TlsProvider.OPENSSL).admin(AdminConfig.loopback(new InetSocketAddress("127.0.0.1", 0))).start();
    }

    private static URI adminUri(RunningGateway gateway, String path) {
        return URI.create("http://127.0.0.1:" + gateway.gateway().addresses(AdminConfig.NAME).get(0).getPort() + path);
    }

    private static HttpResponse<String> get(RunningGateway gateway, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(adminUri(gateway, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The metrics once they contain {@code line} (the gateway counts a failed handshake as the connection ends). */
    private static String awaitMetric(RunningGateway gateway, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String metrics;
        do {
            metrics = get(gateway, "/metrics").body();
            if (metrics.contains(line)) {
                return metrics;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + line + " in\n" + metrics);
    }

    /** The value of one series, e.g. {@code 1.830892021E9}. */
    private static double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in\n" + metrics);
    }

    private static double epochSeconds(Path certificate) throws Exception {
        Matcher pem = Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----").matcher(Files.readString(certificate));
        assertThat(pem.find()).isTrue();
        java.security.cert.X509Certificate parsed = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(pem.group().getBytes()));
        return parsed.getNotAfter().toInstant().getEpochSecond();
    }
}
