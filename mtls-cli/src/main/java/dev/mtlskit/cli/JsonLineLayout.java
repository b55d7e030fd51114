package dev.mtlskit.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.event.KeyValuePair;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;

/**
 * One JSON object per line for {@code --log-format json}: {@code {"time":"2026-12-06T21:04:05.123Z",
 * "level":"WARN","logger":"mtls.rejected","message":"rejected [default] 127.0.0.1:53422 EXPIRED: …",
 * "event":"rejected","listener":"default","reason":"EXPIRED",…}}. The event's SLF4J key-value pairs
 * become top-level fields (a key already written is not repeated), so a log pipeline can count
 * rejections by reason without parsing the message. A stack trace (logged at debug level only) is
 * one string field, {@code "stack"}, so that the line stays one line.
 */
final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> OWN_FIELDS = Set.of("time", "level", "logger", "message", "stack");

    private final DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", time.format(Instant.ofEpochMilli(event.getTimeStamp())));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("message", event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                Set<String> written = new HashSet<>(OWN_FIELDS);
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    if (pair.key != null && written.add(pair.key)) {
                        writeValue(json, pair.key, pair.value);
                    }
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                json.writeStringField("stack", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return line.append('\n').toString();
    }

    private static void writeValue(JsonGenerator json, String key, Object value) throws IOException {
        if (value == null) {
            json.writeNullField(key);
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumberField(key, ((Number) value).longValue());
        } else if (value instanceof Boolean flag) {
            json.writeBooleanField(key, flag);
        } else {
            json.writeStringField(key, String.valueOf(value));
        }
    }
}
