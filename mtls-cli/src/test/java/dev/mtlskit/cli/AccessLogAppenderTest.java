package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

import dev.mtlskit.testing.Programs;

/**
 * The access log's batching appender on real files and pipes: every line, whole and in order per
 * thread, from several threads at once; a line of a quiet gateway promptly; the queued lines when
 * it stops; and, when the destination cannot take them, lines dropped (never an event loop
 * blocked) and said so on the gateway's log, with why.
 */
@ResourceLock(ServeLogging.LOCK)
class AccessLogAppenderTest {

    @TempDir
    Path temp;

    @Test
    void linesFromSeveralThreadsAreWrittenWholeAndInOrder() throws Exception {
        Path file = temp.resolve("access.jsonl");
        AccessLogAppender appender = started(file);
        int threads = 4;
        int perThread = 1500; // within the queue's capacity even if the writer were slow
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        appender.doAppend(event("{\"thread\":" + thread + ",\"n\":" + i + ",\"path\":\"/é\"}"));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        appender.stop();

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            String prefix = "{\"thread\":" + t + ",";
            List<String> own = lines.stream().filter(line -> line.startsWith(prefix)).toList();
            assertThat(own).hasSize(perThread);
            for (int i = 0; i < perThread; i++) {
                assertThat(own.get(i)).isEqualTo(prefix + "\"n\":" + i + ",\"path\":\"/é\"}");
            }
        }
    }

    @Test
    void aLineOfAQuietGatewayIsWrittenAtOnceAndAppendedToWhatTheFileHad() throws Exception {
        Path file = temp.resolve("access.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        AccessLogAppender appender = started(file);
        try {
            Thread.sleep(200); // the writer is idle, waiting
            appender.doAppend(event("{\"n\":1}"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (Files.readAllLines(file).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(Files.readAllLines(file)).containsExactly("{\"earlier\":true}", "{\"n\":1}");
        } finally {
            appender.stop();
        }
    }

    @Test
    void flushReturnsOnceEveryLineQueuedBeforeItIsWritten() throws Exception {
        Path file = temp.resolve("access.jsonl");
        AccessLogAppender appender = started(file);
        try {
            for (int i = 0; i < 5000; i++) {
                appender.doAppend(event("{\"n\":" + i + "}"));
            }
            appender.flush();
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(5000);
            assertThat(lines.get(4999)).isEqualTo("{\"n\":4999}");
        } finally {
            appender.stop();
        }
    }

    @Test
    void aDestinationThatTakesNothingCostsDroppedLinesNotABlockedEventLoopAndItIsSaid() throws Exception {
        Programs.requireAll("mkfifo", "mkfifo");
        Path fifo = temp.resolve("slow-reader");
        Programs.run(List.of("mkfifo", fifo.toString()), Duration.ofSeconds(10)).successfulOutput();
        // A reader that opens the pipe and reads nothing yet: once the pipe's buffer is full, the writer blocks.
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<InputStream> opened = reader.submit(() -> new java.io.FileInputStream(fifo.toFile())); // available() works on pipes
        try (CapturedLog log = CapturedLog.of("mtls.serve")) {
            AccessLogAppender appender = started(fifo);
            InputStream in = opened.get(10, TimeUnit.SECONDS);
            String line = "{\"padding\":\"" + "x".repeat(200) + "\"}";
            int lines = 40_000; // ≈ 8 MB: far more than the pipe (64 KiB) and the queue (8,192 lines) hold
            long start = System.nanoTime();
            for (int i = 0; i < lines; i++) {
                appender.doAppend(event(line));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the callers never waited for the pipe")
                    .isLessThan(Duration.ofSeconds(5));
            long read = 0;
            byte[] buffer = new byte[65536];
            long quietSince = System.nanoTime();
            // Read until nothing more comes for a second: what was queued, then the drop report is logged.
            while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(1)) {
                if (in.available() > 0) {
                    read += in.read(buffer);
                    quietSince = System.nanoTime();
                } else {
                    Thread.sleep(10);
                }
            }
            long written = read / (line.length() + 1);
            assertThat(written).isLessThan(lines).isGreaterThanOrEqualTo(AccessLogAppender.CAPACITY);
            assertThat(log.text()).matches("(?s).*access log: \\d+ line\\(s\\) dropped: " + java.util.regex.Pattern.quote(
                    fifo + " was slower than the requests (at most 8192 lines wait)") + ".*");
            appender.stop();
            in.close();
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void aFailingDestinationIsSaidWithWhy() throws Exception {
        Path full = Path.of("/dev/full");
        if (!Files.isWritable(full)) {
            org.junit.jupiter.api.Assumptions.abort("no writable /dev/full here");
        }
        try (CapturedLog log = CapturedLog.of("mtls.serve")) {
            AccessLogAppender appender = started(full);
            appender.doAppend(event("{\"n\":1}"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!log.text().contains("dropped") && System.nanoTime() < deadline) {
                appender.doAppend(event("{\"n\":2}")); // the report follows a write
                Thread.sleep(20);
            }
            appender.stop();
            assertThat(log.text()).contains("line(s) dropped: writing to /dev/full failed (No space left on device)");
        }
    }

    private static AccessLogAppender started(Path file) {
        AccessLogAppender appender = new AccessLogAppender(file);
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        assertThat(appender.isStarted()).isTrue();
        return appender;
    }

    private static LoggingEvent event(String message) {
        LoggingEvent event = new LoggingEvent();
        event.setLevel(Level.INFO);
        event.setLoggerName("mtls.access");
        event.setMessage(message);
        return event;
    }
}
