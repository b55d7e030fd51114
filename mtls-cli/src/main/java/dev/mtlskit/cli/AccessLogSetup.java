package dev.mtlskit.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;

/**
 * Sends the gateway's access log ({@code mtls.access}) where the configuration says: standard
 * output (logback.xml's default), a file (appended to, written by an asynchronous appender so that
 * no event loop waits for the disk), or nowhere.
 */
final class AccessLogSetup {

    private static final String LOGGER = "mtls.access";

    private AccessLogSetup() {
    }

    /**
     * @param destination {@code "-"} for standard output, {@code null} for none, else a file
     * @return what puts the previous setup back
     */
    static Runnable configure(String destination) {
        if ("-".equals(destination)) {
            return () -> { };
        }
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        Level previousLevel = logger.getLevel();
        List<Appender<ILoggingEvent>> previous = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
            previous.add(it.next());
        }
        if (destination == null) {
            logger.setLevel(Level.OFF);
            return () -> logger.setLevel(previousLevel);
        }
        LoggerContext context = logger.getLoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("access-file");
        file.setFile(destination);
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        if (!file.isStarted()) {
            throw new UserInputException("access log " + destination + " cannot be opened for writing: check the directory "
                    + "exists and is writable");
        }
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("access-file-async");
        async.setQueueSize(8192);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(file);
        async.start();
        previous.forEach(logger::detachAppender);
        logger.addAppender(async);
        logger.setAdditive(false);
        return () -> {
            logger.detachAppender(async);
            async.stop();
            file.stop();
            previous.forEach(logger::addAppender);
        };
    }
}
