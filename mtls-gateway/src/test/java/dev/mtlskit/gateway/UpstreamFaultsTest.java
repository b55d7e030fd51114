package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.Programs;

/**
 * Upstreams that misbehave ({@link FaultyUpstream}): after the response headers they stall or
 * close mid-body, or they answer with something that is not HTTP, or with headers over the
 * limit. The client sees a 502 that names no internal address, or a response visibly cut (never
 * one that looks complete); the log has one line with the code and the details; the next request
 * on the same gateway is served (the pool keeps no broken connection).
 */
class UpstreamFaultsTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/2 RST_STREAM INTERNAL_ERROR. */
    private static final long INTERNAL_ERROR = 2;

    private static RunningGateway gateway(TlsProvider provider, UpstreamConfig upstream) throws Exception {
        return fixture.gateway(provider).upstream(upstream).route(Route.of("/", upstream.name(), List.of())).start();
    }

    private static FaultyUpstream faultyUpstream() throws Exception {
        return fixture.closeAfterTest(new FaultyUpstream());
    }

    /** The next request on the same gateway is answered by the same upstream. */
    private static void nextRequestIsServed(RunningGateway gateway, String protocol) throws Exception {
        HttpsCall.Response next = fixture.call(gateway, fixture.pki().acme, "/ok/next").http(protocol).run();
        assertThat(next.status()).as(next.describe()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("ok\n");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void aStalledResponseBodyIsCutAfterTheIdleTimeout(TlsProvider provider, String protocol) throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(provider, UpstreamConfig.http("api", upstream.uri())
                .withResponseIdleTimeout(Duration.ofMillis(500)));
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            long start = System.nanoTime();
            Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/stall/report").args(protocol).run();
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(curl.exitCode()).as("curl saw the response cut: " + curl.describe()).isNotZero();
            assertThat(curl.stdout()).as(curl.describe()).startsWith(FaultyUpstream.BODY_START);
            if (protocol.equals("--http2")) {
                assertThat(curl.stderr()).as(curl.describe()).contains("INTERNAL_ERROR");
            } else {
                assertThat(curl.stderr()).as(curl.describe()).contains("90 bytes remaining");
            }
            assertThat(millis).as("cut after about the timeout, not curl's").isLessThan(10_000);
            String line = log.awaitLine(upstream.uri().toString());
            assertThat(line).isEqualTo("api: " + upstream.uri() + " RESPONSE_IDLE_TIMEOUT: the upstream sent nothing "
                    + "for 500 ms (upstreams.api.response_idle_timeout) after 10 bytes of the response body (listener "
                    + gateway.listener() + ", route /, GET /stall/report); the response was cut and the upstream "
                    + "connection closed. Fix: check why the API stalls in the middle of a response; raise "
                    + "upstreams.api.response_idle_timeout if it may pause longer between two pieces (long polling, "
                    + "slow reports)");
        }
        assertThat(upstream.awaitStalledClosed(10)).as("the gateway closed the stalled upstream connection").isTrue();
        nextRequestIsServed(gateway, protocol);
    }

    @Test
    void clientPingsDoNotKeepAStalledResponseAlive() throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(TlsProvider.OPENSSL, UpstreamConfig.http("api", upstream.uri())
                .withResponseIdleTimeout(Duration.ofMillis(700)));

        H2Probe.Outcome outcome = H2Probe.get(gateway, fixture.pki(), fixture.pki().acme, "/stall/feed",
                Duration.ofMillis(50), Duration.ofSeconds(10));

        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.body()).isEqualTo(FaultyUpstream.BODY_START);
        assertThat(outcome.ended()).as("never ends as if complete").isFalse();
        assertThat(outcome.resetCode()).as("RST_STREAM INTERNAL_ERROR").isEqualTo(INTERNAL_ERROR);
        assertThat(outcome.pingAcks()).as("the client pinged all along, and was answered").isGreaterThan(5);
        assertThat(upstream.awaitStalledClosed(10)).isTrue();
    }

    /** A client that takes nothing (its HTTP/2 window stays full) holds the upstream connection no longer. */
    @Test
    void aClientThatStopsReadingIsCutAfterTheIdleTimeoutToo() throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(TlsProvider.OPENSSL, UpstreamConfig.http("api", upstream.uri())
                .withResponseIdleTimeout(Duration.ofMillis(700)));
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            // The probe never sends WINDOW_UPDATE: it takes the first 64 KiB and then nothing.
            H2Probe.Outcome outcome = H2Probe.get(gateway, fixture.pki(), fixture.pki().acme, "/big/file",
                    Duration.ofMillis(50), Duration.ofSeconds(10));

            assertThat(outcome.resetCode()).isEqualTo(INTERNAL_ERROR);
            assertThat(outcome.body().length()).isEqualTo(65_535);
            assertThat(log.awaitLine(upstream.uri().toString())).contains(" RESPONSE_IDLE_TIMEOUT: the client took none "
                    + "of the response for 700 ms (upstreams.api.response_idle_timeout) after ").contains("Fix: nothing, if "
                    + "the client stopped reading on purpose; raise upstreams.api.response_idle_timeout for clients that "
                    + "pause longer");
        }
        nextRequestIsServed(gateway, "--http2");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void aBodyCutByTheUpstreamIsCutForTheClientAndLogged(TlsProvider provider, String protocol) throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(provider, UpstreamConfig.http("api", upstream.uri()));
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/truncate/file").args(protocol).run();

            assertThat(curl.exitCode()).as(curl.describe()).isNotZero();
            assertThat(curl.stdout()).startsWith(FaultyUpstream.BODY_START);
            if (protocol.equals("--http2")) {
                assertThat(curl.stderr()).as(curl.describe()).contains("INTERNAL_ERROR");
            }
            assertThat(log.awaitLine(upstream.uri().toString())).isEqualTo("api: " + upstream.uri()
                    + " UPSTREAM_TRUNCATED: the upstream closed the connection after 10 of the 100 bytes of the response "
                    + "body (listener " + gateway.listener() + ", route /, GET /truncate/file); the client saw the "
                    + "response cut. Fix: check the API's own log at that time: it ended the response early (a crash, "
                    + "a restart, a timeout of its own or of a proxy in between)");
        }
        nextRequestIsServed(gateway, protocol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http2", "--http1.1"})
    void aChunkedBodyCutBeforeItsLastChunkIsCutForTheClient(String protocol) throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(TlsProvider.OPENSSL, UpstreamConfig.http("api", upstream.uri()));
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            HttpsCall.Response response = fixture.call(gateway, fixture.pki().acme, "/truncate-chunked/feed").http(protocol).run();

            assertThat(response.completed()).as("the client did not take it for complete: " + response.describe()).isFalse();
            assertThat(log.awaitLine(upstream.uri().toString())).contains("UPSTREAM_TRUNCATED: the upstream closed the "
                    + "connection after 10 bytes of a chunked response body, before its last chunk");
        }
        nextRequestIsServed(gateway, protocol);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void anAnswerThatIsNotHttpIsABadResponse(TlsProvider provider, String protocol) throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(provider, UpstreamConfig.http("api", upstream.uri()));
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            JsonNode problem = problem(fixture.call(gateway, fixture.pki().acme, "/garbage/x").http(protocol).run(), 502,
                    "UPSTREAM_BAD_RESPONSE");
            assertThat(problem.path("detail").asText())
                    .isEqualTo("The service behind this route answered with something that is not valid HTTP.");
            assertThat(problem.path("fix").asText()).isEqualTo("try again later; if it persists, tell the API's "
                    + "operator the time of the failure and the code UPSTREAM_BAD_RESPONSE (the gateway's log has the cause)");
            assertThat(log.awaitLine(upstream.uri().toString())).startsWith("api: " + upstream.uri()
                    + " UPSTREAM_BAD_RESPONSE: the upstream's answer was not valid HTTP: ").contains("(it began with "
                            + "\"SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\\x0d\\x0a\")")
                    .endsWith("Fix: check that the upstream's url names the port where the API serves HTTP/1.1 "
                            + "(http:// for plain HTTP, https:// for TLS) and what answers there");
        }
        nextRequestIsServed(gateway, protocol);
    }

    @Test
    void aTlsAlertWithoutALineEndIsABadResponseToo() throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(TlsProvider.OPENSSL, UpstreamConfig.http("api", upstream.uri()));
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            problem(fixture.call(gateway, fixture.pki().acme, "/alert/x").run(), 502, "UPSTREAM_BAD_RESPONSE");
            assertThat(log.awaitLine(upstream.uri().toString())).contains("UPSTREAM_BAD_RESPONSE: the upstream's answer "
                    + "was not valid HTTP: ").contains(" (it began with \"\\x15\\x03\\x03\\x00\\x02\\x02F\", a TLS "
                    + "record: is the upstream's url https://?)");
        }
        nextRequestIsServed(gateway, "--http1.1");
    }

    @Test
    void aStatusLineCutShortIsABadResponse() throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(TlsProvider.OPENSSL, UpstreamConfig.http("api", upstream.uri()));
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            problem(fixture.call(gateway, fixture.pki().acme, "/half-line/x").run(), 502, "UPSTREAM_BAD_RESPONSE");
            assertThat(log.awaitLine(upstream.uri().toString())).contains("UPSTREAM_BAD_RESPONSE: the upstream's answer "
                    + "was not valid HTTP: it sent 10 bytes that are not an HTTP status line (it began with \"HTTP/1.1 2\"), "
                    + "then closed the connection.");
        }
        nextRequestIsServed(gateway, "--http1.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http2", "--http1.1"})
    void responseHeadersOverTheLimitNameTheSetting(String protocol) throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(TlsProvider.OPENSSL, UpstreamConfig.http("api", upstream.uri()));
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            JsonNode problem = problem(fixture.call(gateway, fixture.pki().acme, "/huge-headers/20000").http(protocol).run(),
                    502, "UPSTREAM_HEADERS_TOO_LARGE");
            assertThat(problem.path("detail").asText()).isEqualTo("The service behind this route answered with headers "
                    + "larger than the gateway takes (its max_response_header_size).");
            assertThat(log.awaitLine(upstream.uri().toString())).isEqualTo("api: " + upstream.uri()
                    + " UPSTREAM_HEADERS_TOO_LARGE: the upstream's status line and headers exceed "
                    + "upstreams.api.max_response_header_size (16384 bytes). Fix: raise "
                    + "upstreams.api.max_response_header_size, or make the API send fewer or shorter headers");
        }
        nextRequestIsServed(gateway, protocol);
        // Under the default limit they pass.
        // curl: mtls call's client takes no more than 8 KiB of response headers.
        Programs.Result small = fixture.curl(gateway, fixture.pki().acme, "/huge-headers/12000").args(protocol).run();
        assertThat(small.status()).as(small.describe()).isEqualTo(200);
    }

    @Test
    void theResponseHeaderLimitIsASetting() throws Exception {
        FaultyUpstream upstream = faultyUpstream();
        RunningGateway gateway = gateway(TlsProvider.OPENSSL, UpstreamConfig.http("api", upstream.uri())
                .withMaxResponseHeaderBytes(32 * 1024));

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/huge-headers/20000").run();

        assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        assertThat(curl.body()).isEqualTo("ok\n");
    }

    private static JsonNode problem(HttpsCall.Response response, int status, String code) throws Exception {
        assertThat(response.completed()).as(response.describe()).isTrue();
        assertThat(response.status()).as(response.describe()).isEqualTo(status);
        assertThat(response.header("content-type")).as(response.describe()).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).as("nothing about the upstream's address").doesNotContain("127.0.0.1");
        return problem;
    }
}
