package dev.mtlskit.cli;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * The lines that loggers write while a command runs in this JVM (the banner of {@code serve} and
 * {@code tunnel} is logged, on standard error). Test classes that use it hold
 * {@link ServeLogging#LOCK}, so that no other test's lines get in.
 */
final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<Logger> loggers = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    static CapturedLog of(String... loggerNames) {
        CapturedLog log = new CapturedLog();
        log.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        log.start();
        for (String name : loggerNames) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.addAppender(log);
            log.loggers.add(logger);
        }
        return log;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        lines.add(event.getFormattedMessage());
    }

    /** Every line so far, one per line. */
    synchronized String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.detachAppender(this));
        stop();
    }
}
