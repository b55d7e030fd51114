package dev.mtlskit.tls.netty;

import static java.util.Objects.requireNonNull;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import dev.mtlskit.reason.Causes;
import dev.mtlskit.reason.ConnectionCode;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * Why a connection could not be opened, the same for the gateway's upstreams, the tunnel,
 * {@code mtls call} and {@code mtls doctor}: {@link ConnectionCode#CONNECTION_REFUSED},
 * {@link ConnectionCode#TIMEOUT}, {@link ConnectionCode#UNKNOWN_HOST} or
 * {@link ConnectionCode#NETWORK_ERROR} (unreachable, or any other failed connect).
 *
 * @param code the stable code
 * @param systemText the system's own words, e.g. {@code Connection refused: /127.0.0.1:8443}, without a final period
 */
public record ConnectFailure(ConnectionCode code, String systemText) {

    public ConnectFailure {
        requireNonNull(code, "code");
        requireNonNull(systemText, "systemText");
    }

    /**
     * The connect failure in {@code cause}'s chain, or empty when the connection was opened (or never
     * tried) and failed otherwise. A timed-out TLS handshake counts as no answer in time.
     */
    public static Optional<ConnectFailure> find(Throwable cause) {
        String text = text(cause);
        if (Causes.has(cause, UnknownHostException.class)) {
            return Optional.of(new ConnectFailure(ConnectionCode.UNKNOWN_HOST, text));
        }
        if (Causes.has(cause, ConnectTimeoutException.class) || Causes.has(cause, SocketTimeoutException.class)
                || Causes.has(cause, SslHandshakeTimeoutException.class)) {
            return Optional.of(new ConnectFailure(ConnectionCode.TIMEOUT, text));
        }
        Optional<ConnectException> connect = Causes.find(cause, ConnectException.class);
        if (connect.isPresent() && String.valueOf(connect.get().getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
            return Optional.of(new ConnectFailure(ConnectionCode.CONNECTION_REFUSED, text));
        }
        if (Causes.has(cause, NoRouteToHostException.class) || Causes.has(cause, PortUnreachableException.class)
                || connect.isPresent() && String.valueOf(connect.get().getMessage()).toLowerCase(Locale.ROOT)
                .contains("unreachable")) {
            return Optional.of(new ConnectFailure(ConnectionCode.NETWORK_ERROR, text));
        }
        return Optional.empty();
    }

    /** Why a connect failed: as {@link #find}, and any other failure of a connect is a network error. */
    public static ConnectFailure ofConnect(Throwable cause) {
        return find(cause).orElseGet(() -> new ConnectFailure(ConnectionCode.NETWORK_ERROR, text(cause)));
    }

    /** What happened, in the same words wherever it is said, e.g. {@code nothing listens there}. */
    public String words() {
        return switch (code) {
            case CONNECTION_REFUSED -> "nothing listens there";
            case TIMEOUT -> "no answer in time";
            case UNKNOWN_HOST -> "the host name does not resolve";
            default -> "the network did not carry the connection";
        };
    }

    /** {@code WORDS (SYSTEM TEXT)}, e.g. {@code nothing listens there (Connection refused: /127.0.0.1:8443)}. */
    public String sentence() {
        return words() + " (" + systemText + ")";
    }

    private static String text(Throwable cause) {
        String text = Causes.message(cause).strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
