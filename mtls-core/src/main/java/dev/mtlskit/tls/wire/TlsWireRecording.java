package dev.mtlskit.tls.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.mtlskit.tls.wire.TlsEvent.Alert;
import dev.mtlskit.tls.wire.TlsEvent.HandshakeMessage;

/**
 * Keeps the events of one connection and answers what {@code mtls doctor} asks of them: did the
 * server ask for a client certificate, naming which CAs? Did we send one? Which alert came back,
 * and after what? Use it as the tracer's listener. Thread-safe.
 */
public final class TlsWireRecording implements Consumer<TlsEvent> {

    private final List<TlsEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(TlsEvent event) {
        events.add(event);
    }

    /** Everything so far, in the order it was reported. */
    public synchronized List<TlsEvent> events() {
        return List.copyOf(events);
    }

    /** The events as {@code curl -v} lines; see {@link CurlStyle}. */
    public List<String> curlLines() {
        return events().stream().map(CurlStyle::line).toList();
    }

    /** The first handshake message of a type sent in a direction. */
    public Optional<HandshakeMessage> message(Direction direction, HandshakeType type) {
        return events().stream()
                .filter(HandshakeMessage.class::isInstance)
                .map(HandshakeMessage.class::cast)
                .filter(message -> message.direction() == direction && message.type() == type)
                .findFirst();
    }

    /** The server's CertificateRequest, if it sent one we could read. */
    public Optional<HandshakeDetails.CertificateRequest> certificateRequest() {
        return message(Direction.IN, HandshakeType.CERTIFICATE_REQUEST)
                .flatMap(message -> message.details(HandshakeDetails.CertificateRequest.class));
    }

    /** The certificates sent in a direction (IN: the server's chain, OUT: ours, empty when we had none). */
    public Optional<HandshakeDetails.Certificates> certificates(Direction direction) {
        return message(direction, HandshakeType.CERTIFICATE)
                .flatMap(message -> message.details(HandshakeDetails.Certificates.class));
    }

    /** The first alert sent in a direction. */
    public Optional<Alert> firstAlert(Direction direction) {
        return events().stream()
                .filter(Alert.class::isInstance)
                .map(Alert.class::cast)
                .filter(alert -> alert.direction() == direction)
                .findFirst();
    }

    /** The last handshake message reported before an event: for an alert, what it answered. */
    public Optional<HandshakeMessage> lastMessageBefore(TlsEvent event) {
        List<TlsEvent> all = events();
        HandshakeMessage last = null;
        for (TlsEvent each : all) {
            if (each == event) {
                return Optional.ofNullable(last);
            }
            if (each instanceof HandshakeMessage message) {
                last = message;
            }
        }
        return Optional.empty();
    }
}
