package dev.mtlskit.client;

import java.util.List;
import java.util.Optional;

import dev.mtlskit.tls.netty.TlsAlertInfo;

/**
 * Everything a call saw, in order, with typed accessors for the facts a diagnosis needs.
 *
 * @param request what was asked
 * @param events the steps, in the order they happened
 */
public record CallResult(CallRequest request, List<CallEvent> events) {

    public CallResult {
        events = List.copyOf(events);
    }

    /** How far the call got. */
    public enum Stage {
        /** No TCP connection. */
        CONNECT_FAILED,
        /** TCP up, TLS handshake failed (including a server that does not speak TLS). */
        HANDSHAKE_FAILED,
        /** The handshake finished here but the connection failed before a response (e.g. a TLS 1.3 alert). */
        CONNECTION_FAILED,
        /** The handshake finished and no request was sent ({@link CallRequest.ServerCheck#RECORD_ONLY}). */
        HANDSHAKE_ONLY,
        /** An HTTP response arrived. */
        RESPONDED
    }

    public Stage stage() {
        if (response().isPresent()) {
            return Stage.RESPONDED;
        }
        if (first(CallEvent.ConnectionFailed.class).isPresent()) {
            return Stage.CONNECTION_FAILED;
        }
        if (first(CallEvent.HandshakeFailed.class).isPresent()) {
            return Stage.HANDSHAKE_FAILED;
        }
        if (handshake().isPresent()) {
            return Stage.HANDSHAKE_ONLY;
        }
        return first(CallEvent.Connected.class).isPresent() ? Stage.HANDSHAKE_FAILED : Stage.CONNECT_FAILED;
    }

    /** The last failed TCP attempt, when no connection was made. */
    public Optional<CallEvent.ConnectFailed> connectFailure() {
        return last(CallEvent.ConnectFailed.class);
    }

    public Optional<CallEvent.ServerCertificate> serverCertificate() {
        return first(CallEvent.ServerCertificate.class);
    }

    /** Present when the server asked for a client certificate. */
    public Optional<CallEvent.CertificateRequested> certificateRequest() {
        return first(CallEvent.CertificateRequested.class);
    }

    public Optional<CallEvent.ClientCertificateSent> clientCertificateSent() {
        return first(CallEvent.ClientCertificateSent.class);
    }

    public Optional<CallEvent.HandshakeCompleted> handshake() {
        return first(CallEvent.HandshakeCompleted.class);
    }

    public Optional<CallEvent.HandshakeFailed> handshakeFailure() {
        return first(CallEvent.HandshakeFailed.class);
    }

    public Optional<CallEvent.ConnectionFailed> connectionFailure() {
        return first(CallEvent.ConnectionFailed.class);
    }

    public Optional<CallEvent.ResponseReceived> response() {
        return first(CallEvent.ResponseReceived.class);
    }

    /** Whether an HTTP response with a status below 400 arrived and ended. */
    public boolean succeeded() {
        return response().map(r -> r.status() < 400).orElse(false)
                && first(CallEvent.ResponseCompleted.class).isPresent();
    }

    /** The alert the server sent, from the handshake or the connection after it. */
    public Optional<TlsAlertInfo> alert() {
        return handshakeFailure().map(CallEvent.HandshakeFailed::alert)
                .or(() -> connectionFailure().map(CallEvent.ConnectionFailed::alert));
    }

    public <T extends CallEvent> Optional<T> first(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public <T extends CallEvent> Optional<T> last(Class<T> type) {
        T found = null;
        for (CallEvent event : events) {
            if (type.isInstance(event)) {
                found = type.cast(event);
            }
        }
        return Optional.ofNullable(found);
    }
}
