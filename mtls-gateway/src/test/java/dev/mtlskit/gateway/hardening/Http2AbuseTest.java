package dev.mtlskit.gateway.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
import dev.mtlskit.gateway.config.Limits;
import dev.mtlskit.gateway.config.TlsProvider;

import io.netty.handler.codec.http2.Http2Error;

/**
 * Malformed HTTP/2 requests and frame floods, sent frame by frame: each malformed request resets
 * its own stream with PROTOCOL_ERROR (RFC 9113, 8.1.1) and the connection goes on; a flood of
 * frames that carry no request is cut off with GOAWAY ENHANCE_YOUR_CALM; every event is one line
 * on {@code mtls.protocol}; a good client is served afterwards.
 */
class Http2AbuseTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("no :method", List.of(Map.entry(":scheme", "https"), Map.entry(":authority", "localhost"),
                        Map.entry(":path", "/"))),
                Arguments.of("no :path", List.of(Map.entry(":method", "GET"), Map.entry(":scheme", "https"),
                        Map.entry(":authority", "localhost"))),
                Arguments.of("no :scheme", List.of(Map.entry(":method", "GET"), Map.entry(":authority", "localhost"),
                        Map.entry(":path", "/"))),
                Arguments.of("empty :path", RawHttp2Client.requestFields("GET", "", List.of())),
                Arguments.of("an uppercase header name", RawHttp2Client.requestFields("GET", "/",
                        List.of(Map.entry("X-Upper", "1")))),
                Arguments.of("a connection-specific header", RawHttp2Client.requestFields("GET", "/",
                        List.of(Map.entry("connection", "keep-alive")))),
                Arguments.of("te other than trailers", RawHttp2Client.requestFields("GET", "/",
                        List.of(Map.entry("te", "gzip")))),
                Arguments.of("a pseudo-header after a regular header", List.of(Map.entry(":method", "GET"),
                        Map.entry(":scheme", "https"), Map.entry("accept", "*/*"), Map.entry(":authority", "localhost"),
                        Map.entry(":path", "/"))),
                Arguments.of("an unknown pseudo-header", RawHttp2Client.requestFields("GET", "/",
                        List.of(Map.entry(":color", "blue")))),
                Arguments.of("a response pseudo-header", List.of(Map.entry(":status", "200"), Map.entry(":method", "GET"),
                        Map.entry(":scheme", "https"), Map.entry(":authority", "localhost"), Map.entry(":path", "/"))),
                Arguments.of("a duplicate :path", RawHttp2Client.requestFields("GET", "/",
                        List.of(Map.entry(":path", "/other")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aMalformedRequestResetsItsStreamWithProtocolError(String shape, List<Map.Entry<String, String>> fields)
            throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture log = LogCapture.of("mtls.protocol"); LogCapture all = LogCapture.of("ROOT");
             RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            int malformed = client.newStreamId();
            client.headers(malformed, fields, true);

            RawHttp2Client.Response refused = client.awaitResponse(malformed);
            assertThat(refused.reset()).as(shape).isEqualTo(Http2Error.PROTOCOL_ERROR);
            assertThat(refused.headers()).as("no answer before the reset").isNull();
            String line = log.awaitLine(gateway.logMarker());
            assertThat(line).startsWith("HTTP/2 stream reset " + gateway.logMarker() + " 127.0.0.1:")
                    .contains(" stream " + malformed + " (PROTOCOL_ERROR): ")
                    .doesNotContain("Exception", "io.netty", "\n");

            // The same connection serves the next request.
            assertThat(client.awaitResponse(client.request("GET", "/after")).status()).isEqualTo(200);
            assertThat(all.linesWithStackTraces()).noneMatch(trace -> trace.contains("Http2"));
        }
    }

    @Test
    void aMissingMethodIsNamedInTheLog() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture log = LogCapture.of("mtls.protocol");
             RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            client.headers(client.newStreamId(), List.of(Map.entry(":scheme", "https"), Map.entry(":path", "/")), true);
            assertThat(log.awaitLine(gateway.logMarker())).endsWith(
                    " stream 1 (PROTOCOL_ERROR): Request is missing mandatory :method pseudo-header field");
        }
    }

    /** Before, each HEADERS without :method stayed open: after 100 of them, every new stream was refused. */
    @Test
    void moreMalformedStreamsThanTheConcurrencyLimitLeaveTheConnectionUsable() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            List<Integer> streams = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                int stream = client.newStreamId();
                streams.add(stream);
                client.headers(stream, List.of(Map.entry(":scheme", "https"), Map.entry(":path", "/")), true);
            }
            // Every stream is reset, none left open. Those within the limit (100) for what they are; the ones
            // beyond may instead be refused while the resets of the first ones are still being written (it
            // depends on how the frames are read: with Netty's io_uring classes on the class path, even on
            // epoll, they were; RFC 9113 allows REFUSED_STREAM there).
            for (int i = 0; i < streams.size(); i++) {
                Http2Error reset = client.awaitResponse(streams.get(i)).reset();
                if (i < Limits.defaults().maxConcurrentStreams()) {
                    assertThat(reset).as("stream " + streams.get(i)).isEqualTo(Http2Error.PROTOCOL_ERROR);
                } else {
                    assertThat(reset).as("stream " + streams.get(i)).isIn(Http2Error.PROTOCOL_ERROR, Http2Error.REFUSED_STREAM);
                }
            }
            assertThat(client.awaitResponse(client.request("GET", "/after")).status()).isEqualTo(200);
        }
    }

    /** Every reset costs the gateway a frame: a client that keeps provoking them is cut off (Netty's budget). */
    @Test
    void aClientProvokingResetsWithoutEndIsCutOff() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture log = LogCapture.of("mtls.protocol");
             RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            for (int i = 0; i < 300; i++) {
                client.headers(client.newStreamId(), List.of(Map.entry(":scheme", "https"), Map.entry(":path", "/")), true);
            }
            // The GOAWAY, unless a TCP reset overtook it (the log line below says why in any case).
            client.awaitGoAwayUnlessReset()
                    .ifPresent(goAway -> assertThat(goAway.error()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM));
            assertThat(client.awaitClosed()).isTrue();
            assertThat(log.await(gateway.logMarker(), line -> line.startsWith("HTTP/2 flood"), Duration.ofSeconds(10)))
                    .hasValueSatisfying(line -> assertThat(line).endsWith(
                            ": more than 200 malformed or refused streams reset by the gateway within 30 s; "
                                    + "the connection is closed (GOAWAY ENHANCE_YOUR_CALM)"));
        }
        assertGoodClientServed(gateway);
    }

    static Stream<Arguments> floods() {
        return Stream.of(Arguments.of("PING", RawHttp2Client.pingFrame(42)),
                Arguments.of("SETTINGS", RawHttp2Client.settingsFrame()),
                Arguments.of("PRIORITY", RawHttp2Client.priorityFrame(3, 0, 16)),
                Arguments.of("unknown type", RawHttp2Client.frame(0xfa, 0, 0, new byte[8])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floods")
    void aFloodOfFramesWithoutRequestsIsCutOff(String kind, byte[] frame) throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture log = LogCapture.of("mtls.protocol");
             RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            client.flood(frame, 200_000); // the socket buffers may take all of it before the gateway closes

            // The GOAWAY, unless a TCP reset overtook it (the log line below says why in any case).
            client.awaitGoAwayUnlessReset()
                    .ifPresent(goAway -> assertThat(goAway.error()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM));
            assertThat(client.awaitClosed()).isTrue();
            assertThat(client.pingAcks()).as("PINGs answered").isLessThanOrEqualTo(1_000);
            assertThat(log.awaitLine(gateway.logMarker())).matches(Pattern.quote("HTTP/2 flood " + gateway.logMarker())
                    + " 127\\.0\\.0\\.1:\\d+: " + Pattern.quote("more than 1000 SETTINGS, PING, PRIORITY or unknown frames "
                    + "within 10 s; the connection is closed (GOAWAY ENHANCE_YOUR_CALM)"));
        }
        assertGoodClientServed(gateway);
    }

    /** The shapes of Netty's own budgets, which the gateway sets explicitly and names in its log line. */
    static Stream<Arguments> nettyBudgets() throws Exception {
        java.io.ByteArrayOutputStream rapidReset = new java.io.ByteArrayOutputStream();
        byte[] request = RawHttp2Client.headerBlock(RawHttp2Client.requestFields("POST", "/", List.of()));
        for (int stream = 1; stream < 2 * 250; stream += 2) {
            rapidReset.writeBytes(RawHttp2Client.frame(RawHttp2Client.HEADERS, RawHttp2Client.END_HEADERS, stream, request));
            rapidReset.writeBytes(RawHttp2Client.frame(RawHttp2Client.RST_STREAM, 0, stream, new byte[] {0, 0, 0, 8}));
        }
        java.io.ByteArrayOutputStream emptyData = new java.io.ByteArrayOutputStream();
        emptyData.writeBytes(RawHttp2Client.frame(RawHttp2Client.HEADERS, RawHttp2Client.END_HEADERS, 1, request));
        for (int i = 0; i < 3; i++) {
            emptyData.writeBytes(RawHttp2Client.frame(RawHttp2Client.DATA, 0, 1, new byte[0]));
        }
        java.io.ByteArrayOutputStream continuations = new java.io.ByteArrayOutputStream();
        continuations.writeBytes(RawHttp2Client.frame(RawHttp2Client.HEADERS, 0, 1, java.util.Arrays.copyOf(request, 1)));
        for (int i = 1; i < request.length; i++) {
            continuations.writeBytes(RawHttp2Client.frame(RawHttp2Client.CONTINUATION, 0, 1, new byte[] {request[i]}));
        }
        return Stream.of(
                Arguments.of("rapid reset", rapidReset.toByteArray(), "more than 200 streams reset by the client within 30 s"),
                Arguments.of("empty DATA frames", emptyData.toByteArray(), "more than 2 empty DATA frames in a row"),
                Arguments.of("one-byte CONTINUATION frames", continuations.toByteArray(),
                        "16 or more small CONTINUATION frames in one header block"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nettyBudgets")
    void nettysBudgetsCutFloodsOffWithALine(String kind, byte[] frames, String what) throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture log = LogCapture.of("mtls.protocol");
             RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            client.flood(frames, 1);

            // The GOAWAY, unless a TCP reset overtook it (the log line below says why in any case).
            client.awaitGoAwayUnlessReset()
                    .ifPresent(goAway -> assertThat(goAway.error()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM));
            assertThat(client.awaitClosed()).isTrue();
            assertThat(log.await(gateway.logMarker(), line -> line.startsWith("HTTP/2 flood"), Duration.ofSeconds(10)))
                    .hasValueSatisfying(line -> assertThat(line).endsWith(": " + what
                            + "; the connection is closed (GOAWAY ENHANCE_YOUR_CALM)"));
        }
        assertGoodClientServed(gateway);
    }

    /** What browsers and gRPC clients send is far below the budget. */
    @Test
    void aFewHundredControlFramesAreFine() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            for (int i = 0; i < 300; i++) {
                client.write(RawHttp2Client.pingFrame(i));
                client.write(RawHttp2Client.priorityFrame(1001 + 2 * i, 0, 16));
            }
            assertThat(client.awaitResponse(client.request("GET", "/after")).status()).isEqualTo(200);
        }
    }

    private static SSLContext context() throws Exception {
        return RawTls.context(fixture.pki(), fixture.pki().acme);
    }

    private static void assertGoodClientServed(RunningGateway gateway) throws Exception {
        assertGoodClientServed(gateway, context());
    }

    /** A well-behaved client on a new connection gets its answer. */
    static void assertGoodClientServed(RunningGateway gateway, SSLContext context) throws Exception {
        try (RawHttp2Client good = RawHttp2Client.connect(context, gateway.port())) {
            RawHttp2Client.Response response = good.awaitResponse(good.request("GET", "/good"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("\"path\":\"/good\"");
        }
    }
}
