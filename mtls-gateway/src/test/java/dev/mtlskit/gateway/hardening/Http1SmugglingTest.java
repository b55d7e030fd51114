package dev.mtlskit.gateway.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mtlskit.gateway.GatewayFixture;
import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.LogCapture;
import dev.mtlskit.gateway.TestUpstream;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;

/**
 * Request smuggling shapes over HTTP/1.1, each followed by a pipelined request that must never be
 * processed: framing that two servers could read differently gets 400 problem+json and the
 * connection closes, before or in the middle of the body. A good request on a new connection is
 * served afterwards.
 */
class Http1SmugglingTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n";

    static Stream<Arguments> ambiguousFraming() {
        return Stream.of(
                Arguments.of("a chunk-size line ended by a bare LF",
                        "POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5\nhello\r\n0\r\n\r\n",
                        "The request body could not be parsed: a chunk-size line is malformed (it must end with CRLF, "
                                + "and extensions must be well-formed)."),
                Arguments.of("a chunk ended by a bare LF",
                        "POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5\r\nhello\n0\r\n\r\n",
                        "The request body could not be parsed: a chunk is not followed by CRLF."),
                Arguments.of("a chunk size that is not hexadecimal",
                        "POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5g\r\nhello\r\n0\r\n\r\n",
                        "The request body could not be parsed: "),
                Arguments.of("Content-Length and Transfer-Encoding",
                        "POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "0\r\n\r\n",
                        "The request could not be parsed: "),
                Arguments.of("two different Content-Lengths",
                        "POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                        "The request could not be parsed: "),
                Arguments.of("a Transfer-Encoding that is not just chunked",
                        "POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked, identity\r\n\r\n"
                                + "0\r\n\r\n",
                        "The request could not be parsed: "),
                Arguments.of("whitespace before the colon of Transfer-Encoding",
                        "POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
                        "The request could not be parsed: "),
                Arguments.of("a header line ended by a bare LF",
                        "POST /a HTTP/1.1\r\nHost: localhost\nContent-Length: 5\r\n\r\nhello",
                        "The request could not be parsed: "),
                Arguments.of("an obsolete line folding of Transfer-Encoding",
                        "POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n",
                        "The request could not be parsed: "));
    }

    @ParameterizedTest(name = "{0}, to the echo")
    @MethodSource("ambiguousFraming")
    void ambiguousFramingGets400AndTheConnectionCloses(String shape, String request, String detail) throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        assertRefused(gateway, shape, request, detail);
        assertGoodClientServed(gateway);
    }

    @ParameterizedTest(name = "{0}, to an upstream")
    @MethodSource("ambiguousFraming")
    void ambiguousFramingNeverReachesTheUpstreamWhole(String shape, String request, String detail) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).start();
        assertRefused(gateway, shape, request, detail);
        assertThat(upstream.requests()).as("what the upstream received whole").isEmpty();
        assertGoodClientServed(gateway);
        assertThat(upstream.requests()).extracting(TestUpstream.Request::path).containsExactly("/good");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"request line", "headers"})
    void aRequestLineOrHeadersOverTheLimitGet431AndTheConnectionCloses(String part) throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        String request = part.equals("request line")
                ? "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                : "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(17_000) + "\r\n\r\n";
        try (RawHttp1Client client = RawHttp1Client.connect(context(), gateway.port())) {
            client.send(request + SMUGGLED);
            List<RawHttp1Client.Response> responses = client.readResponsesUntilClosed();

            assertThat(responses).hasSize(1);
            assertThat(responses.get(0).status()).isEqualTo(431);
            assertThat(responses.get(0).header("connection")).isEqualTo("close");
            assertThat(responses.get(0).body()).contains("\"code\":\"HEADERS_TOO_LARGE\"");
        }
        assertGoodClientServed(gateway);
    }

    @Test
    void theBodyFailureIsInTheAccessLog() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture access = LogCapture.of("mtls.access")) {
            assertRefused(gateway, "bare LF", "POST /logged HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\nhello\r\n0\r\n\r\n", "The request body could not be parsed: ");
            assertThat(access.awaitLine("\"path\":\"/logged\"")).contains("\"status\":400", "\"code\":\"BAD_REQUEST\"");
        }
    }

    private static void assertRefused(RunningGateway gateway, String shape, String request, String detail)
            throws Exception {
        try (RawHttp1Client client = RawHttp1Client.connect(context(), gateway.port())) {
            client.send(request + SMUGGLED);
            List<RawHttp1Client.Response> responses = client.readResponsesUntilClosed();

            assertThat(responses).as(shape + ": one answer, then the connection closes").hasSize(1);
            RawHttp1Client.Response response = responses.get(0);
            assertThat(response.status()).as(shape).isEqualTo(400);
            assertThat(response.header("content-type")).isEqualTo("application/problem+json");
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(response.body()).as(shape).contains("\"code\":\"BAD_REQUEST\"", "\"detail\":\"" + detail)
                    .doesNotContain("Exception", "io.netty", "null", "..");
        }
    }

    private static void assertGoodClientServed(RunningGateway gateway) throws Exception {
        try (RawHttp1Client client = RawHttp1Client.connect(context(), gateway.port())) {
            client.send("GET /good HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(200);
        }
    }

    private static SSLContext context() throws Exception {
        return RawTls.context(fixture.pki(), fixture.pki().acme);
    }
}
