package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.Limits;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.Programs;

/** A request body over limits.max_body gets 413 BODY_TOO_LARGE and is not forwarded whole. */
class BodyLimitTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT = 1024;

    private RunningGateway gateway(TlsProvider provider, TestUpstream upstream) throws Exception {
        Limits defaults = Limits.defaults();
        return fixture.gateway(provider).upstream("api", upstream.uri()).route(Route.of("/", "api", List.of()))
                .limits(new Limits(defaults.maxHeaderBytes(), LIMIT, defaults.maxConnections(), defaults.maxConcurrentStreams()))
                .start();
    }

    private static Path body(int size) throws Exception {
        Path file = Files.createTempFile(fixture.scratch(), "body", ".bin");
        Files.write(file, new byte[size]);
        return file;
    }

    /** Content-Length says it all: refused before anything is forwarded. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void contentLengthOverTheLimit(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream);

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/upload")
                .args(protocol, "--data-binary", "@" + body(4096)).run();

        assertThat(curl.stderr()).as(curl.describe()).containsIgnoringCase("content-length: 4096");
        assertThat(curl.status()).as(curl.describe()).isEqualTo(413);
        assertThat(curl.stderr().toLowerCase(java.util.Locale.ROOT)).contains("< content-type: application/problem+json");
        JsonNode problem = JSON.readTree(curl.body());
        assertThat(problem.path("code").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(problem.path("detail").asText()).contains("4096").contains(Long.toString(LIMIT));
        assertThat(problem.path("fix").asText()).isEqualTo("send a smaller body, or ask the operator to raise limits.max_body_size");
        assertThat(upstream.requests()).isEmpty();
    }

    /** At the limit exactly, the body passes. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void contentLengthAtTheLimit(TlsProvider provider) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream);

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/upload")
                .args("--data-binary", "@" + body((int) LIMIT)).run();

        assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        assertThat(curl.body()).isEqualTo("received " + LIMIT + " bytes\n");
    }

    /** A chunked body has no length to check up front: it is counted as it streams, and cut at the limit. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void chunkedBodyOverTheLimit(TlsProvider provider) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream);

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/upload")
                .args("--http1.1", "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + body(64 * 1024)).run();

        assertThat(curl.stderr()).as(curl.describe()).containsIgnoringCase("transfer-encoding: chunked");
        assertThat(curl.status()).as(curl.describe()).isEqualTo(413);
        assertThat(JSON.readTree(curl.body()).path("code").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(JSON.readTree(curl.body()).path("fix").asText()).isEqualTo("send a smaller body, or ask the operator to raise limits.max_body_size");
        assertThat(upstream.requests()).as("no upstream request completed").isEmpty();
    }

    /** The built-in echo counts a chunked body against the limit too. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void chunkedBodyOverTheLimitToTheEcho(TlsProvider provider) throws Exception {
        Limits defaults = Limits.defaults();
        RunningGateway gateway = fixture.gateway(provider).route(Route.of("/", GatewayFixture.ECHO, List.of()))
                .limits(new Limits(defaults.maxHeaderBytes(), LIMIT, defaults.maxConnections(), defaults.maxConcurrentStreams()))
                .start();

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/upload")
                .args("--http1.1", "-H", "Transfer-Encoding: chunked", "--data-binary", "@" + body(64 * 1024)).run();

        assertThat(curl.status()).as(curl.describe()).isEqualTo(413);
        assertThat(JSON.readTree(curl.body()).path("code").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(JSON.readTree(curl.body()).path("fix").asText()).isEqualTo("send a smaller body, or ask the operator to raise limits.max_body_size");
    }

    /** The 431's fix names the key that exists: limits.max_header_size. */
    @Test
    void headersOverTheLimitNameTheKey() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/")
                .args("--http1.1", "-H", "X-Big: " + "b".repeat(20_000)).run();

        assertThat(curl.status()).as(curl.describe()).isEqualTo(431);
        JsonNode problem = JSON.readTree(curl.body());
        assertThat(problem.path("code").asText()).isEqualTo("HEADERS_TOO_LARGE");
        assertThat(problem.path("fix").asText())
                .isEqualTo("send fewer or shorter headers, or ask the operator to raise limits.max_header_size");
    }
}
