package dev.mtlskit.gateway.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mtlskit.gateway.GatewayFixture;
import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.LogCapture;
import dev.mtlskit.gateway.TestUpstream;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;

import io.netty.handler.codec.http2.Http2Error;

/**
 * HTTP/2 protocol errors are one line each in people's words on {@code mtls.protocol}; a client's
 * reset of its own stream is ordinary and not logged; no stack trace above debug level (before,
 * Netty printed one per connection error: "An exceptionCaught() event was fired, and it reached at
 * the tail of the pipeline").
 */
class Http2LogTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final byte[] CANCEL = {0, 0, 0, 8};

    @Test
    void aConnectionErrorIsOneLineWithoutAStackTrace() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture all = LogCapture.of("ROOT"); LogCapture protocol = LogCapture.of("mtls.protocol");
             RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            client.write(RawHttp2Client.frame(RawHttp2Client.WINDOW_UPDATE, 0, 0, new byte[4]));

            assertThat(client.awaitGoAway().error()).isEqualTo(Http2Error.PROTOCOL_ERROR);
            assertThat(client.awaitClosed()).isTrue();
            assertThat(protocol.awaitLine(gateway.logMarker())).matches(Pattern.quote("HTTP/2 connection closed "
                    + gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+ " + Pattern.quote(
                    "(GOAWAY PROTOCOL_ERROR): Received WINDOW_UPDATE with delta 0 for connection stream"));
            assertThat(protocol.lines(gateway.logMarker())).hasSize(1);
            assertThat(all.linesWithStackTraces()).noneMatch(line -> line.contains("Http2"));
        }
        Http2AbuseTest.assertGoodClientServed(gateway, context());
    }

    @Test
    void aMalformedRequestIsOneLineWithoutAStackTrace() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        try (LogCapture all = LogCapture.of("ROOT"); LogCapture protocol = LogCapture.of("mtls.protocol");
             RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            int stream = client.newStreamId();
            client.headers(stream, RawHttp2Client.requestFields("GET", "/", List.of(Map.entry("X-Upper", "1"))), true);

            assertThat(client.awaitResponse(stream).reset()).isEqualTo(Http2Error.PROTOCOL_ERROR);
            assertThat(protocol.awaitLine(gateway.logMarker())).endsWith(" stream 1 (PROTOCOL_ERROR): "
                    + "invalid header name [X-Upper]");
            assertThat(client.awaitResponse(client.request("GET", "/after")).status()).isEqualTo(200);
            assertThat(protocol.lines(gateway.logMarker())).hasSize(1);
            assertThat(all.linesWithStackTraces()).noneMatch(line -> line.contains("Http2"));
        }
    }

    /** Browsers reset streams all the time (a closed tab, a cancelled fetch): nothing to log. */
    @Test
    void aClientResettingItsStreamsIsNotLogged() throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).start();
        try (LogCapture all = LogCapture.of("ROOT");
             RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
            int waiting = client.request("GET", "/slow/1");
            int uploading = client.newStreamId();
            client.headers(uploading, RawHttp2Client.requestFields("POST", "/upload", List.of()), false);
            client.data(uploading, new byte[1000], false);
            int downloading = client.request("GET", "/download/10000000");
            Thread.sleep(200); // the requests reach the upstream
            for (int stream : new int[] {waiting, uploading, downloading}) {
                client.write(RawHttp2Client.frame(RawHttp2Client.RST_STREAM, 0, stream, CANCEL));
            }

            assertThat(client.awaitResponse(client.request("GET", "/after")).status()).isEqualTo(200);
            assertThat(all.lines(gateway.logMarker())).isEmpty();
            assertThat(all.linesWithStackTraces()).noneMatch(line -> line.contains("Http2"));
        }
    }

    private static SSLContext context() throws Exception {
        return RawTls.context(fixture.pki(), fixture.pki().acme);
    }
}
