package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.Programs;

/**
 * Allow rules per route: {@code /a/} lets in CN acme, {@code /b/} only the SPIFFE ID
 * spiffe://example.org/other. acme may use /a/, is refused on /b/ (403 naming who it is), and a
 * path no route serves is 404. Paths are judged, and forwarded, in canonical form.
 */
class RouteAuthorizationTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningGateway gateway(TlsProvider provider, String upstreamA, String upstreamB) throws Exception {
        return fixture.gateway(provider).clientAuth(ClientAuthMode.REQUIRE)
                .route(Route.of("/a/", upstreamA, List.of(AllowRule.builder().commonName("acme").build())))
                .route(Route.of("/b/", upstreamB, List.of(AllowRule.builder().uri("spiffe://example.org/other").build())))
                .start();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void allowedRoute(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider, GatewayFixture.ECHO, GatewayFixture.ECHO);

        HttpsCall.Response response = fixture.call(gateway, fixture.pki().acme, "/a/x").run();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.path("path").asText()).isEqualTo("/a/x");
        assertThat(echo.path("client").path("common_name").asText()).isEqualTo("acme");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void deniedRouteAnswers403NamingTheIdentity(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider, GatewayFixture.ECHO, GatewayFixture.ECHO);

        HttpsCall.Response response = fixture.call(gateway, fixture.pki().acme, "/b/x").run();

        assertThat(response.completed()).as(response.describe()).isTrue();
        assertThat(response.status()).as(response.describe()).isEqualTo(403);
        assertThat(response.header("content-type")).as(response.describe()).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(problem.path("detail").asText())
                .contains("CN=acme (" + GatewayPki.ACME_URI + ")")
                .contains("/b/")
                .contains("uri=spiffe://example.org/other");
        assertThat(problem.path("fix").asText()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void unknownPathAnswers404(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider, GatewayFixture.ECHO, GatewayFixture.ECHO);

        HttpsCall.Response response = fixture.call(gateway, fixture.pki().acme, "/c/x").run();

        assertThat(response.status()).as(response.describe()).isEqualTo(404);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("NO_ROUTE");
        assertThat(problem.path("detail").asText()).contains("/c/x");
        // "/a" without the slash is /a itself (segment matching), "/ab/x" is not under /a/.
        assertThat(JSON.readTree(fixture.call(gateway, fixture.pki().acme, "/ab/x").run().body()).path("code").asText())
                .isEqualTo("NO_ROUTE");
    }

    /** A dot-segment cannot walk from an allowed prefix into a denied one: the canonical path decides. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void dotSegmentsAreResolvedBeforeAuthorization(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider, GatewayFixture.ECHO, GatewayFixture.ECHO);

        for (String path : List.of("/a/../b/x", "/a/%2e%2e/b/x", "/a//../b/x")) {
            Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, path).args("--path-as-is").run();
            assertThat(curl.status()).as(curl.describe()).isEqualTo(403);
            assertThat(JSON.readTree(curl.body()).path("code").asText()).isEqualTo("NOT_AUTHORIZED");
        }
        Programs.Result encodedSlash = fixture.curl(gateway, fixture.pki().acme, "/a/..%2fb/x").args("--path-as-is").run();
        assertThat(encodedSlash.status()).as(encodedSlash.describe()).isEqualTo(400);
        assertThat(JSON.readTree(encodedSlash.body()).path("code").asText()).isEqualTo("AMBIGUOUS_PATH");
    }

    /**
     * Tomcat, Jetty and Spring upstreams drop {@code ;parameters} before resolving dot-segments, so
     * {@code /a/..;/b/x} is {@code /b/x} to them: authorized by /a/'s rule, it would reach /b/.
     * Refused (400 AMBIGUOUS_PATH), encoded forms too, and never forwarded; so is a path whose route
     * changes once its parameters are removed. Parameters that keep the route pass unchanged.
     */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void pathParametersCannotWalkPastAnAllowRule(TlsProvider provider) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, "api", "api", upstream);

        for (String path : List.of("/a/..;/b/x", "/a/..;jsessionid=0/b/x", "/a/%2e%2e;/b/x", "/a/%2E%2e;/b/x",
                "/a/..%3b/b/x", "/a/..%3B/b/x", "/a/.%2e%3B/b/x", "/a/.;/x", "/a/x/..;", "/b;x/y", "/b%3bx/y")) {
            Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, path).args("--path-as-is").run();
            assertThat(curl.status()).as(path + ": " + curl.describe()).isEqualTo(400);
            JsonNode problem = JSON.readTree(curl.body());
            assertThat(problem.path("code").asText()).as(path).isEqualTo("AMBIGUOUS_PATH");
            assertThat(problem.path("detail").asText()).as(path).startsWith("The path " + path + " ");
        }
        assertThat(upstream.requests()).isEmpty();

        Programs.Result dotParameter = fixture.curl(gateway, fixture.pki().acme, "/a/..;/b/x").args("--path-as-is").run();
        assertThat(JSON.readTree(dotParameter.body()).path("detail").asText()).isEqualTo("The path /a/..;/b/x could be "
                + "read in different ways by different servers (an encoded slash or backslash, a control character, "
                + ".. above the root, or a dot-segment with parameters such as ..;), so it is refused.");
        Programs.Result moved = fixture.curl(gateway, fixture.pki().acme, "/b;x/y").args("--path-as-is").run();
        assertThat(JSON.readTree(moved.body()).path("detail").asText()).isEqualTo("The path /b;x/y would be authorized "
                + "by another route once its ;parameters are removed, as servers such as Tomcat and Jetty do, so it is "
                + "refused.");
        assertThat(JSON.readTree(moved.body()).path("fix").asText()).isEqualTo("send the path without ;parameters");

        Programs.Result matrix = fixture.curl(gateway, fixture.pki().acme, "/a/cars;color=red/x;v=2?q=1").run();
        assertThat(matrix.status()).as(matrix.describe()).isEqualTo(200);
        assertThat(upstream.requests()).hasSize(1);
        assertThat(upstream.requests().get(0).path()).isEqualTo("/a/cars;color=red/x;v=2");
    }

    private RunningGateway gateway(TlsProvider provider, String upstreamA, String upstreamB, TestUpstream upstream)
            throws Exception {
        return fixture.gateway(provider).clientAuth(ClientAuthMode.REQUIRE).upstream("api", upstream.uri())
                .route(Route.of("/a/", upstreamA, List.of(AllowRule.builder().commonName("acme").build())))
                .route(Route.of("/b/", upstreamB, List.of(AllowRule.builder().uri("spiffe://example.org/other").build())))
                .start();
    }

    /**
     * The upstream gets the path that was authorized, not the raw one: an upstream that does not
     * resolve dot-segments itself must not see {@code /b/../a/x} (which it might serve as /b/).
     */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void upstreamReceivesTheCanonicalPath(TlsProvider provider) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).clientAuth(ClientAuthMode.REQUIRE)
                .upstream("api", upstream.uri())
                .route(Route.of("/a/", "api", List.of(AllowRule.builder().commonName("acme").build())))
                .route(Route.of("/b/", "api", List.of(AllowRule.builder().uri("spiffe://example.org/other").build())))
                .start();

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/b/../a/./x?q=1&r=%2F").args("--path-as-is").run();

        assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        assertThat(upstream.requests()).hasSize(1);
        assertThat(upstream.requests().get(0).path()).isEqualTo("/a/x");
        assertThat(upstream.requests().get(0).rawQuery()).isEqualTo("q=1&r=%2F");
    }
}
