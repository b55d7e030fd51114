package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.policy.Route;

/**
 * An upstream's {@code max_connections} holds for the whole gateway: with one connection allowed
 * and a request occupying it (a slow upstream answer), the next request gets 503 UPSTREAM_BUSY
 * with Retry-After at once, from the same listener or another; once the slow answer came, the
 * connection serves the next requests again, whichever event loop their client landed on.
 */
class UpstreamBusyTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static UpstreamConfig oneConnection(TestUpstream upstream) {
        return new UpstreamConfig("api", upstream.uri(), null, List.of(), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http2", "--http1.1"})
    void aSecondRequestGets503WhileTheOnlyConnectionIsBusy(String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).upstream(oneConnection(upstream))
                .route(Route.of("/", "api", List.of())).start();

        CompletableFuture<HttpsCall.Response> slow = occupyTheConnection(gateway, upstream, protocol);

        HttpsCall.Response busy = fixture.call(gateway, fixture.pki().acme, "/orders/1").http(protocol).run();
        assertBusy(busy);
        assertThat(busy.header("connection")).as("a request without a body leaves the connection usable")
                .isNotEqualTo(Optional.of("close"));
        assertThat(upstream.requests()).as("the refused request never reached the upstream").hasSize(1);

        upstream.release();
        HttpsCall.Response first = slow.get(30, TimeUnit.SECONDS);
        assertThat(first.status()).as(first.describe()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("late\n");
        // Consecutive clients land on the gateway's two event loops in turn: one reuses the pooled
        // connection, the other has it closed on its loop and a new one opened on its own.
        for (int i = 2; i <= 5; i++) {
            HttpsCall.Response next = fixture.call(gateway, fixture.pki().acme, "/orders/" + i).http(protocol).run();
            assertThat(next.status()).as("request " + i + ": " + next.describe()).isEqualTo(200);
        }
        assertThat(upstream.requests()).hasSize(5);
    }

    @Test
    void theLimitCountsTheConnectionsOfEveryListener() throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway a = fixture.gateway(TlsProvider.OPENSSL).upstream(oneConnection(upstream))
                .route(Route.of("/", "api", List.of())).secondListenerTrusting(fixture.pki().caCertificate).start();
        RunningGateway b = new RunningGateway(a.gateway(), a.listener() + "-b");

        CompletableFuture<HttpsCall.Response> slow = occupyTheConnection(a, upstream, "--http1.1");

        assertBusy(fixture.call(b, fixture.pki().acme, "/orders/1").run());
        upstream.release();
        assertThat(slow.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        HttpsCall.Response onB = fixture.call(b, fixture.pki().acme, "/orders/2").run();
        assertThat(onB.status()).as(onB.describe()).isEqualTo(200);
    }

    /** Starts a /slow/ request and waits until the upstream holds it (it answers on release()). */
    private static CompletableFuture<HttpsCall.Response> occupyTheConnection(RunningGateway gateway, TestUpstream upstream,
                                                                        String protocol) throws InterruptedException {
        CompletableFuture<HttpsCall.Response> slow = CompletableFuture.supplyAsync(
                () -> fixture.call(gateway, fixture.pki().acme, "/slow/report").http(protocol).run());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (upstream.requests().isEmpty() && !slow.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10); // waiting for the client to get its request through
        }
        assertThat(upstream.requests()).as("the slow request reached the upstream").hasSize(1);
        return slow;
    }

    private static void assertBusy(HttpsCall.Response result) throws Exception {
        assertThat(result.completed()).as(result.describe()).isTrue();
        assertThat(result.status()).as(result.describe()).isEqualTo(503);
        assertThat(result.header("content-type")).as(result.describe()).hasValue("application/problem+json");
        assertThat(result.header("retry-after")).as(result.describe()).hasValue("1");
        JsonNode problem = JSON.readTree(result.body());
        assertThat(problem.path("code").asText()).isEqualTo("UPSTREAM_BUSY");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).isEqualTo("The service behind this route has all its 1 connections busy.");
        assertThat(result.body()).doesNotContain("127.0.0.1");
        assertThat(problem.path("fix").asText()).contains("max_connections");
    }
}
