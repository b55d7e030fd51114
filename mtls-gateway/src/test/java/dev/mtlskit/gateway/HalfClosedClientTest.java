package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.policy.Route;
import dev.mtlskit.reload.ReloadingSslContexts;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.reload.ConnectionEnd;
import dev.mtlskit.reload.TlsFiles;

/**
 * An HTTP/1.1 client that sends its requests and then ends its side of the connection (as
 * {@code nc -q}, or a program that calls shutdown(SHUT_WR)) still gets its answers, then the
 * gateway closes. Raw TLS sockets of the JDK, so that the test decides what goes on the wire: a
 * bare TCP FIN under TLS, or a TLS 1.3 close_notify.
 */
class HalfClosedClientTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final String REQUEST = "GET /ok/1 HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final String ANSWER = "HTTP/1.1 200 OK\r\n";

    static Stream<Arguments> engineAndVersion() {
        return Stream.of(TlsProvider.values()).flatMap(provider -> Stream.of(
                Arguments.of(provider, "TLSv1.3"), Arguments.of(provider, "TLSv1.2")));
    }

    private static RunningGateway gateway(TlsProvider provider) throws Exception {
        FaultyUpstream upstream = fixture.closeAfterTest(new FaultyUpstream());
        return fixture.gateway(provider).upstream(UpstreamConfig.http("api", upstream.uri()))
                .route(Route.of("/", "api", List.of())).start();
    }

    /** A TLS connection over {@code plain}, as the test PKI's acme client, speaking HTTP/1.1. */
    private static SSLSocket tls(Socket plain, RunningGateway gateway, String version) throws Exception {
        SSLContext context = ReloadingSslContexts.jdk(ReloadingTlsMaterial.load(TlsFiles.builder()
                .certificateChain(fixture.pki().acme.certificate()).privateKey(fixture.pki().acme.key())
                .addTrustedCertificates(fixture.pki().caCertificate).build()), ConnectionEnd.CLIENT);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", gateway.port(), false);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {version});
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("engineAndVersion")
    void aTcpHalfCloseAfterTheRequestsStillGetsTheAnswers(TlsProvider provider, String version) throws Exception {
        RunningGateway gateway = gateway(provider);
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
             SSLSocket socket = tls(plain, gateway, version)) {
            plain.setSoTimeout(10_000);
            socket.getOutputStream().write((REQUEST + REQUEST).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            plain.shutdownOutput(); // a FIN without close_notify: "nothing more from me"

            Received received = readUntilClosed(socket.getInputStream());

            assertThat(received.text()).as("both pipelined requests answered").startsWith(ANSWER)
                    .endsWith("\r\n\r\nok\n");
            assertThat(received.text().split("HTTP/1.1 200 OK", -1)).hasSize(3);
            assertThat(received.closed()).as("then the gateway closed the connection").isTrue();
        }
    }

    /**
     * TLS 1.2: a close_notify closes the connection (the RFC says to answer it with one's own and
     * discard pending writes, RFC 5246 7.2.1); the gateway never holds such a connection open.
     */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aTls12CloseNotifyClosesTheConnection(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider);
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
             SSLSocket socket = tls(plain, gateway, "TLSv1.2")) {
            plain.setSoTimeout(10_000);
            socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.shutdownOutput();

            Received received = readUntilClosed(socket.getInputStream());

            assertThat(received.closed()).as("the gateway closed the connection").isTrue();
            assertThat(received.text()).satisfiesAnyOf(text -> assertThat(text).isEmpty(),
                    text -> assertThat(text).startsWith(ANSWER).endsWith("\r\n\r\nok\n"));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aTls13CloseNotifyAfterTheRequest(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider);
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), gateway.port());
             SSLSocket socket = tls(plain, gateway, "TLSv1.3")) {
            plain.setSoTimeout(10_000);
            socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.shutdownOutput(); // TLS 1.3: close_notify, the read side stays open (RFC 8446 6.1)

            Received received = readUntilClosed(socket.getInputStream());

            assertThat(received.closed()).as("the gateway closed the connection").isTrue();
            if (provider == TlsProvider.JDK) {
                assertThat(received.text()).startsWith(ANSWER).endsWith("\r\n\r\nok\n");
            } else {
                // netty-tcnative's BoringSSL engine answers close_notify with its own and writes no more: an
                // answer gets out only if it was written before the close_notify was read (a race), never a part.
                assertThat(received.text()).satisfiesAnyOf(text -> assertThat(text).isEmpty(),
                        text -> assertThat(text).startsWith(ANSWER).endsWith("\r\n\r\nok\n"));
            }
        }
    }

    /**
     * HTTP/2 has its own half-close (END_STREAM), and a client must keep acknowledging SETTINGS and
     * PINGs: a TCP FIN ends the connection within seconds (GOAWAY, then close; the streams in flight
     * are not answered), rather than holding it until the idle timeout.
     */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anHttp2ClientThatSendsAFinIsClosed(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider);

        long start = System.nanoTime();
        H2Probe.Outcome outcome = H2Probe.get(gateway, fixture.pki(), fixture.pki().acme, "/ok/1",
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(20), true);
        assertThat(outcome.ended()).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).as("closed by the gateway, not by the probe's timeout")
                .isLessThan(15_000);
    }

    /** What was read, and whether the connection ended (rather than the read timing out). */
    private record Received(String text, boolean closed) {
    }

    private static Received readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            return new Received(bytes.toString(StandardCharsets.ISO_8859_1), false);
        } catch (IOException ended) {
            // a reset or a TLS layer refusing to go on after the peer's close: the connection ended too
        }
        return new Received(bytes.toString(StandardCharsets.ISO_8859_1), true);
    }
}
