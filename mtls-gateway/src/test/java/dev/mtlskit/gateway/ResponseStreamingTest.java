package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;

/**
 * What the upstream has sent reaches the client while the upstream is still answering: the
 * gateway flushes once per read from the upstream, not only at the end of the response (and not
 * once per part of it either, which costs a TLS record and a write each).
 */
class ResponseStreamingTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void firstPieceArrivesBeforeTheUpstreamFinishes(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).start();
        Path out = Files.createTempFile(fixture.scratch(), "trickle", ".out");
        Path err = Files.createTempFile(fixture.scratch(), "trickle", ".err");

        // -N: curl writes what it receives at once.
        Process curl = fixture.curl(gateway, fixture.pki().acme, "/trickle/feed").args(protocol, "-N").maxTime(40)
                .start(out, err);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(out).contains("first piece") && System.nanoTime() < deadline && curl.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(out)).as("received while the upstream holds the rest; curl stderr:\n%s",
                    Files.readString(err)).isEqualTo("first piece\n");

            upstream.releaseTrickle();
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).as("curl finished").isTrue();
            assertThat(curl.exitValue()).as(Files.readString(err)).isZero();
            assertThat(Files.readString(out)).isEqualTo("first piece\nlast piece\n\n200");
        } finally {
            curl.destroyForcibly();
        }
    }
}
