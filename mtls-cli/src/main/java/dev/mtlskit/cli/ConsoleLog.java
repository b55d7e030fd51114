package dev.mtlskit.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

import picocli.CommandLine;

/**
 * The format of what {@code serve} and {@code tunnel} write on standard error. logback.xml gives
 * text (a date with its zone, the level, the message); {@code json} swaps the encoder of every
 * console appender under the root logger for {@link JsonLineLayout}. Standard output (the access
 * log) is JSON lines in both formats.
 */
final class ConsoleLog {

    enum Format { TEXT, JSON }

    private ConsoleLog() {
    }

    /** @return what puts the previous encoders back (commands run in-process in tests) */
    static Runnable configure(Format format) {
        if (format == Format.TEXT) {
            return () -> { };
        }
        List<ConsoleAppender<ILoggingEvent>> consoles = new ArrayList<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        collect(root.iteratorForAppenders(), consoles);
        List<Runnable> restore = new ArrayList<>();
        for (ConsoleAppender<ILoggingEvent> console : consoles) {
            Encoder<ILoggingEvent> previous = console.getEncoder();
            JsonLineLayout layout = new JsonLineLayout();
            layout.setContext(console.getContext());
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> json = new LayoutWrappingEncoder<>();
            json.setContext(console.getContext());
            json.setLayout(layout);
            json.start();
            swap(console, json);
            restore.add(() -> swap(console, previous));
        }
        return () -> restore.forEach(Runnable::run);
    }

    private static void swap(ConsoleAppender<ILoggingEvent> console, Encoder<ILoggingEvent> encoder) {
        // Stopped while the encoder changes, so that no line is written half in one format.
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }

    @SuppressWarnings("unchecked")
    private static void collect(Iterator<Appender<ILoggingEvent>> appenders, List<ConsoleAppender<ILoggingEvent>> into) {
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (appender instanceof ConsoleAppender<?> console) {
                into.add((ConsoleAppender<ILoggingEvent>) console);
            } else if (appender instanceof AsyncAppender async) {
                collect(async.iteratorForAppenders(), into);
            }
        }
    }

    /** {@code text} or {@code json}, in any case; anything else names the two. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected text or json, got '" + value + "'");
            }
        }
    }
}
