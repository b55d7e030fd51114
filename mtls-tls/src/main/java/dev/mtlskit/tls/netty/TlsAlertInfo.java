package dev.mtlskit.tls.netty;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mtlskit.reason.Causes;
import dev.mtlskit.tls.wire.AlertDescription;

/**
 * A TLS alert a peer sent (RFC 8446 §6), e.g. {@code certificate_expired(45)}, read from the engine's
 * failure ({@link #fromFailure}), the same way for BoringSSL and the JDK engine. An engine's own failure
 * text names no alert it sent: that is what {@link TlsEngineFailure} reads.
 *
 * @param code the alert description number
 * @param name its RFC name
 */
public record TlsAlertInfo(int code, String name) {

    // BoringSSL names a received alert SSLV3_ALERT_<NAME> or TLSV1_ALERT_<NAME> in its error string.
    private static final Pattern RECEIVED = Pattern.compile("(?:SSLV3|TLSV1)_ALERT_([A-Z_]+)");

    private static final Set<String> CERTIFICATE_ALERTS = Set.of("bad_certificate", "unsupported_certificate",
            "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca", "access_denied",
            "certificate_required");
    private static final Set<String> UNREADABLE_ALERTS = Set.of("decode_error", "illegal_parameter",
            "unexpected_message", "record_overflow");

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
        for (Throwable t : Causes.chain(cause)) {
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

    /**
     * Whether the alert is about a certificate (RFC 8446 §6.2): the peer refused the one it was sent,
     * or required one that it did not get.
     */
    public boolean aboutCertificate() {
        return CERTIFICATE_ALERTS.contains(name);
    }

    /** Whether the peer found no TLS version or cipher suite it accepts in what it was offered. */
    public boolean noCommonVersionOrCipher() {
        return name.equals("protocol_version") || name.equals("insufficient_security");
    }

    /** Whether the peer could not read a handshake message it was sent. */
    public boolean unreadable() {
        return UNREADABLE_ALERTS.contains(name);
    }

    @Override
    public String toString() {
        return name + "(" + code + ")";
    }
}
