package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.Programs;

/**
 * In {@code explain} mode every handshake completes, and a client without a valid certificate gets
 * an HTTP answer that tells it why (RFC 9457 problem+json with the reason code, a detail and the
 * fix) instead of a TLS alert. Its request never reaches the upstream.
 */
class ExplainModeTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LogCapture access;

    @BeforeAll
    static void captureAccessLog() {
        access = LogCapture.of("mtls.access");
    }

    @AfterAll
    static void stopCapturing() {
        access.close();
    }

    /** Who calls (null: no certificate) and the reason code the answer must name. */
    enum Caller {
        NO_CERTIFICATE(pki -> null, "NO_CLIENT_CERT"),
        EXPIRED(pki -> pki.expired, "EXPIRED"),
        NOT_YET_VALID(pki -> pki.notYetValid, "NOT_YET_VALID"),
        SERVER_ONLY(pki -> pki.serverOnly, "WRONG_PURPOSE"),
        UNTRUSTED(pki -> pki.untrusted, "UNTRUSTED_ROOT"),
        // The listener never saw the intermediate: its issuer is unknown to it (IssuerClassificationTest).
        NO_INTERMEDIATE(pki -> pki.missingIntermediate, "UNKNOWN_ISSUER");

        final Function<GatewayPki, GatewayPki.Client> client;
        final String code;

        Caller(Function<GatewayPki, GatewayPki.Client> client, String code) {
            this.client = client;
            this.code = code;
        }
    }

    static Stream<Arguments> callers() {
        return Stream.of(TlsProvider.values())
                .flatMap(provider -> Stream.of(Caller.values()).map(caller -> Arguments.of(provider, caller)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("callers")
    void answers401WithTheReason(TlsProvider provider, Caller caller) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).clientAuth(ClientAuthMode.EXPLAIN)
                .upstream("api", upstream.uri()).route(Route.of("/", "api", List.of())).start();

        Programs.Result curl = fixture.curl(gateway, caller.client.apply(fixture.pki()), "/api/orders")
                .args("--data", "order").run();

        assertThat(curl.exitCode()).as(curl.describe()).isZero();
        assertThat(curl.stderr()).as(curl.describe()).contains("SSL connection using").contains("Request CERT");
        assertThat(curl.status()).as(curl.describe()).isEqualTo(401);
        assertThat(curl.stderr().toLowerCase(java.util.Locale.ROOT)).as(curl.describe())
                .contains("< content-type: application/problem+json");
        JsonNode problem = JSON.readTree(curl.body());
        assertThat(problem.path("code").asText()).isEqualTo(caller.code);
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("type").asText()).endsWith("/" + caller.code);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("fix").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).isEqualTo("/api/orders");
        if (caller.client.apply(fixture.pki()) != null) {
            String subject = caller.client.apply(fixture.pki()).leaf().getSubjectX500Principal().getName();
            if (caller != Caller.UNTRUSTED) { // that detail names the untrusted root, the end of the chain
                assertThat(problem.path("detail").asText()).contains(subject);
            }
        }
        assertThat(upstream.requests()).as("requests that reached the upstream").isEmpty();
        String entry = access.awaitLine("\"listener\":\"" + gateway.listener() + "\"");
        assertThat(JSON.readTree(entry).path("code").asText()).isEqualTo(caller.code);
        assertThat(JSON.readTree(entry).path("status").asInt()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void notAuthorizedAnswers403NamingTheIdentity(TlsProvider provider) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).clientAuth(ClientAuthMode.EXPLAIN)
                .upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of(AllowRule.builder().commonName("someone-else").build()))).start();

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/api/orders").run();

        assertThat(curl.exitCode()).as(curl.describe()).isZero();
        assertThat(curl.status()).as(curl.describe()).isEqualTo(403);
        assertThat(curl.stderr().toLowerCase(java.util.Locale.ROOT)).as(curl.describe())
                .contains("< content-type: application/problem+json");
        JsonNode problem = JSON.readTree(curl.body());
        assertThat(problem.path("code").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("detail").asText()).contains("CN=acme (" + GatewayPki.ACME_URI + ")").contains("cn=someone-else");
        assertThat(problem.path("fix").asText()).isNotBlank();
        assertThat(upstream.requests()).as("requests that reached the upstream").isEmpty();
    }

    /** The control: the same gateway forwards a valid client, so the upstream does count requests. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void validClientReachesTheUpstream(TlsProvider provider) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).clientAuth(ClientAuthMode.EXPLAIN)
                .upstream("api", upstream.uri()).route(Route.of("/", "api", List.of())).start();

        HttpsCall.Response response = fixture.call(gateway, fixture.pki().acme, "/api/orders").body("order").run();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("received 5 bytes\n");
        assertThat(upstream.requests()).hasSize(1);
        assertThat(upstream.requests().get(0).path()).isEqualTo("/api/orders");
    }
}
