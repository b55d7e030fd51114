package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;

/**
 * {@code optional}: a certificate is verified when presented (an invalid one fails the handshake),
 * and each route decides whether it needs one: anonymous routes serve clients without a certificate,
 * the others answer 401 NO_CLIENT_CERT.
 */
class OptionalModeTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void routesDecideWhoNeedsACertificate(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).clientAuth(ClientAuthMode.OPTIONAL)
                .route(new Route("/public/", Set.of(), GatewayFixture.ECHO, List.of(), true))
                .route(Route.of("/private/", GatewayFixture.ECHO, List.of()))
                .start();

        HttpsCall.Response anonymousPublic = fixture.call(gateway, null, "/public/status").run();
        assertThat(anonymousPublic.status()).as(anonymousPublic.describe()).isEqualTo(200);
        assertThat(JSON.readTree(anonymousPublic.body()).path("client").isNull()).isTrue();

        HttpsCall.Response anonymousPrivate = fixture.call(gateway, null, "/private/data").run();
        assertThat(anonymousPrivate.status()).as(anonymousPrivate.describe()).isEqualTo(401);
        assertThat(JSON.readTree(anonymousPrivate.body()).path("code").asText()).isEqualTo("NO_CLIENT_CERT");

        HttpsCall.Response acmePrivate = fixture.call(gateway, fixture.pki().acme, "/private/data").run();
        assertThat(acmePrivate.status()).as(acmePrivate.describe()).isEqualTo(200);
        assertThat(acmePrivate.body()).contains("\"subject\":\"CN=acme\"");

        HttpsCall.Response expired = fixture.call(gateway, fixture.pki().expired, "/public/status").run();
        assertThat(expired.completed()).as("an invalid certificate fails the handshake, even for a public route: "
                + expired.describe()).isFalse();
        assertThat(expired.body()).doesNotContain("\"method\"");
    }
}
