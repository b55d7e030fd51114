package dev.mtlskit.gateway.log;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.mtlskit.tls.netty.TlsAlertInfo;
import dev.mtlskit.gateway.tls.HandshakeRefusedException;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * Why a client's handshake failed (other than its certificate), in words an operator reads without
 * knowing BoringSSL's error codes or the JDK's exception types: the engines' texts
 * ({@code error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN},
 * {@code Client requested protocol TLSv1.1 is not enabled or supported}) are read here and shown
 * only at debug level.
 *
 * @param reason a stable key for rate limiting (alike failures are counted together)
 * @param words one sentence, lower case, no final period
 */
public record HandshakeFailure(String reason, String words) {

    /**
     * @param protocols the TLS versions the listener accepts, e.g. {@code [TLSv1.3, TLSv1.2]}
     * @param timeout the listener's {@code timeouts.handshake}
     * @param plainHttp the client's first bytes looked like an HTTP request line (the engines do not say so)
     */
    public static HandshakeFailure of(Throwable cause, List<String> protocols, Duration timeout, boolean plainHttp) {
        if (find(cause, SslHandshakeTimeoutException.class) != null) {
            return new HandshakeFailure("TIMEOUT", "the client did not finish the handshake within "
                    + RejectionLog.duration(timeout) + " (timeouts.handshake)");
        }
        HandshakeRefusedException refused = find(cause, HandshakeRefusedException.class);
        if (refused != null) {
            return new HandshakeFailure(refused.reason(), refused.getMessage());
        }
        String text = texts(cause);
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("HTTP_REQUEST") || upper.contains("HTTPS_PROXY_REQUEST") || plainHttp) {
            return new HandshakeFailure("PLAIN_HTTP", "the client spoke plain HTTP to the TLS port (it should call https://)");
        }
        TlsAlertInfo alert = TlsAlertInfo.fromFailure(cause);
        if (alert != null) {
            return new HandshakeFailure("ALERT_" + alert.name(), alertWords(alert));
        }
        if (upper.contains("UNSUPPORTED_PROTOCOL") || upper.contains("IS NOT ENABLED OR SUPPORTED")
                || upper.contains("NO APPROPRIATE PROTOCOL") || upper.contains("UNSUPPORTED SSLV2HELLO")
                || upper.contains("TLSV1_ALERT_PROTOCOL_VERSION") || upper.contains("VERSION_TOO_LOW")) {
            return new HandshakeFailure("NO_SHARED_PROTOCOL", "the client offered no protocol version this gateway accepts ("
                    + versions(protocols) + ")");
        }
        if (upper.contains("NO_SHARED_CIPHER") || upper.contains("NO CIPHER SUITES IN COMMON")
                || upper.contains("NO_CIPHERS_AVAILABLE")) {
            return new HandshakeFailure("NO_SHARED_CIPHER", "the client offered no cipher suite this gateway accepts");
        }
        if (upper.contains("NO_SHARED_GROUP") || upper.contains("NO SUPPORTED GROUP")
                || upper.contains("INSUFFICIENT SUPPORTED GROUPS")) {
            return new HandshakeFailure("NO_SHARED_GROUP", "the client offered no key exchange group this gateway accepts");
        }
        if (upper.contains("NO_APPLICATION_PROTOCOL") || upper.contains("NO_ALPN")
                || upper.contains("NO APPLICATION PROTOCOL")) {
            return new HandshakeFailure("NO_SHARED_ALPN",
                    "the client offered no application protocol (ALPN) this gateway speaks (h2, http/1.1)");
        }
        if (upper.contains("WRONG_VERSION_NUMBER") || upper.contains("UNSUPPORTED OR UNRECOGNIZED SSL MESSAGE")
                || find(cause, NotSslRecordException.class) != null) {
            return new HandshakeFailure("NOT_TLS", "the client sent something that is not a TLS handshake "
                    + "(another protocol, or SSL 3.0 or older)");
        }
        if (upper.contains("DECODE_ERROR") || upper.contains("BAD_PACKET_LENGTH") || upper.contains("EXCESSIVE_MESSAGE_SIZE")
                || upper.contains("UNEXPECTED_MESSAGE") || upper.contains("UNEXPECTED_RECORD") || upper.contains("PARSE_TLSEXT")
                || upper.contains("DECODE") || upper.contains("MALFORMED") || upper.contains("ILLEGAL_PARAMETER")
                || upper.contains("INVALID") && upper.contains("HANDSHAKE")) {
            return new HandshakeFailure("MALFORMED", "the client sent a malformed handshake message");
        }
        if (upper.contains("CONNECTION RESET") || upper.contains("BROKEN PIPE")) {
            return new HandshakeFailure("RESET", "the client reset the connection during the handshake");
        }
        if (find(cause, ClosedChannelException.class) != null || upper.contains("CLOSED") || upper.contains("END OF STREAM")
                || find(cause, IOException.class) != null && upper.contains("EOF")) {
            return new HandshakeFailure("CLOSED", "the client closed the connection during the handshake");
        }
        return new HandshakeFailure("OTHER", "the TLS engine refused the handshake for another reason (the logger "
                + "mtls.rejected at debug level shows the engine's own text)");
    }

    /** The engine's texts along the cause chain, for debug level (never shown at info). */
    public static String engineText(Throwable cause) {
        return texts(cause);
    }

    private static String alertWords(TlsAlertInfo alert) {
        return switch (alert.name()) {
            case "certificate_unknown", "bad_certificate", "unknown_ca", "certificate_expired", "certificate_revoked",
                    "unsupported_certificate", "access_denied" ->
                    "the client refused the gateway's certificate (it sent the TLS alert " + alert.name()
                            + "; does it trust the CA that issued the gateway's certificate, and the name it called?)";
            case "protocol_version" -> "the client refused every protocol version this gateway offered (TLS alert "
                    + "protocol_version)";
            case "handshake_failure", "insufficient_security" -> "the client found nothing acceptable in the gateway's "
                    + "answer (TLS alert " + alert.name() + ": no common cipher suite or signature algorithm)";
            case "user_canceled" -> "the client cancelled the handshake (TLS alert user_canceled)";
            case "decode_error", "illegal_parameter", "unexpected_message", "record_overflow" ->
                    "the client could not read the gateway's handshake (TLS alert " + alert.name() + ")";
            default -> "the client ended the handshake with the TLS alert " + alert.name();
        };
    }

    private static String versions(List<String> protocols) {
        List<String> names = protocols.stream().map(p -> p.replace("TLSv", "TLS ")).sorted().toList();
        return String.join(" or ", names);
    }

    private static String texts(Throwable cause) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                out.append(out.isEmpty() ? "" : " / ").append(t.getMessage());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed.getMessage() != null) {
                    out.append(" / ").append(suppressed.getMessage());
                }
            }
        }
        return out.toString();
    }

    private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
