package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;

/**
 * A verdict cached for one listener never admits a client to another listener of the same
 * gateway that trusts other CAs.
 */
class VerdictIsolationTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aClientTrustedOnOneListenerIsNotTrustedOnAnotherByCache(TlsProvider provider) throws Exception {
        // Listener b trusts only the rogue CA (the file of the "untrusted" client holds its root).
        RunningGateway a = fixture.gateway(provider).secondListenerTrusting(fixture.pki().untrusted.certificate()).start();
        RunningGateway b = new RunningGateway(a.gateway(), a.listener() + "-b");

        HttpsCall.Response onA = fixture.call(a, fixture.pki().acme, "/x").run();
        assertThat(onA.status()).as(onA.describe()).isEqualTo(200);

        HttpsCall.Response onB = fixture.call(b, fixture.pki().acme, "/x").run();
        assertThat(onB.completed()).as("acme's CA is not trusted on b, whatever a cached: " + onB.describe()).isFalse();
        assertThat(onB.body()).doesNotContain("\"method\"");
    }
}
