package dev.mtlskit.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Captures the formatted lines of one logger (e.g. {@code mtls.rejected}) while a test runs. Test
 * classes run in parallel and share the logger: tests select their own lines by something unique
 * to them, e.g. the listener name ({@code "[" + listener + "]"}).
 *
 * <p>The gateway logs from its event loop, possibly a moment after the client saw the connection
 * fail: {@link #await} waits for a matching line (notified by each append, never by sleeping).
 *
 * <p>For a whole test class: {@code @RegisterExtension static final LogCapture rejected =
 * LogCapture.of("mtls.rejected");} stops capturing after the class.
 */
public final class LogCapture implements AutoCloseable, AfterAllCallback {

    private final Logger logger;
    private final Appender appender = new Appender();

    private static final class Appender extends ListAppender<ILoggingEvent> {
        // AppenderBase.doAppend is synchronized on the appender: so are the reads and the waits.
        @Override
        protected void append(ILoggingEvent event) {
            super.append(event);
            notifyAll();
        }
    }

    private LogCapture(String loggerName) {
        org.slf4j.ILoggerFactory factory;
        // Test classes start in parallel: while one thread initializes SLF4J, the others get a
        // substitute factory. SLF4J initializes under the lock of LoggerFactory.class: taking it
        // waits for the initialization (or does it here).
        synchronized (LoggerFactory.class) {
            factory = LoggerFactory.getILoggerFactory();
        }
        if (!(factory instanceof ch.qos.logback.classic.LoggerContext context)) {
            throw new IllegalStateException("logback is not SLF4J's provider in the tests: " + factory.getClass().getName());
        }
        logger = context.getLogger(loggerName);
        appender.setContext(logger.getLoggerContext());
        appender.setName("test-capture-" + System.identityHashCode(appender));
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** The lines captured so far that contain {@code marker}. */
    public List<String> lines(String marker) {
        List<String> lines = new ArrayList<>();
        synchronized (appender) {
            for (ILoggingEvent event : appender.list) {
                String line = event.getFormattedMessage();
                if (line.contains(marker)) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** The first line containing {@code marker} and matching {@code condition}, waiting for it up to {@code timeout}. */
    public Optional<String> await(String marker, Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (appender) {
            while (true) {
                for (ILoggingEvent event : appender.list) {
                    String line = event.getFormattedMessage();
                    if (line.contains(marker) && condition.test(line)) {
                        return Optional.of(line);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                appender.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The first line containing {@code marker}, waiting up to 10 seconds; fails with what was captured. */
    public String awaitLine(String marker) throws InterruptedException {
        return await(marker, line -> true, Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("no log line on " + logger.getName() + " containing " + marker
                        + " within 10 s; captured: " + lines("")));
    }

    /** The captured lines that carry a stack trace (at any level), each with its exception's first line. */
    public List<String> linesWithStackTraces() {
        List<String> lines = new ArrayList<>();
        synchronized (appender) {
            for (ILoggingEvent event : appender.list) {
                if (event.getThrowableProxy() != null) {
                    lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage() + " | "
                            + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage());
                }
            }
        }
        return lines;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
