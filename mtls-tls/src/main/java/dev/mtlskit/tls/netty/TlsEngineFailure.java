package dev.mtlskit.tls.netty;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.mtlskit.reason.Causes;

import io.netty.handler.ssl.NotSslRecordException;

/**
 * What a TLS engine's own failure text says, read in one place for BoringSSL (netty-tcnative:
 * {@code error:100000c7:SSL routines:OPENSSL_internal:PEER_DID_NOT_RETURN_A_CERTIFICATE}) and the
 * JDK engine ({@code Empty client certificate chain}). The engines' words never reach a person's
 * line: each kind is said in words by the gateway, the tunnel, {@code mtls call} and the doctor.
 * An alert the peer sent is read by {@link TlsAlertInfo#fromFailure}.
 */
public enum TlsEngineFailure {
    /** The peer sent no certificate (or an empty chain) where one was required. */
    NO_PEER_CERTIFICATE("PEER_DID_NOT_RETURN_A_CERTIFICATE", "EMPTY CLIENT CERTIFICATE CHAIN",
            "EMPTY SERVER CERTIFICATE CHAIN", "NULL CERT CHAIN"),
    /** A plain HTTP request reached the TLS port. */
    PLAIN_HTTP("HTTP_REQUEST", "HTTPS_PROXY_REQUEST"),
    /** No TLS version both sides accept. */
    NO_SHARED_PROTOCOL("UNSUPPORTED_PROTOCOL", "IS NOT ENABLED OR SUPPORTED", "NO APPROPRIATE PROTOCOL",
            "UNSUPPORTED SSLV2HELLO", "PROTOCOL_VERSION", "VERSION_TOO_LOW", "WRONG_SSL_VERSION",
            "NOT ACCEPTED BY SERVER PREFERENCES", "NOT ACCEPTED BY CLIENT PREFERENCES"),
    /** No cipher suite both sides accept. */
    NO_SHARED_CIPHER("NO_SHARED_CIPHER", "NO CIPHER SUITES IN COMMON", "NO_CIPHERS_AVAILABLE"),
    /** No key exchange group both sides accept. */
    NO_SHARED_GROUP("NO_SHARED_GROUP", "NO SUPPORTED GROUP", "INSUFFICIENT SUPPORTED GROUPS"),
    /** No application protocol (ALPN) both sides speak. */
    NO_SHARED_ALPN("NO_APPLICATION_PROTOCOL", "NO_ALPN", "NO APPLICATION PROTOCOL"),
    /** The peer's bytes are not TLS (another protocol, or SSL 3.0 or older). */
    NOT_TLS("WRONG_VERSION_NUMBER", "UNSUPPORTED OR UNRECOGNIZED SSL MESSAGE", "NOT AN SSL/TLS RECORD"),
    /** A handshake message could not be parsed. */
    MALFORMED("DECODE_ERROR", "BAD_PACKET_LENGTH", "EXCESSIVE_MESSAGE_SIZE", "UNEXPECTED_MESSAGE",
            "UNEXPECTED_RECORD", "PARSE_TLSEXT", "DECODE", "MALFORMED", "ILLEGAL_PARAMETER"),
    /** The peer reset the connection. */
    RESET("CONNECTION RESET", "BROKEN PIPE"),
    /** The peer closed the connection. */
    CLOSED("CLOSED", "END OF STREAM");

    private final List<String> marks;

    TlsEngineFailure(String... marks) {
        this.marks = List.of(marks);
    }

    /** What the engine's exception (or any in its chain) says, or empty when it says none of these. */
    public static Optional<TlsEngineFailure> of(Throwable cause) {
        String upper = Causes.allMessages(cause).toUpperCase(Locale.ROOT);
        Optional<TlsEngineFailure> said = of(upper);
        if (said.isPresent() && said.get().ordinal() <= NOT_TLS.ordinal()) {
            return said;
        }
        if (Causes.has(cause, NotSslRecordException.class)) {
            return Optional.of(NOT_TLS);
        }
        if (said.isPresent()) {
            return said;
        }
        if (Causes.has(cause, ClosedChannelException.class) || Causes.has(cause, IOException.class) && upper.contains("EOF")) {
            return Optional.of(CLOSED);
        }
        return Optional.empty();
    }

    /** What an engine's failure text says, e.g. {@code ...:OPENSSL_internal:UNSUPPORTED_PROTOCOL}; the first kind that matches. */
    public static Optional<TlsEngineFailure> of(String engineText) {
        String upper = engineText == null ? "" : engineText.toUpperCase(Locale.ROOT);
        for (TlsEngineFailure kind : values()) {
            if (kind.marks.stream().anyMatch(upper::contains)
                    || kind == MALFORMED && upper.contains("INVALID") && upper.contains("HANDSHAKE")) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Whether the engine says that the peer sent no certificate. */
    public static boolean noPeerCertificate(Throwable cause) {
        return of(cause).filter(kind -> kind == NO_PEER_CERTIFICATE).isPresent();
    }
}
