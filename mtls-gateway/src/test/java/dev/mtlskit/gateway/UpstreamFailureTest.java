package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.Programs;

/**
 * When the upstream is down the client gets 502 UPSTREAM_UNAVAILABLE, when it is too slow 504
 * UPSTREAM_TIMEOUT, both as problem+json, over HTTP/2 and HTTP/1.1.
 */
class UpstreamFailureTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A port on 127.0.0.1 that nothing listens on (it was bound a moment ago, then closed). */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void upstreamDownAnswers502(TlsProvider provider, String protocol) throws Exception {
        URI down = URI.create("http://127.0.0.1:" + closedPort());
        RunningGateway gateway = fixture.gateway(provider).upstream("api", down)
                .route(Route.of("/", "api", List.of())).start();

        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            HttpsCall.Response response = fixture.call(gateway, fixture.pki().acme, "/api/orders").http(protocol).body("x")
                    .run();

            assertThat(response.completed()).as(response.describe()).isTrue();
            assertThat(response.status()).as(response.describe()).isEqualTo(502);
            assertThat(response.header("content-type")).as(response.describe()).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(problem.path("status").asInt()).isEqualTo(502);
            // The client learns neither the upstream's address nor the system's words: they are the operator's.
            assertThat(problem.path("detail").asText()).isEqualTo("The service behind this route could not be reached.");
            assertThat(problem.path("fix").asText()).isEqualTo("try again later; if it persists, tell the API's operator "
                    + "the time of the failure and the code UPSTREAM_UNAVAILABLE (the gateway's log has the cause)");
            assertThat(response.body()).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(down.getPort()))
                    .doesNotContainIgnoringCase("refused");
            // The log line has them.
            assertThat(log.awaitLine(down.toString())).startsWith("api: " + down + " CONNECTION_REFUSED: nothing listens "
                    + "there: ").containsIgnoringCase("connection refused").contains(Integer.toString(down.getPort()));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void slowUpstreamAnswers504(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).requestTimeout(Duration.ofMillis(500)).start();

        // The upstream answers /slow/ only when the test ends: any answer before is the gateway's.
        HttpsCall.Response response;
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            response = fixture.call(gateway, fixture.pki().acme, "/slow/report").http(protocol).run();
            assertThat(log.awaitLine(upstream.uri().toString())).isEqualTo("api: " + upstream.uri() + " UPSTREAM_TIMEOUT: "
                    + "no response headers within timeouts.request (500 ms; listener " + gateway.listener()
                    + ", route /, GET /slow/report). Fix: check the API's load and health; raise timeouts.request of "
                    + "listener " + gateway.listener() + " if its answers may take longer");
        }

        assertThat(response.completed()).as(response.describe()).isTrue();
        assertThat(response.status()).as(response.describe()).isEqualTo(504);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("UPSTREAM_TIMEOUT");
        assertThat(problem.path("status").asInt()).isEqualTo(504);
        assertThat(problem.path("detail").asText()).isEqualTo("The service behind this route did not answer within 500 ms.");
        assertThat(response.body()).doesNotContain(upstream.uri().toString());
        assertThat(upstream.requests()).as("the request reached the upstream").hasSize(1);
    }

    /**
     * timeouts.request counts from the end of the request: an upload slower than it, that keeps
     * moving, is answered (it used to get 504 while still sending, as a 64 MB upload on a busy machine did).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void anUploadLongerThanTheRequestTimeoutIsAnswered(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).requestTimeout(Duration.ofMillis(500)).start();
        java.nio.file.Path body = java.nio.file.Files.write(java.nio.file.Files.createTempFile("upload", ".bin"),
                new byte[48 * 1024]);
        try {
            // 48 KB at 32 KB/s: about 1.5 s of upload, three times the request timeout.
            Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/upload").args(protocol)
                    .args("--limit-rate", "32K", "--data-binary", "@" + body).run();

            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            assertThat(upstream.requests()).hasSize(1);
            assertThat(upstream.requests().get(0).bodyBytes()).isEqualTo(48 * 1024);
        } finally {
            java.nio.file.Files.deleteIfExists(body);
        }
    }
}
