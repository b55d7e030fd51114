package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.Timeouts;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.gateway.hardening.RawHttp1Client;
import dev.mtlskit.gateway.hardening.RawTls;
import dev.mtlskit.policy.Route;

/**
 * {@code timeouts.idle}: a connection on which nothing moves is closed after it (not before, and not
 * much later); one in use stays open however long it lives; a client that stops reading a long answer
 * is idle too, although the gateway has more to send.
 */
class IdleTimeoutTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final Duration IDLE = Duration.ofMillis(600);

    private static GatewayFixture.Builder gateway(TlsProvider provider) {
        return fixture.gateway(provider).timeouts(t -> new Timeouts(t.handshake(), IDLE, t.upstreamConnect(), t.request(),
                t.shutdownGrace(), t.clientHello(), t.requestHeader(), t.requestBody(), t.maxConnectionAge()));
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aKeepAliveConnectionThatGoesQuietIsClosedAfterTheIdleTimeout(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider).start();
        try (RawHttp1Client client = RawHttp1Client.connect(RawTls.context(fixture.pki(), fixture.pki().acme),
                gateway.port())) {
            client.send("GET /first HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(200);
            long answered = System.nanoTime();

            List<RawHttp1Client.Response> more = client.readResponsesUntilClosed();
            Duration quiet = Duration.ofNanos(System.nanoTime() - answered);

            assertThat(more).isEmpty();
            assertThat(quiet).as("closed after").isGreaterThanOrEqualTo(IDLE.minusMillis(50))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aConnectionInUseStaysOpenLongerThanTheIdleTimeout() throws Exception {
        RunningGateway gateway = gateway(TlsProvider.OPENSSL).start();
        try (RawHttp1Client client = RawHttp1Client.connect(RawTls.context(fixture.pki(), fixture.pki().acme),
                gateway.port())) {
            long start = System.nanoTime();
            int answered = 0;
            while (Duration.ofNanos(System.nanoTime() - start).compareTo(IDLE.multipliedBy(4)) < 0) {
                client.send("GET /again HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(client.readResponse().status()).isEqualTo(200);
                answered++;
                Thread.sleep(IDLE.toMillis() / 3);
            }
            assertThat(answered).isGreaterThan(8);
        }
    }

    /** The client's receive window stays shut: the gateway's output cannot move, so the connection is idle. */
    @Test
    void aClientThatStopsReadingALongAnswerIsClosedAfterTheIdleTimeout() throws Exception {
        FaultyUpstream upstream = fixture.closeAfterTest(new FaultyUpstream());
        UpstreamConfig api = UpstreamConfig.http("api", upstream.uri()).withResponseIdleTimeout(Duration.ofSeconds(60));
        RunningGateway gateway = gateway(TlsProvider.OPENSSL).upstream(api).route(Route.of("/", "api", List.of())).start();
        Socket plain = new Socket();
        plain.setReceiveBufferSize(4096); // before connecting, so that the window the gateway sees stays small
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gateway.port()));
        try (SSLSocket socket = (SSLSocket) RawTls.context(fixture.pki(), fixture.pki().acme).getSocketFactory()
                .createSocket(plain, "localhost", gateway.port(), true)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write("GET /big/file HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            Thread.sleep(IDLE.multipliedBy(4).toMillis()); // reading nothing meanwhile

            socket.setSoTimeout(10_000);
            long received = drain(socket.getInputStream());
            assertThat(received).as("bytes received before the gateway closed").isLessThan(4 << 20);
        }
    }

    /** Reads until the end of the stream (or the connection is reset); fails if reads time out. */
    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            throw new AssertionError("the connection stayed open after " + total + " bytes", stillOpen);
        } catch (IOException closed) {
            // reset or closed without close_notify: closed all the same
        }
        return total;
    }
}
