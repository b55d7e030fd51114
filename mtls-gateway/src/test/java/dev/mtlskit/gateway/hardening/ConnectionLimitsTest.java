package dev.mtlskit.gateway.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mtlskit.gateway.GatewayFixture;
import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.LogCapture;
import dev.mtlskit.gateway.config.Limits;
import dev.mtlskit.gateway.config.Timeouts;
import dev.mtlskit.gateway.config.TlsProvider;

/**
 * Connections refused at a limit, and handshakes that never finish: the client is closed at once,
 * the log names the listener, the client and the setting to raise, and clients from elsewhere (or
 * later) are served.
 */
class ConnectionLimitsTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @RegisterExtension
    static final LogCapture log = LogCapture.of("mtls.rejected");
    private static SlowClients clients;

    @BeforeAll
    static void setUp() throws Exception {
        clients = new SlowClients(fixture.pki());
    }

    private static Limits limits(int maxConnections, int maxHandshakesPerSource) {
        Limits defaults = Limits.defaults();
        return new Limits(defaults.maxHeaderBytes(), defaults.maxBodyBytes(), maxConnections,
                defaults.maxConcurrentStreams(), maxHandshakesPerSource);
    }

    @Test
    void partialClientHellosBeyondThePerSourceLimitAreClosedAtOnceAndOtherSourcesAreServed() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).limits(limits(100, 3)).start();
        List<Socket> partial = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = fixture.closeAfterTest(SlowClients.tcp(SlowClients.LOCAL, gateway.port()));
                socket.getOutputStream().write(SlowClients.partialClientHello());
                partial.add(socket);
            }
            // The handshakes above are counted once the gateway accepted them: a well-behaved client from
            // another address is served meanwhile, and proves they were.
            assertThat(clients.get(SlowClients.OTHER_LOCAL, gateway.port(), "/other")).startsWith("HTTP/1.1 200");
            try (Socket fourth = SlowClients.tcp(SlowClients.LOCAL, gateway.port())) {
                fourth.getOutputStream().write(SlowClients.partialClientHello());
                assertThat(SlowClients.closedWithin(fourth, Duration.ofSeconds(2))).as("fourth closed at once").isTrue();
            }
            for (Socket socket : partial) {
                assertThat(socket.isClosed()).isFalse();
            }
        } finally {
            SlowClients.closeAll(partial);
        }
        String line = log.awaitLine("refused " + gateway.logMarker());
        assertThat(line).matches(Pattern.quote("refused " + gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+: 3 TLS handshakes "
                + "are already in progress from 127\\.0\\.0\\.1, the most limits\\.max_handshakes_per_source allows; "
                + "the connection was closed at once");
        // Once those connections are gone, the address gets its handshakes back.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String answer = "";
        while (System.nanoTime() < deadline && !answer.startsWith("HTTP/1.1 200")) {
            try {
                answer = clients.get(SlowClients.LOCAL, gateway.port(), "/again");
            } catch (java.io.IOException refusedStill) {
                Thread.sleep(50);
            }
        }
        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    @Test
    void aPartialClientHelloIsClosedAfterTheClientHelloTimeout() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL)
                .timeouts(t -> t.withSlowClients(Duration.ofMillis(500), t.requestHeader(), t.requestBody(),
                        t.maxConnectionAge())).start();
        try (Socket silent = SlowClients.tcp(SlowClients.LOCAL, gateway.port());
             Socket partial = SlowClients.tcp(SlowClients.LOCAL, gateway.port())) {
            partial.getOutputStream().write(SlowClients.partialClientHello());
            long started = System.nanoTime();
            assertThat(SlowClients.closedWithin(partial, Duration.ofSeconds(5))).isTrue();
            assertThat(SlowClients.closedWithin(silent, Duration.ofSeconds(5))).isTrue();
            // Well before the 10 s handshake timeout.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
        assertThat(log.awaitLine("timed out " + gateway.logMarker())).matches(Pattern.quote("timed out "
                + gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+: no complete TLS ClientHello arrived within 500ms "
                + "\\(timeouts\\.client_hello\\); closed");
        assertThat(clients.get(SlowClients.LOCAL, gateway.port(), "/after")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aHandshakeThatStopsAfterTheClientHelloTimesOutInWords() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL)
                .timeouts(t -> new Timeouts(Duration.ofMillis(700), t.idle(), t.upstreamConnect(), t.request(),
                        t.shutdownGrace(), Duration.ofSeconds(5), t.requestHeader(), t.requestBody(), t.maxConnectionAge()))
                .start();
        // openssl would finish the handshake: a whole ClientHello from the JDK engine, then silence. The
        // server answers with its flight and waits for the client's certificate, which never comes.
        try (Socket tcp = SlowClients.tcp(SlowClients.LOCAL, gateway.port())) {
            tcp.getOutputStream().write(clientHelloOnly());
            assertThat(SlowClients.closedWithin(tcp, Duration.ofSeconds(5))).isTrue();
        }
        assertThat(log.awaitLine("handshake failed " + gateway.logMarker())).matches(Pattern.quote("handshake failed "
                + gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+: the client did not finish the handshake within 700ms "
                + "\\(timeouts\\.handshake\\)");
    }

    @Test
    void atMaxConnectionsNewClientsAreClosedWithALogLineNamingTheSetting() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).limits(limits(3, 32)).start();
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(clients.tls(SlowClients.LOCAL, gateway.port()));
            }
            try (Socket fourth = SlowClients.tcp(SlowClients.LOCAL, gateway.port())) {
                assertThat(SlowClients.closedWithin(fourth, Duration.ofSeconds(2))).as("fourth closed at once").isTrue();
            }
        } finally {
            SlowClients.closeAll(open);
        }
        assertThat(log.awaitLine("refused " + gateway.logMarker())).matches(Pattern.quote("refused " + gateway.logMarker())
                + " 127\\.0\\.0\\.1:\\d+: 3 connections are open, the most limits\\.max_connections allows; "
                + "the connection was closed at once");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String answer = "";
        while (System.nanoTime() < deadline && !answer.startsWith("HTTP/1.1 200")) {
            try {
                answer = clients.get(SlowClients.LOCAL, gateway.port(), "/after");
            } catch (java.io.IOException stillFull) {
                Thread.sleep(50);
            }
        }
        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    @Test
    void plainHttpToTheTlsPortIsNamedSoAndAFloodOfItIsCountedNotLogged() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        int flood = 2000;
        byte[] request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        for (int i = 0; i < flood; i++) {
            try (Socket socket = SlowClients.tcp(SlowClients.LOCAL, gateway.port())) {
                socket.getOutputStream().write(request);
                SlowClients.closedWithin(socket, Duration.ofSeconds(2));
            }
        }
        String marker = "handshake failed " + gateway.logMarker();
        assertThat(log.lines(marker).get(0)).matches(Pattern.quote(marker) + " 127\\.0\\.0\\.1:\\d+: the client spoke plain "
                + "HTTP to the TLS port \\(it should call https://\\)");
        assertCountedNotLogged(marker, flood, started);
        assertThat(clients.get(SlowClients.LOCAL, gateway.port(), "/after-flood")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aClientRetryingWithoutACertificateGetsOneLineThenACount() throws Exception {
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).start();
        int retries = 50;
        long started = System.nanoTime();
        for (int i = 0; i < retries; i++) {
            clients.withoutCertificate(gateway.port());
        }
        String marker = "rejected " + gateway.logMarker();
        assertThat(log.lines(marker).get(0)).matches(Pattern.quote(marker)
                + " 127\\.0\\.0\\.1:\\d+ NO_CLIENT_CERT: the client sent no certificate");
        assertCountedNotLogged(marker, retries, started);
    }

    /**
     * {@code events} alike from one address: every one accounted for (a line, or a count in a summary
     * line when a 10 s window ends), in at most two lines per window the flood lasted (one on a quiet
     * machine: the floods here take a few seconds).
     */
    private static void assertCountedNotLogged(String marker, int events, long startedNanos) throws InterruptedException {
        long windows = Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() / 10 + 1;
        String last = log.await(marker, line -> accountedFor(log.lines(marker)) == events, Duration.ofSeconds(25))
                .orElseThrow(() -> new AssertionError("not every event accounted for: " + log.lines(marker)));
        assertThat(last).isNotNull();
        List<String> lines = log.lines(marker);
        assertThat(lines.size()).as("lines for " + events + " events: " + lines).isLessThanOrEqualTo((int) (2 * windows));
        assertThat(lines).filteredOn(line -> line.contains("more like this")).isNotEmpty()
                .allMatch(line -> line.matches(".* \\(and [0-9,]+ more like this from 127\\.0\\.0\\.1 in the last 10 s\\)"));
    }

    /** Lines count one each; a summary line counts the events it says were left out. */
    private static int accountedFor(List<String> lines) {
        int total = 0;
        for (String line : lines) {
            var more = Pattern.compile("\\(and ([0-9,]+) more like this").matcher(line);
            total += more.find() ? Integer.parseInt(more.group(1).replace(",", "")) : 1;
        }
        return total;
    }

    /** A whole TLS 1.2/1.3 ClientHello as the JDK's engine writes it (its first flight), and nothing more. */
    private static byte[] clientHelloOnly() throws Exception {
        javax.net.ssl.SSLEngine engine = javax.net.ssl.SSLContext.getDefault().createSSLEngine("127.0.0.1", 443);
        engine.setUseClientMode(true);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.beginHandshake();
        engine.wrap(java.nio.ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }
}
