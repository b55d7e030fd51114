package dev.mtlskit.gateway.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mtlskit.gateway.GatewayFixture;
import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.LogCapture;
import dev.mtlskit.gateway.config.TlsProvider;

import io.netty.handler.codec.http2.Http2Error;

/**
 * HTTP/2 request headers over {@code limits.max_header_size} (16 KiB by default) get 431 with a
 * problem+json body on their own stream, and the connection goes on, up to a hard cap (4 times the
 * limit decoded, 5 times encoded); beyond the cap the connection ends with GOAWAY and one log line.
 */
class Http2HeaderSizeTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @Test
    void headersUnderTheLimitAreServed() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (RawHttp2Client client = connect(gateway)) {
            int stream = client.newStreamId();
            client.headers(stream, RawHttp2Client.requestFields("GET", "/ok", List.of(Map.entry("x-big", "a".repeat(10_000)))),
                    true);
            assertThat(client.awaitResponse(stream).status()).isEqualTo(200);
        }
    }

    /** Before, 16–20 KB got a bare 431 without a body, and larger header lists closed the connection. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {18_000, 40_000, 60_000})
    void headersOverTheLimitGet431OnTheirStream(int size) throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (RawHttp2Client client = connect(gateway)) {
            int stream = client.newStreamId();
            client.headers(stream, RawHttp2Client.requestFields("GET", "/big", List.of(Map.entry("x-big", "a".repeat(size)))),
                    true);

            RawHttp2Client.Response response = client.awaitResponse(stream);
            assertTooLarge(response);
            assertThat(response.body()).contains("\"instance\":\"/big\"");
            assertThat(client.awaitResponse(client.request("GET", "/after")).status()).isEqualTo(200);
        }
    }

    @Test
    void aRequestWithABodyAndHeadersOverTheLimitGets431AndItsBodyIsDropped() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (RawHttp2Client client = connect(gateway)) {
            int stream = client.newStreamId();
            client.headers(stream, RawHttp2Client.requestFields("POST", "/big", List.of(Map.entry("x-big", "a".repeat(20_000)))),
                    false);
            client.data(stream, "some body".getBytes(), true);

            assertTooLarge(client.awaitResponse(stream));
            assertThat(client.awaitResponse(client.request("GET", "/after")).status()).isEqualTo(200);
        }
    }

    /**
     * An HPACK bomb: a 4 KB header put in the dynamic table once, then named 20 times by its index
     * (one byte each). Decoded, the list is over the hard cap; the codec stops keeping headers but
     * goes on decoding (the table stays in step), and answers 431 with the same problem+json.
     */
    @Test
    void aHeaderListOverTheHardCapButSmallOnTheWireGets431AndTheConnectionGoesOn() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture all = LogCapture.of("ROOT"); RawHttp2Client client = connect(gateway)) {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.writeBytes(RawHttp2Client.headerBlock(RawHttp2Client.requestFields("GET", "/bomb", List.of())));
            block.write(0x40); // literal with incremental indexing, new name: becomes dynamic entry 62
            block.write(5);
            block.writeBytes("x-big".getBytes());
            block.write(0x7f); // value length 4000: 127 + 3873 as a 7-bit-prefix integer
            block.write(3873 % 128 + 128);
            block.write(3873 / 128);
            block.writeBytes("b".repeat(4000).getBytes());
            for (int i = 0; i < 20; i++) {
                block.write(0x80 | 62); // indexed: dynamic entry 62 again
            }
            int stream = client.newStreamId();
            client.write(RawHttp2Client.frame(RawHttp2Client.HEADERS, RawHttp2Client.END_HEADERS | RawHttp2Client.END_STREAM,
                    stream, block.toByteArray()));

            RawHttp2Client.Response response = client.awaitResponse(stream);
            assertThat(response.reset()).isNull();
            assertThat(response.status()).isEqualTo(431);
            assertThat(response.header("content-type")).isEqualTo("application/problem+json");
            assertThat(response.body()).contains("\"code\":\"HEADERS_TOO_LARGE\"",
                    "\"detail\":\"The request headers exceed the limit of 16384 bytes.\"",
                    "limits.max_header_size");
            // HPACK's table is in step: the next request on the connection decodes and is served.
            assertThat(client.awaitResponse(client.request("GET", "/after")).status()).isEqualTo(200);
            assertThat(all.linesWithStackTraces()).noneMatch(trace -> trace.contains("Http2"));
        }
    }

    @Test
    void aHeaderBlockOverTheHardCapOnTheWireEndsTheConnection() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture log = LogCapture.of("mtls.protocol"); RawHttp2Client client = connect(gateway)) {
            client.headers(client.newStreamId(), RawHttp2Client.requestFields("GET", "/huge",
                    List.of(Map.entry("x-huge", "a".repeat(100_000)))), true);

            // The GOAWAY, unless a TCP reset overtook it (the rest of the block was still coming).
            client.awaitGoAwayUnlessReset()
                    .ifPresent(goAway -> assertThat(goAway.error()).isEqualTo(Http2Error.PROTOCOL_ERROR));
            assertThat(client.awaitClosed()).isTrue();
            assertThat(log.awaitLine(gateway.logMarker())).startsWith("HTTP/2 connection closed " + gateway.logMarker())
                    .endsWith(" (GOAWAY PROTOCOL_ERROR): a request's header block exceeds 81920 bytes (80 KiB), "
                            + "more than the gateway reads to answer 431");
        }
        Http2AbuseTest.assertGoodClientServed(gateway, RawTls.context(fixture.pki(), fixture.pki().acme));
    }

    private static void assertTooLarge(RawHttp2Client.Response response) {
        assertThat(response.reset()).isNull();
        assertThat(response.status()).isEqualTo(431);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        assertThat(response.body()).contains("\"status\":431", "\"code\":\"HEADERS_TOO_LARGE\"", "16384 bytes");
    }

    private static RawHttp2Client connect(RunningGateway gateway) throws Exception {
        SSLContext context = RawTls.context(fixture.pki(), fixture.pki().acme);
        return RawHttp2Client.connect(context, gateway.port());
    }
}
