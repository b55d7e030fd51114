package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;

/**
 * Requests from new client connections reuse pooled upstream connections and are answered. (An
 * HTTP/2 request whose headers ended the stream was once written to the pooled connection twice,
 * which broke it: the third request of this test got 504.)
 */
class UpstreamPoolTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @ParameterizedTest
    @ValueSource(strings = {"--http2", "--http1.1"})
    void sequentialClientsReusePooledConnections(String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).requestTimeout(Duration.ofSeconds(5)).start();
        for (int i = 0; i < 6; i++) {
            HttpsCall.Response result = fixture.call(gateway, fixture.pki().acme, "/orders/" + i).http(protocol).run();
            assertThat(result.status()).as("request " + i + ": " + result.describe()).isEqualTo(200);
        }
        assertThat(upstream.requests()).hasSize(6);
    }
}
