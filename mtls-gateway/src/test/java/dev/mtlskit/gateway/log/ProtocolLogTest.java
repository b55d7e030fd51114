package dev.mtlskit.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.UUID;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.mtlskit.gateway.LogCapture;

import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;

/** A client that provokes protocol errors as fast as it can costs a line per 10 s and kind, then a count. */
class ProtocolLogTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50000);
    private static final InetSocketAddress OTHER_PEER = new InetSocketAddress("192.0.2.9", 50001);

    @Test
    void repeatsFromOneClientGiveOneLineThenACount() throws InterruptedException {
        String listener = "api-" + UUID.randomUUID();
        ProtocolLog log = new ProtocolLog(listener, new LogThrottle(Duration.ofSeconds(1), 16));
        Http2Exception missingMethod = Http2Exception.streamError(3, Http2Error.PROTOCOL_ERROR,
                "Request is missing mandatory :method pseudo-header field.");
        String first = "HTTP/2 stream reset [" + listener + "] 127.0.0.1:50000 stream 3 (PROTOCOL_ERROR): "
                + "Request is missing mandatory :method pseudo-header field";
        try (LogCapture capture = LogCapture.of("mtls.protocol")) {
            for (int i = 0; i < 50; i++) {
                log.streamReset(PEER, 3, "PROTOCOL_ERROR", missingMethod);
            }
            log.streamReset(OTHER_PEER, 5, "PROTOCOL_ERROR", missingMethod);

            String summary = first + " (and 49 more like this from 127.0.0.1 in the last 1 s)";
            assertThat(capture.awaitLine(summary)).isEqualTo(summary);
            assertThat(capture.lines("[" + listener + "]")).containsExactly(first,
                    "HTTP/2 stream reset [" + listener + "] 192.0.2.9:50001 stream 5 (PROTOCOL_ERROR): "
                            + "Request is missing mandatory :method pseudo-header field", summary);
            assertThat(capture.linesWithStackTraces()).noneMatch(line -> line.contains(listener));
        }
    }

    @Test
    void eachKindHasItsOwnLimit() {
        String listener = "api-" + UUID.randomUUID();
        ProtocolLog log = new ProtocolLog(listener);
        try (LogCapture capture = LogCapture.of("mtls.protocol")) {
            log.streamReset(PEER, 1, "PROTOCOL_ERROR", new IllegalStateException("x"));
            log.connectionClosed(PEER, "PROTOCOL_ERROR", new IllegalStateException("Received WINDOW_UPDATE with delta 0."));
            log.flood(PEER, "more than 1000 SETTINGS, PING, PRIORITY or unknown frames within 10 s");
            log.connectionFailed(PEER, new IllegalStateException("the multiplexer lost track of stream 7"));
            assertThat(capture.lines("[" + listener + "]")).containsExactly(
                    "HTTP/2 stream reset [" + listener + "] 127.0.0.1:50000 stream 1 (PROTOCOL_ERROR): x",
                    "HTTP/2 connection closed [" + listener + "] 127.0.0.1:50000 (GOAWAY PROTOCOL_ERROR): "
                            + "Received WINDOW_UPDATE with delta 0",
                    "HTTP/2 flood [" + listener + "] 127.0.0.1:50000: more than 1000 SETTINGS, PING, PRIORITY or unknown "
                            + "frames within 10 s; the connection is closed (GOAWAY ENHANCE_YOUR_CALM)",
                    "HTTP/2 connection closed [" + listener + "] 127.0.0.1:50000: the multiplexer lost track of stream 7");
        }
    }
}
