package dev.mtlskit.gateway.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mtlskit.gateway.GatewayFixture;
import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.LogCapture;
import dev.mtlskit.gateway.config.TlsProvider;

/**
 * What is not a TLS client on the TLS port: plain HTTP gets a 400 it can read (as nginx answers) and
 * a log line; a health probe that connects and closes is not a failed handshake and gets no line.
 */
class PlainHttpOnTlsPortTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @RegisterExtension
    static final LogCapture log = LogCapture.of("mtls.rejected");

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aPlainHttpRequestIsToldToUseHttps(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();
        String answer;
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /orders HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n")
                .endsWith("\r\n\r\nThis port speaks HTTPS with client certificates (mutual TLS): call https:// instead of "
                        + "http://, with your client certificate (curl: --cert and --key)\n");
        assertThat(log.awaitLine(gateway.logMarker())).contains("the client spoke plain HTTP to the TLS port "
                + "(it should call https://)");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aProbeThatConnectsAndClosesIsNotAFailedHandshake(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();
        int probe;
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            probe = socket.getLocalPort(); // a load balancer's TCP health check: connect, close
        }
        int garbage;
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            garbage = socket.getLocalPort();
            socket.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            socket.getInputStream().readAllBytes();
        }
        String said = log.awaitLine(gateway.logMarker() + " 127.0.0.1:" + garbage + ":");
        assertThat(said).startsWith("handshake failed " + gateway.logMarker());
        assertThat(log.lines(gateway.logMarker() + " 127.0.0.1:" + probe + ":")).as("the probe").isEmpty();
    }
}
