package dev.mtlskit.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** A flood costs a line per window and source, then a count; many sources cannot grow memory. */
class LogThrottleTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void alikeEventsGiveOneLineThenOneCountWhenTheWindowEnds() throws InterruptedException {
        LogThrottle throttle = new LogThrottle(Duration.ofSeconds(2), 16);
        for (int i = 0; i < 1234 + 1; i++) {
            int n = i;
            throttle.log("handshake failed", "PLAIN_HTTP", "192.0.2.7", () -> "event " + n, lines::add);
        }
        throttle.log("handshake failed", "PLAIN_HTTP", "192.0.2.8", () -> "other source", lines::add);
        throttle.log("handshake failed", "NOT_TLS", "192.0.2.7", () -> "other reason", lines::add);
        assertThat(lines).containsExactly("event 0", "other source", "other reason");
        awaitLines(4);
        assertThat(lines).containsExactly("event 0", "other source", "other reason",
                "event 0 (and 1,234 more like this from 192.0.2.7 in the last 2 s)");
        awaitNoWindows(throttle);
        // A new window: logged at once again.
        throttle.log("handshake failed", "PLAIN_HTTP", "192.0.2.7", () -> "later", lines::add);
        assertThat(lines).endsWith("later");
    }

    @Test
    void sourcesBeyondTheCapShareOneWindowPerReason() throws InterruptedException {
        LogThrottle throttle = new LogThrottle(Duration.ofSeconds(2), 8);
        for (int i = 0; i < 10_000; i++) {
            String source = "10.0." + (i / 256) + "." + (i % 256);
            throttle.log("refused", "MAX_CONNECTIONS", source, () -> "from " + source, lines::add);
        }
        // Eight sources with a window each, then one shared by all the others.
        assertThat(throttle.openWindows()).isEqualTo(9);
        assertThat(lines).hasSize(9).endsWith("from 10.0.0.8");
        awaitLines(10);
        assertThat(lines).last().isEqualTo("from 10.0.0.8 (and 9,991 more like this from other addresses in the last 2 s)");
        awaitNoWindows(throttle);
    }

    /** Windows that saw one event end without a line: wait for them to be forgotten. */
    private static void awaitNoWindows(LogThrottle throttle) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (throttle.openWindows() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(throttle.openWindows()).isZero();
    }

    private void awaitLines(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
