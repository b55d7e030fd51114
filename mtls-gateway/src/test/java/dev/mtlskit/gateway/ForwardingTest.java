package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.Programs;

/**
 * How a request and its answer cross the gateway: message framing (no invented body), Expect:
 * 100-continue (answered by the gateway once it takes the body), informational responses from the
 * upstream (skipped, the real answer follows) and hop-by-hop headers (not forwarded).
 */
class ForwardingTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningGateway gateway(TlsProvider provider, URI upstream) throws Exception {
        return fixture.gateway(provider).upstream("api", upstream)
                .route(Route.of("/", "api", List.of()))
                .route(Route.of("/private/", "api", List.of(AllowRule.builder().commonName("someone-else").build())))
                .start();
    }

    /** A GET has no body: the upstream must not be told of one (Transfer-Encoding: chunked). */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void getWithoutBodyIsForwardedWithoutBody(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream.uri());

        HttpsCall.Response response = fixture.call(gateway, fixture.pki().acme, "/api/orders").http(protocol).run();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        TestUpstream.Request seen = upstream.requests().get(0);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.header("transfer-encoding")).isEmpty();
        assertThat(seen.header("content-length")).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void expectContinueIsAnsweredByTheGateway(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream.uri());

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/api/orders")
                .args(protocol, "-H", "Expect: 100-continue", "--data", "order").run();

        assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        assertThat(curl.stderr()).as(curl.describe())
                .contains(protocol.equals("--http2") ? "< HTTP/2 100" : "< HTTP/1.1 100 Continue")
                .doesNotContain("Done waiting for 100-continue");
        assertThat(curl.body()).isEqualTo("received 5 bytes\n");
        assertThat(upstream.requests().get(0).header("expect")).isEmpty();
    }

    /** A refused request gets its answer instead of 100 Continue, and the connection closes (the body may follow or not). */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void expectContinueOfARefusedRequest(TlsProvider provider) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream.uri());

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/private/orders")
                .args("--http1.1", "-H", "Expect: 100-continue", "--data", "order").run();

        assertThat(curl.status()).as(curl.describe()).isEqualTo(403);
        assertThat(curl.stderr()).as(curl.describe()).doesNotContain("100 Continue");
        assertThat(curl.stderr().toLowerCase(java.util.Locale.ROOT)).contains("< connection: close");
        assertThat(JSON.readTree(curl.body()).path("code").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(upstream.requests()).isEmpty();
    }

    /** 103 Early Hints (or a stray 100 Continue) before the upstream's answer must not be taken for the answer. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void informationalResponsesFromTheUpstreamAreSkipped(TlsProvider provider, String protocol) throws Exception {
        RawUpstream upstream = fixture.closeAfterTest(new RawUpstream("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nConnection: close\r\n\r\n"
                + "the answer"));
        RunningGateway gateway = gateway(provider, upstream.uri());

        HttpsCall.Response response = fixture.call(gateway, fixture.pki().acme, "/api/orders").http(protocol).run();

        assertThat(response.completed()).as(response.describe()).isTrue();
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("the answer");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void hopByHopHeadersAreNotForwarded(TlsProvider provider) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream.uri());

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/api/orders")
                .args("--http1.1", "-H", "Connection: keep-alive, X-Hop", "-H", "X-Hop: secret", "-H", "Keep-Alive: timeout=5",
                        "-H", "X-End-To-End: kept")
                .run();

        assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        TestUpstream.Request seen = upstream.requests().get(0);
        assertThat(seen.header("x-hop")).isEmpty();
        assertThat(seen.header("keep-alive")).isEmpty();
        assertThat(seen.header("x-end-to-end")).containsExactly("kept");
    }

    /** An upstream that reads one request's headers and answers with the given bytes, then closes. */
    static final class RawUpstream implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        RawUpstream(String answer) throws Exception {
            server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        readHeaders(socket.getInputStream());
                        OutputStream out = socket.getOutputStream();
                        out.write(answer.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (Exception closed) {
                        // the test ended, or the gateway hung up
                    }
                }
            }, "raw-upstream");
            thread.setDaemon(true);
            thread.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        private static void readHeaders(InputStream in) throws Exception {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                seen.write(b);
                if (seen.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                    return;
                }
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }
}
