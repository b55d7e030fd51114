package dev.mtlskit.client.doctor;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import dev.mtlskit.client.CallEvent;
import dev.mtlskit.client.CallRequest;
import dev.mtlskit.client.CallResult;
import dev.mtlskit.client.Seconds;
import dev.mtlskit.reason.ConnectionCode;
import dev.mtlskit.tls.netty.ConnectFailure;
import dev.mtlskit.tls.wire.TlsEvent;

/**
 * The cause of a failed call that the call alone shows: no connection, no TLS answer in time, no TLS
 * on the port, or the server's certificate refused. {@code mtls call} prints it and {@code mtls
 * doctor} starts from it, so both name the same code for the same failure.
 *
 * @param reason the code ({@link ConnectionCode} or {@link dev.mtlskit.reason.Reason} name)
 * @param side who has to act
 * @param message one sentence a newcomer understands
 * @param fix what to do
 */
public record CallFailure(String reason, Party side, String message, String fix) {

    public CallFailure {
        requireNonNull(reason, "reason");
        requireNonNull(side, "side");
        requireNonNull(message, "message");
        requireNonNull(fix, "fix");
    }

    /** The cause {@code result} shows by itself, or empty when it takes more (the doctor's other attempts). */
    public static Optional<CallFailure> of(CallResult result) {
        CallRequest request = result.request();
        if (result.stage() == CallResult.Stage.CONNECT_FAILED) {
            CallEvent.ConnectFailed failed = result.connectFailure()
                    .orElseThrow(() -> new IllegalStateException("a call that did not connect records why"));
            return Optional.of(connectFailed(request, failed.failure()));
        }
        if (result.stage() != CallResult.Stage.HANDSHAKE_FAILED && result.stage() != CallResult.Stage.CONNECTION_FAILED) {
            return Optional.empty();
        }
        if (result.handshakeFailure().map(CallEvent.HandshakeFailed::timedOut).orElse(false)) {
            return Optional.of(handshakeTimedOut(request));
        }
        String message = result.handshakeFailure().map(CallEvent.HandshakeFailed::message)
                .or(() -> result.connectionFailure().map(CallEvent.ConnectionFailed::message)).orElse("");
        Optional<TlsEvent.NotTls> notTls = result.events().stream()
                .filter(e -> e instanceof CallEvent.Wire wire && wire.event() instanceof TlsEvent.NotTls)
                .map(e -> (TlsEvent.NotTls) ((CallEvent.Wire) e).event()).findFirst();
        if (notTls.isPresent() || NotTls.matches(message)) {
            String answered = notTls.map(n -> " (it answered \"" + n.preview() + "\")").orElse(NotTls.firstBytes(message));
            return Optional.of(new CallFailure(ConnectionCode.NOT_TLS.name(), Party.SERVER,
                    request.host() + ":" + request.port() + " does not speak TLS" + answered
                            + ": it is a plain-HTTP (or other) port",
                    "use the server's TLS port (often 443 or 8443), or http:// if the service really has no TLS"));
        }
        return result.serverCertificate().flatMap(CallEvent.ServerCertificate::refusal)
                .map(refusal -> new CallFailure(refusal.reason(), Party.SERVER, refusal.message(), refusal.fix()));
    }

    private static CallFailure connectFailed(CallRequest request, ConnectFailure failure) {
        String where = request.host() + ":" + request.port();
        String what = "cannot connect to " + where + ": " + failure.sentence();
        return switch (failure.code()) {
            case CONNECTION_REFUSED -> new CallFailure(failure.code().name(), Party.NETWORK,
                    what + ": the server is down, or listens on another port or address",
                    "check the host and port in the URL, and that the server is running and listening on "
                            + where + " (not only on localhost of another machine)");
            case TIMEOUT -> new CallFailure(failure.code().name(), Party.NETWORK,
                    what + ": a firewall drops the packets, or the address is wrong",
                    "check the address and any firewall, security group or allow-list between you and the server"
                            + " (mTLS APIs often allow-list caller IP addresses too)");
            case UNKNOWN_HOST -> new CallFailure(failure.code().name(), Party.NETWORK, what,
                    "check the spelling of the host name and your DNS; --resolve HOST:PORT:ADDRESS tests a fixed address");
            default -> new CallFailure(failure.code().name(), Party.NETWORK, what, "check the network path to the server");
        };
    }

    /** TCP was accepted, then silence: whatever took the connection does not speak TLS to us. */
    private static CallFailure handshakeTimedOut(CallRequest request) {
        String where = request.host() + ":" + request.port();
        return new CallFailure(ConnectionCode.TIMEOUT.name(), Party.NETWORK,
                where + " accepted the TCP connection but did not answer the TLS handshake within "
                        + Seconds.of(request.connectTimeout()) + ": something holds the connection without speaking TLS,"
                        + " such as a firewall or load balancer with nowhere to pass it on, or a server waiting for the"
                        + " client to speak another protocol first (plain HTTP, or one that starts TLS later with"
                        + " STARTTLS)",
                "check that " + request.port() + " is the server's TLS port and that whatever sits in front of the server"
                        + " (load balancer, firewall) passes connections on; if the server is only slow, allow it more"
                        + " time with --connect-timeout SECONDS");
    }
}
