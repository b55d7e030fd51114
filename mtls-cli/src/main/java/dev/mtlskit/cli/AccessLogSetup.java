package dev.mtlskit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;

/**
 * Sends the gateway's access log ({@code mtls.access}) where the configuration says: standard
 * output (logback.xml's default), a file (appended to), or nowhere. Both destinations are written by
 * an {@link AccessLogAppender}: no event loop waits for a pipe or a disk.
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
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        if ("-".equals(destination)) {
            // logback.xml's appender to standard output: what is queued is written before serve returns.
            return () -> {
                if (logger.getAppender("ACCESS") instanceof AccessLogAppender stdout) {
                    stdout.flush();
                }
            };
        }
        Level previousLevel = logger.getLevel();
        List<Appender<ILoggingEvent>> previous = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
            previous.add(it.next());
        }
        if (destination == null) {
            logger.setLevel(Level.OFF);
            return () -> logger.setLevel(previousLevel);
        }
        AccessLogAppender file = new AccessLogAppender(Path.of(destination));
        file.setContext(logger.getLoggerContext());
        file.setName("access-file");
        file.start();
        if (!file.isStarted()) {
            throw new UserInputException("access log " + destination + " cannot be opened for writing: check the directory "
                    + "exists and is writable");
        }
        previous.forEach(logger::detachAppender);
        logger.addAppender(file);
        logger.setAdditive(false);
        return () -> {
            logger.detachAppender(file);
            file.stop(); // writes what is queued, then closes the file
            previous.forEach(logger::addAppender);
        };
    }
}
