package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;

/** Closing the gateway stops new connections but lets a request in flight finish within the grace period. */
class GracefulShutdownTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @ParameterizedTest
    @ValueSource(strings = {"--http2", "--http1.1"})
    void aRequestInFlightIsAnsweredAfterCloseStarted(String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).shutdownGrace(Duration.ofSeconds(10)).start();

        CompletableFuture<HttpsCall.Response> call = CompletableFuture.supplyAsync(
                () -> fixture.call(gateway, fixture.pki().acme, "/slow/report").http(protocol).run());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (gateway.gateway().inFlight() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // waiting for the client to get its request in
        }
        assertThat(gateway.gateway().inFlight()).as("the request reached the gateway").isEqualTo(1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> gateway.gateway().close());
        Thread.sleep(300);
        assertThat(closing).as("close waits for the request in flight").isNotDone();

        upstream.release(); // the slow upstream answers now
        HttpsCall.Response result = call.get(30, TimeUnit.SECONDS);
        closing.get(30, TimeUnit.SECONDS);
        assertThat(result.status()).as(result.describe()).isEqualTo(200);
        assertThat(result.body()).isEqualTo("late\n");
        assertThat(gateway.gateway().inFlight()).isZero();
    }
}
