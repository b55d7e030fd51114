package dev.mtlskit.gateway.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mtlskit.gateway.GatewayFixture;
import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.LogCapture;
import dev.mtlskit.gateway.config.TlsProvider;

/**
 * Slowloris and its kin, at test scale with short timeouts: clients that send their request head a
 * line at a time, stop in the middle of a body, or say nothing after the handshake are cut off
 * after {@code timeouts.request_header} / {@code request_body}, with 408 when part of a request
 * came; connections end gracefully at {@code max_connection_age}. Good clients are served all along.
 */
class SlowRequestTimeoutsTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @RegisterExtension
    static final LogCapture log = LogCapture.of("mtls.rejected");
    private static SlowClients clients;

    @BeforeAll
    static void setUp() throws Exception {
        clients = new SlowClients(fixture.pki());
    }

    private static RunningGateway gateway(Duration header, Duration body, Duration maxAge) throws Exception {
        return fixture.gateway(TlsProvider.OPENSSL)
                .timeouts(t -> t.withSlowClients(Duration.ofSeconds(5), header, body, maxAge)).start();
    }

    @Test
    void clientsSendingAHeaderLineAtATimeGet408AndGoodClientsAreServed() throws Exception {
        RunningGateway gateway = gateway(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ZERO);
        int slow = 20;
        ExecutorService threads = Executors.newFixedThreadPool(2 * slow);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                answers.add(threads.submit(() -> {
                    try (SSLSocket socket = clients.tls(SlowClients.LOCAL, gateway.port())) {
                        long connected = System.nanoTime();
                        OutputStream out = socket.getOutputStream();
                        out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        // A header line every 300 ms, never the blank line (12 s in all): the connection is never idle.
                        Future<?> writer = threads.submit(() -> {
                            for (int line = 0; line < 40; line++) {
                                Thread.sleep(300);
                                out.write(("X-Slow-" + line + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                                out.flush();
                            }
                            return null;
                        });
                        String answer = SlowClients.readToEnd(socket, Duration.ofSeconds(10));
                        writer.cancel(true);
                        return Duration.ofNanos(System.nanoTime() - connected).toMillis() + " ms: " + answer;
                    }
                }));
            }
            // Meanwhile a good client is served at once.
            assertThat(clients.get(SlowClients.LOCAL, gateway.port(), "/meanwhile")).startsWith("HTTP/1.1 200");
            List<String> timed = new ArrayList<>();
            for (Future<String> answer : answers) {
                timed.add(answer.get(30, TimeUnit.SECONDS));
            }
            for (String timedAnswer : timed) {
                // Cut off after about the second allowed (more on a loaded machine), not after the 12 s the head takes.
                assertThat(Long.parseLong(timedAnswer.substring(0, timedAnswer.indexOf(' ')))).isLessThan(8000);
                String response = timedAnswer.substring(timedAnswer.indexOf(" ms: ") + 5);
                assertThat(response).startsWith("HTTP/1.1 408 Request Timeout")
                        .contains("connection: close")
                        .contains("content-type: application/problem+json")
                        .contains("\"code\":\"REQUEST_HEADER_TIMEOUT\"")
                        .contains("\"detail\":\"The request line and headers did not arrive whole within 1s.\"")
                        .contains("timeouts.request_header");
            }
        } finally {
            threads.shutdownNow();
        }
        String line = log.awaitLine("timed out " + gateway.logMarker());
        assertThat(line).matches(Pattern.quote("timed out " + gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+: the request line "
                + "and headers did not arrive whole within 1s \\(timeouts\\.request_header\\); answered 408 and closed");
        // Twenty alike events from one address: one line now (the count follows when the 10 s window ends).
        assertThat(log.lines("timed out " + gateway.logMarker())).hasSize(1);
        assertThat(clients.get(SlowClients.LOCAL, gateway.port(), "/afterwards")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aClientThatSaysNothingAfterTheHandshakeIsClosedWithoutAnAnswer() throws Exception {
        RunningGateway gateway = gateway(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ZERO);
        try (SSLSocket socket = clients.tls(SlowClients.LOCAL, gateway.port())) {
            long started = System.nanoTime();
            assertThat(SlowClients.readToEnd(socket, Duration.ofSeconds(5))).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
        assertThat(log.awaitLine("timed out " + gateway.logMarker())).matches(Pattern.quote("timed out " + gateway.logMarker())
                + " 127\\.0\\.0\\.1:\\d+: no request came within 500ms \\(timeouts\\.request_header\\) of the handshake; "
                + "closed without an answer");
    }

    @Test
    void aKeepAliveConnectionMayWaitBetweenRequestsLongerThanTheHeaderTimeout() throws Exception {
        RunningGateway gateway = gateway(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ZERO);
        try (SSLSocket socket = clients.tls(SlowClients.LOCAL, gateway.port())) {
            OutputStream out = socket.getOutputStream();
            byte[] request = "GET /one HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            out.write(request);
            assertThat(readResponse(socket)).startsWith("HTTP/1.1 200");
            // Idle between requests (the idle timeout's business), then a whole request: served.
            Thread.sleep(1200);
            out.write(request);
            assertThat(readResponse(socket)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aBodyThatStallsGets408AndTheUpstreamExchangeIsAbandoned() throws Exception {
        try (StallUpstream upstream = new StallUpstream()) {
            RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).upstream("api", upstream.uri())
                    .route(dev.mtlskit.policy.Route.of("/", "api", List.of()))
                    .timeouts(t -> t.withSlowClients(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1),
                            Duration.ZERO)).start();
            try (SSLSocket socket = clients.tls(SlowClients.LOCAL, gateway.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(100))
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = SlowClients.readToEnd(socket, Duration.ofSeconds(5));
                assertThat(response).startsWith("HTTP/1.1 408 Request Timeout")
                        .contains("\"code\":\"REQUEST_BODY_TIMEOUT\"")
                        .contains("\"detail\":\"No part of the request body arrived for 1s.\"");
            }
            assertThat(log.awaitLine("timed out " + gateway.logMarker())).matches(Pattern.quote("timed out "
                    + gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+: the body of POST /upload stalled: nothing came for 1s "
                    + "\\(timeouts\\.request_body\\); answered 408 and closed; the request to the upstream was abandoned");
            // The upstream saw its connection closed before the body it was promised.
            assertThat(upstream.awaitClosed(Duration.ofSeconds(5))).as("upstream connection closed").isTrue();
        }
    }

    @Test
    void anHttp2StreamWhoseBodyStallsGets408AndTheConnectionServesOn() throws Exception {
        RunningGateway gateway = gateway(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO);
        try (SlowH2Client client = new SlowH2Client(fixture.pki(), gateway.port())) {
            SlowH2Client.Request stalled = client.post("/h2-upload");
            stalled.send("first piece", false);
            String outcome = stalled.outcome.get(10, TimeUnit.SECONDS);
            assertThat(outcome).startsWith("408 ").contains("\"code\":\"REQUEST_BODY_TIMEOUT\"");
            // The connection serves on: another stream is answered.
            SlowH2Client.Request good = client.post("/h2-good");
            good.send("whole body", true);
            assertThat(good.outcome.get(10, TimeUnit.SECONDS)).startsWith("200 ");
        }
        assertThat(log.awaitLine("timed out " + gateway.logMarker())).matches(Pattern.quote("timed out "
                + gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+: the body of POST /h2-upload stalled: nothing came for 1s "
                + "\\(timeouts\\.request_body\\); answered 408 on the stream");
    }

    @Test
    void anHttp11ConnectionPastItsMaxAgeIsClosedWhenIdleAndAnswersItsLastRequestWithConnectionClose() throws Exception {
        RunningGateway gateway = gateway(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(700));
        byte[] request = "GET /one HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SSLSocket idle = clients.tls(SlowClients.LOCAL, gateway.port())) {
            idle.getOutputStream().write(request);
            assertThat(readResponse(idle)).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection: close");
            assertThat(SlowClients.closedWithin(idle, Duration.ofSeconds(3))).as("idle connection closed at its age").isTrue();
        }
        try (SSLSocket busy = clients.tls(SlowClients.LOCAL, gateway.port())) {
            OutputStream out = busy.getOutputStream();
            // A request under way when the age is reached: answered, with Connection: close, then closed.
            out.write("POST /two HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n\r\nab".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(1000);
            out.write("cd".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = SlowClients.readToEnd(busy, Duration.ofSeconds(5));
            assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
        }
    }

    @Test
    void anHttp2ConnectionPastItsMaxAgeGetsAGoawayFinishesItsStreamsAndCloses() throws Exception {
        RunningGateway gateway = gateway(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(700));
        try (SlowH2Client client = new SlowH2Client(fixture.pki(), gateway.port())) {
            SlowH2Client.Request request = client.post("/h2-draining");
            request.send("first half, ", false);
            // The age passes while the stream is open: GOAWAY (no new streams), and this one is still answered.
            assertThat(client.goAway.get(5, TimeUnit.SECONDS).errorCode()).isZero();
            request.send("second half", true);
            assertThat(request.outcome.get(5, TimeUnit.SECONDS)).startsWith("200 ").contains("h2-draining");
            assertThat(client.closedWithin(Duration.ofSeconds(5))).as("closed after its last stream").isTrue();
        }
    }

    /** One HTTP/1.1 response with a Content-Length, read whole (the connection stays open). */
    private static String readResponse(SSLSocket socket) throws Exception {
        socket.setSoTimeout(5000);
        var in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        var matcher = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        int length = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        byte[] body = in.readNBytes(length);
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
