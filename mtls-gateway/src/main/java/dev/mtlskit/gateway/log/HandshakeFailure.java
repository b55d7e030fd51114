package dev.mtlskit.gateway.log;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.mtlskit.gateway.tls.HandshakeRefusedException;
import dev.mtlskit.reason.Causes;
import dev.mtlskit.tls.netty.TlsAlertInfo;
import dev.mtlskit.tls.netty.TlsEngineFailure;

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

    /** The key of a handshake that did not end in time (timeouts.handshake, or timeouts.client_hello). */
    public static final String HANDSHAKE_TIMEOUT = "HANDSHAKE_TIMEOUT";

    /**
     * @param protocols the TLS versions the listener accepts, e.g. {@code [TLSv1.3, TLSv1.2]}
     * @param timeout the listener's {@code timeouts.handshake}
     * @param plainHttp the client's first bytes looked like an HTTP request line (the engines do not say so)
     */
    public static HandshakeFailure of(Throwable cause, List<String> protocols, Duration timeout, boolean plainHttp) {
        if (Causes.has(cause, SslHandshakeTimeoutException.class)) {
            return new HandshakeFailure(HANDSHAKE_TIMEOUT, "the client did not finish the handshake within "
                    + RejectionLog.duration(timeout) + " (timeouts.handshake)");
        }
        Optional<HandshakeRefusedException> refused = Causes.find(cause, HandshakeRefusedException.class);
        if (refused.isPresent()) {
            return new HandshakeFailure(refused.get().reason(), refused.get().getMessage());
        }
        Optional<TlsEngineFailure> said = TlsEngineFailure.of(cause);
        if (plainHttp || said.equals(Optional.of(TlsEngineFailure.PLAIN_HTTP))) {
            return new HandshakeFailure("PLAIN_HTTP", "the client spoke plain HTTP to the TLS port (it should call https://)");
        }
        TlsAlertInfo alert = TlsAlertInfo.fromFailure(cause);
        if (alert != null) {
            return new HandshakeFailure("ALERT_" + alert.name(), alertWords(alert));
        }
        return said.map(kind -> switch (kind) {
            case NO_SHARED_PROTOCOL -> new HandshakeFailure("NO_COMMON_PROTOCOL",
                    "the client offered no protocol version this gateway accepts (" + versions(protocols) + ")");
            case NO_SHARED_CIPHER -> new HandshakeFailure("NO_COMMON_CIPHER",
                    "the client offered no cipher suite this gateway accepts");
            case NO_SHARED_GROUP -> new HandshakeFailure("NO_COMMON_GROUP",
                    "the client offered no key exchange group this gateway accepts");
            case NO_SHARED_ALPN -> new HandshakeFailure("NO_COMMON_ALPN",
                    "the client offered no application protocol (ALPN) this gateway speaks (h2, http/1.1)");
            case NOT_TLS -> new HandshakeFailure("NOT_TLS", "the client sent something that is not a TLS handshake "
                    + "(another protocol, or SSL 3.0 or older)");
            case MALFORMED -> new HandshakeFailure("MALFORMED", "the client sent a malformed handshake message");
            case RESET -> new HandshakeFailure("RESET", "the client reset the connection during the handshake");
            case CLOSED -> new HandshakeFailure("CLOSED", "the client closed the connection during the handshake");
            default -> null;
        }).orElseGet(() -> new HandshakeFailure("OTHER", "the TLS engine refused the handshake for another reason (the "
                + "logger mtls.rejected at debug level shows the engine's own text)"));
    }

    /** The engine's texts along the cause chain, for debug level (never shown at info). */
    public static String engineText(Throwable cause) {
        return Causes.allMessages(cause);
    }

    private static String alertWords(TlsAlertInfo alert) {
        if (alert.aboutCertificate()) {
            return "the client refused the gateway's certificate (it sent the TLS alert " + alert.name()
                    + "; does it trust the CA that issued the gateway's certificate, and the name it called?)";
        }
        if (alert.unreadable()) {
            return "the client could not read the gateway's handshake (TLS alert " + alert.name() + ")";
        }
        return switch (alert.name()) {
            case "protocol_version" -> "the client refused every protocol version this gateway offered (TLS alert "
                    + "protocol_version)";
            case "handshake_failure", "insufficient_security" -> "the client found nothing acceptable in the gateway's "
                    + "answer (TLS alert " + alert.name() + ": no common cipher suite or signature algorithm)";
            case "user_canceled" -> "the client cancelled the handshake (TLS alert user_canceled)";
            default -> "the client ended the handshake with the TLS alert " + alert.name();
        };
    }

    private static String versions(List<String> protocols) {
        List<String> names = protocols.stream().map(p -> p.replace("TLSv", "TLS ")).sorted().toList();
        return String.join(" or ", names);
    }
}
