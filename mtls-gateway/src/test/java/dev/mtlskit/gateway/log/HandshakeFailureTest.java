package dev.mtlskit.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.netty.handler.ssl.SslHandshakeTimeoutException;

/**
 * The TLS engines' failure texts (as BoringSSL through netty-tcnative and the JDK word them) become
 * one plain sentence: never an error code or a Java class name. The gateway tests see the real
 * engines produce some of them (a TLS 1.1 client, plain HTTP, a handshake left half-way).
 */
class HandshakeFailureTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN|ALERT_certificate_unknown|"
                + "the client refused the gateway's certificate (it sent the TLS alert certificate_unknown; does it trust "
                + "the CA that issued the gateway's certificate, and the name it called?)",
        "Received fatal alert: unknown_ca|ALERT_unknown_ca|the client refused the gateway's certificate (it sent the TLS "
                + "alert unknown_ca; does it trust the CA that issued the gateway's certificate, and the name it called?)",
        "error:100000b8:SSL routines:OPENSSL_internal:NO_SHARED_CIPHER|NO_COMMON_CIPHER|"
                + "the client offered no cipher suite this gateway accepts",
        "no cipher suites in common|NO_COMMON_CIPHER|the client offered no cipher suite this gateway accepts",
        "error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL|NO_COMMON_PROTOCOL|"
                + "the client offered no protocol version this gateway accepts (TLS 1.2 or TLS 1.3)",
        "Client requested protocol TLSv1.1 is not enabled or supported in server context|NO_COMMON_PROTOCOL|"
                + "the client offered no protocol version this gateway accepts (TLS 1.2 or TLS 1.3)",
        "The client supported protocol versions [TLSv1.2] are not accepted by server preferences [TLSv1.3]|"
                + "NO_COMMON_PROTOCOL|the client offered no protocol version this gateway accepts (TLS 1.2 or TLS 1.3)",
        "error:1000009c:SSL routines:OPENSSL_internal:HTTP_REQUEST|PLAIN_HTTP|"
                + "the client spoke plain HTTP to the TLS port (it should call https://)",
        "error:1000006b:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER|NOT_TLS|"
                + "the client sent something that is not a TLS handshake (another protocol, or SSL 3.0 or older)",
        "error:10000089:SSL routines:OPENSSL_internal:DECODE_ERROR|MALFORMED|"
                + "the client sent a malformed handshake message",
        "error:100000e5:SSL routines:OPENSSL_internal:NO_APPLICATION_PROTOCOL|NO_COMMON_ALPN|"
                + "the client offered no application protocol (ALPN) this gateway speaks (h2, http/1.1)",
        "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE|ALERT_handshake_failure|"
                + "the client found nothing acceptable in the gateway's answer (TLS alert handshake_failure: no common "
                + "cipher suite or signature algorithm)",
        "something new|OTHER|the TLS engine refused the handshake for another reason (the logger mtls.rejected at "
                + "debug level shows the engine's own text)",
    })
    void engineTextsBecomeWords(String engineText, String reason, String words) {
        HandshakeFailure failure = HandshakeFailure.of(new SSLHandshakeException(engineText), PROTOCOLS, TIMEOUT, false);
        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.words()).isEqualTo(words).doesNotContain("Exception", "error:", "io.netty", "javax.");
    }

    @org.junit.jupiter.api.Test
    void timeoutsResetsAndClosesAreNamed() {
        assertThat(HandshakeFailure.of(new SslHandshakeTimeoutException("handshake timed out after 10000ms"), PROTOCOLS,
                TIMEOUT, false).words()).isEqualTo("the client did not finish the handshake within 10s (timeouts.handshake)");
        assertThat(HandshakeFailure.of(new javax.net.ssl.SSLException("handshake failed", new IOException(
                "recvAddress(..) failed with error(-104): Connection reset by peer")), PROTOCOLS, TIMEOUT, false).words())
                .isEqualTo("the client reset the connection during the handshake");
        assertThat(HandshakeFailure.of(new ClosedChannelException(), PROTOCOLS, TIMEOUT, false).words())
                .isEqualTo("the client closed the connection during the handshake");
        assertThat(HandshakeFailure.of(new SSLHandshakeException("not an SSL/TLS record"), PROTOCOLS, TIMEOUT, true).words())
                .isEqualTo("the client spoke plain HTTP to the TLS port (it should call https://)");
        assertThat(HandshakeFailure.of(new SSLHandshakeException("UNSUPPORTED_PROTOCOL"), List.of("TLSv1.3"), TIMEOUT, false)
                .words()).endsWith("(TLS 1.3)");
    }

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
}
