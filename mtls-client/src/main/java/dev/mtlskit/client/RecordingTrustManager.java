package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.netty.handler.ssl.SslProvider;

import dev.mtlskit.tls.netty.RefusalAlert;
import dev.mtlskit.trust.RejectedCertificateException;
import dev.mtlskit.validation.ChainValidator;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.ValidationRequest;
import dev.mtlskit.validation.Verdict;

/**
 * Checks the server's chain with the strict validator (host name included) and reports the verdict
 * as an event, so that a trace can show the certificate and a diagnosis the exact reason, even when
 * the handshake goes on ({@link CallRequest.ServerCheck#RECORD_ONLY}). A refused certificate ends the
 * handshake with the alert that names the refusal ({@link RefusalAlert}), with either engine.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

    private final List<X509Certificate> anchors;
    private final String expectedName;
    private final CallRequest.ServerCheck check;
    private final Consumer<CallEvent> events;
    private final Clock clock;
    private final SslProvider engine;
    private final String trustSource;

    RecordingTrustManager(List<X509Certificate> anchors, String trustSource, String expectedName,
                          CallRequest.ServerCheck check, Consumer<CallEvent> events, Clock clock, SslProvider engine) {
        this.anchors = List.copyOf(anchors);
        this.trustSource = requireNonNull(trustSource, "trustSource");
        this.expectedName = requireNonNull(expectedName, "expectedName");
        this.check = requireNonNull(check, "check");
        this.events = requireNonNull(events, "events");
        this.clock = requireNonNull(clock, "clock");
        this.engine = requireNonNull(engine, "engine");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder()
                .chain(List.of(chain))
                .trustAnchors(anchors)
                .role(PeerRole.SERVER)
                .expectedName(expectedName)
                .at(clock.instant())
                .build());
        events.accept(new CallEvent.ServerCertificate(List.of(chain), verdict, expectedName, trustSource));
        if (!verdict.valid() && check == CallRequest.ServerCheck.ENFORCE) {
            throw RefusalAlert.exception(engine, new RejectedCertificateException(verdict));
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.toArray(new X509Certificate[0]);
    }
}
