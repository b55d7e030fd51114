package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TLS alert the server sent (RFC 8446 §6), e.g. {@code certificate_expired(45)}.
 *
 * @param code the alert description number
 * @param name its RFC name
 */
public record TlsAlertInfo(int code, String name) {

    private static final Map<String, Integer> CODES = Map.ofEntries(
            Map.entry("close_notify", 0), Map.entry("unexpected_message", 10), Map.entry("bad_record_mac", 20),
            Map.entry("record_overflow", 22), Map.entry("handshake_failure", 40), Map.entry("bad_certificate", 42),
            Map.entry("unsupported_certificate", 43), Map.entry("certificate_revoked", 44),
            Map.entry("certificate_expired", 45), Map.entry("certificate_unknown", 46),
            Map.entry("illegal_parameter", 47), Map.entry("unknown_ca", 48), Map.entry("access_denied", 49),
            Map.entry("decode_error", 50), Map.entry("decrypt_error", 51), Map.entry("protocol_version", 70),
            Map.entry("insufficient_security", 71), Map.entry("internal_error", 80),
            Map.entry("inappropriate_fallback", 86), Map.entry("user_canceled", 90),
            Map.entry("missing_extension", 109), Map.entry("unsupported_extension", 110),
            Map.entry("unrecognized_name", 112), Map.entry("bad_certificate_status_response", 113),
            Map.entry("unknown_psk_identity", 115), Map.entry("certificate_required", 116),
            Map.entry("no_application_protocol", 120));

    // BoringSSL names a received alert SSLV3_ALERT_<NAME> or TLSV1_ALERT_<NAME> in its error string.
    private static final Pattern RECEIVED = Pattern.compile("(?:SSLV3|TLSV1)_ALERT_([A-Z_]+)");

    public TlsAlertInfo {
        requireNonNull(name, "name");
    }

    /** The alert with this RFC name, e.g. "unknown_ca", or null when the name is not an alert. */
    public static TlsAlertInfo named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        // BoringSSL spells two alerts differently from the RFC.
        key = switch (key) {
            case "no_certificate" -> "certificate_required";
            case "unknown_certificate" -> "certificate_unknown";
            default -> key;
        };
        Integer code = CODES.get(key);
        return code == null ? null : new TlsAlertInfo(code, key);
    }

    /** The alert with this number; an unknown number keeps the number as its name. */
    public static TlsAlertInfo of(int code) {
        for (Map.Entry<String, Integer> entry : CODES.entrySet()) {
            if (entry.getValue() == code) {
                return new TlsAlertInfo(code, entry.getKey());
            }
        }
        return new TlsAlertInfo(code, "alert_" + code);
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
