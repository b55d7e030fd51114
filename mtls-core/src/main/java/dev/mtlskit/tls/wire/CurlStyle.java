package dev.mtlskit.tls.wire;

import dev.mtlskit.tls.wire.TlsEvent.Alert;
import dev.mtlskit.tls.wire.TlsEvent.ApplicationData;
import dev.mtlskit.tls.wire.TlsEvent.ChangeCipherSpec;
import dev.mtlskit.tls.wire.TlsEvent.EncryptedRecords;
import dev.mtlskit.tls.wire.TlsEvent.HandshakeMessage;
import dev.mtlskit.tls.wire.TlsEvent.Malformed;
import dev.mtlskit.tls.wire.TlsEvent.NotTls;

/**
 * Renders events as the lines {@code curl -v} prints for them (without the leading {@code "* "}),
 * e.g. {@code TLSv1.3 (IN), TLS handshake, Request CERT (13):}. Events curl has no line for get
 * lines in the same shape.
 */
public final class CurlStyle {

    private CurlStyle() {
    }

    public static String line(TlsEvent event) {
        String prefix = event.direction() == Direction.IN ? "(IN)" : "(OUT)";
        if (event instanceof HandshakeMessage message) {
            String name = message.type() == HandshakeType.UNKNOWN ? "Unknown" : message.type().curlName();
            return message.version().label() + " " + prefix + ", TLS handshake, " + name + " (" + message.code()
                    + "):" + (message.protection() == Protection.ENCRYPTED ? " (encrypted)" : "");
        }
        if (event instanceof ChangeCipherSpec change) {
            return change.version().label() + " " + prefix + ", TLS change cipher, Change cipher spec (1):";
        }
        if (event instanceof Alert alert) {
            if (alert.description() == null) {
                return alert.version().label() + " " + prefix + ", TLS alert, encrypted alert:";
            }
            // curl prints level and description as one number: (level << 8) | description.
            return alert.version().label() + " " + prefix + ", TLS alert, " + alert.description().text() + " ("
                    + (alert.level() << 8 | alert.code()) + "):";
        }
        if (event instanceof ApplicationData data) {
            return data.version().label() + " " + prefix + ", TLS application data, " + data.length() + " bytes"
                    + (data.protection() == Protection.ENCRYPTED ? " (encrypted)" : "");
        }
        if (event instanceof EncryptedRecords records) {
            return records.version().label() + " " + prefix + ", " + records.records() + " encrypted record"
                    + (records.records() == 1 ? "" : "s") + " (" + records.bytes() + " bytes) not decrypted: "
                    + records.reason();
        }
        if (event instanceof NotTls notTls) {
            return prefix + " not TLS: \"" + notTls.preview() + "\"";
        }
        Malformed malformed = (Malformed) event;
        return prefix + " malformed TLS at byte " + malformed.offset() + ": " + malformed.what();
    }
}
