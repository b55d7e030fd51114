package dev.mtlskit.tls.netty;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mtlskit.tls.wire.AlertDescription;

/**
 * A TLS alert the server sent (RFC 8446 §6), e.g. {@code certificate_expired(45)}.
 *
 * @param code the alert description number
 * @param name its RFC name
 */
public record TlsAlertInfo(int code, String name) {

    // BoringSSL names a received alert SSLV3_ALERT_<NAME> or TLSV1_ALERT_<NAME> in its error string.
    private static final Pattern RECEIVED = Pattern.compile("(?:SSLV3|TLSV1)_ALERT_([A-Z_]+)");

    public TlsAlertInfo {
        requireNonNull(name, "name");
    }

    /** The alert with this RFC name, e.g. "unknown_ca", or null when the name is not an alert. */
    public static TlsAlertInfo named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        for (AlertDescription description : AlertDescription.values()) {
            if (description != AlertDescription.UNKNOWN && description.rfcName().equals(key)) {
                return new TlsAlertInfo(description.code(), key);
            }
        }
        return null;
    }

    /** The alert with this number; an unknown number keeps the number as its name. */
    public static TlsAlertInfo of(int code) {
        AlertDescription description = AlertDescription.of(code);
        return new TlsAlertInfo(code, description == AlertDescription.UNKNOWN ? "alert_" + code : description.rfcName());
    }

    /** The alert a peer sent, read from the messages of {@code cause} and its causes, or null. */
    public static TlsAlertInfo fromFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            TlsAlertInfo alert = receivedIn(t.getMessage());
            if (alert != null) {
                return alert;
            }
        }
        return null;
    }

    /**
     * The alert a peer sent, as read from a TLS engine's exception text (BoringSSL:
     * "…:SSLV3_ALERT_CERTIFICATE_EXPIRED", JDK: "Received fatal alert: certificate_expired"), or null.
     */
    public static TlsAlertInfo receivedIn(String message) {
        if (message == null) {
            return null;
        }
        Matcher boring = RECEIVED.matcher(message);
        if (boring.find()) {
            return named(boring.group(1));
        }
        int jdk = message.indexOf("Received fatal alert: ");
        if (jdk >= 0) {
            String rest = message.substring(jdk + "Received fatal alert: ".length()).trim();
            int end = 0;
            while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_')) {
                end++;
            }
            return named(rest.substring(0, end));
        }
        return null;
    }

    @Override
    public String toString() {
        return name + "(" + code + ")";
    }
}
