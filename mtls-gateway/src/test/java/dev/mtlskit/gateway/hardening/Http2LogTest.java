package dev.mtlskit.gateway.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mtlskit.gateway.GatewayFixture;
import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.LogCapture;
import dev.mtlskit.gateway.TestUpstream;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;

/**
 * HTTP/2 protocol errors and client resets are one line each in people's words (or nothing, for
 * a client's ordinary reset), never a stack trace above debug level.
 */
class Http2LogTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @Test
    void explore() throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).start();
        try (LogCapture netty = LogCapture.of("io.netty"); LogCapture root = LogCapture.of("ROOT");
             LogCapture protocol = LogCapture.of("mtls.protocol")) {
            try (RawHttp2Client client = RawHttp2Client.connect(context(), gateway.port())) {
                int stream = client.request("GET", "/slow/1");
                Thread.sleep(300);
                client.write(RawHttp2Client.frame(RawHttp2Client.RST_STREAM, 0, stream, new byte[] {0, 0, 0, 8}));
                int upload = client.newStreamId();
                client.headers(upload, RawHttp2Client.requestFields("POST", "/upload", List.of()), false);
                client.data(upload, new byte[1000], false);
                client.write(RawHttp2Client.frame(RawHttp2Client.RST_STREAM, 0, upload, new byte[] {0, 0, 0, 8}));
                Thread.sleep(300);
                client.write(RawHttp2Client.frame(RawHttp2Client.WINDOW_UPDATE, 0, 0, new byte[] {0, 0, 0, 0}));
                Thread.sleep(1000);
            }
            System.out.println("DEBUG netty " + netty.linesWithStackTraces());
            System.out.println("DEBUG root " + root.linesWithStackTraces());
            System.out.println("DEBUG protocol " + protocol.lines(""));
        }
    }

    private static SSLContext context() throws Exception {
        return RawTls.context(fixture.pki(), fixture.pki().acme);
    }
}
