package dev.mtlskit.client.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.client.CallRequest;
import dev.mtlskit.client.CallResult;
import dev.mtlskit.client.Caller;
import dev.mtlskit.client.servers.NginxServer;
import dev.mtlskit.client.servers.ScenarioPki;
import dev.mtlskit.client.servers.ScenarioPki.Credential;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.testing.SilentServer;
import dev.mtlskit.tls.wire.TlsVersion;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * {@code mtls call} and {@code mtls doctor} name the same code for the same bad server (one
 * classification, {@link CallFailure}), and a call that refuses the server's certificate sends the
 * alert that says why, with either TLS engine, as the server's own log shows.
 */
class CallAndDoctorAgreeTest {

    @TempDir
    static Path directory;

    private static ScenarioPki pki;

    @BeforeAll
    static void generatePki() throws Exception {
        pki = ScenarioPki.create(directory);
    }

    /** A server that is wrong in one way, the code both tools name, and the alert a refusing client sends. */
    enum BadServer {
        /** Leaf and intermediate, from a root the client does not trust. */
        UNKNOWN_ROOT("UNTRUSTED_ROOT", "tlsv1 alert unknown ca:SSL alert number 48"),
        /** Leaf, intermediate and the self-signed root, which the client does not trust. */
        UNKNOWN_ROOT_SENT("UNTRUSTED_ROOT", "tlsv1 alert unknown ca:SSL alert number 48"),
        /** The leaf alone, from a root the client does not have and that the certificate does not point to. */
        UNKNOWN_ROOT_LEAF_ONLY("UNTRUSTED_ROOT", "tlsv1 alert unknown ca:SSL alert number 48"),
        /** The leaf alone, issued by an intermediate it points to (caIssuers): the server forgot the intermediate. */
        MISSING_INTERMEDIATE("MISSING_INTERMEDIATE", "tlsv1 alert unknown ca:SSL alert number 48"),
        EXPIRED("EXPIRED", "sslv3 alert certificate expired:SSL alert number 45"),
        WRONG_HOST_NAME("NAME_MISMATCH", "sslv3 alert bad certificate:SSL alert number 42"),
        /** Accepts the TCP connection and reads, never answers. */
        TIMEOUT("TIMEOUT", null);

        final String code;
        final String alertLogged;

        BadServer(String code, String alertLogged) {
            this.code = code;
            this.alertLogged = alertLogged;
        }

        Credential credential() {
            return switch (this) {
                case UNKNOWN_ROOT -> pki.server;
                case UNKNOWN_ROOT_SENT -> pki.serverWithRoot;
                case UNKNOWN_ROOT_LEAF_ONLY -> pki.serverUnrelated;
                case MISSING_INTERMEDIATE -> pki.serverLeafOnly;
                case EXPIRED -> pki.serverExpired;
                case WRONG_HOST_NAME -> pki.serverWrongName;
                case TIMEOUT -> throw new IllegalStateException("no TLS");
            };
        }

        /** What the client trusts: the server's root, except where the point is that it does not. */
        Path trusted() {
            return name().startsWith("UNKNOWN_ROOT") ? pki.clientRootCa : pki.serverRootCa;
        }
    }

    @ParameterizedTest
    @EnumSource(BadServer.class)
    void callAndDoctorNameTheSameCode(BadServer bad) throws Exception {
        if (bad == BadServer.TIMEOUT) {
            try (SilentServer silent = new SilentServer()) {
                CallRequest request = request(silent.url(), bad.trusted(), Duration.ofMillis(500));
                assertSameCode(request, bad.code);
                assertThat(silent.accepted()).as("the connection was accepted, and the client hello read").isPositive();
            }
            return;
        }
        try (NginxServer nginx = nginx(bad.credential()).start(directory)) {
            assertSameCode(request(nginx.url(), bad.trusted(), Duration.ofSeconds(5)), bad.code);
        }
    }

    /** Without --cacert (the JDK's CAs), a server whose private root the JDK does not know: as against a dev PKI. */
    @Test
    void withTheDefaultCasAPrivateRootIsAnUntrustedRootForBoth() throws Exception {
        try (NginxServer nginx = nginx(pki.serverUnrelated).start(directory)) {
            CallFailure failure = assertSameCode(request(nginx.url(), null, Duration.ofSeconds(5)), "UNTRUSTED_ROOT");
            assertThat(failure.side()).isEqualTo(Party.SERVER);
            assertThat(failure.message()).isEqualTo("the server's certificate was issued by CN=Unrelated Root CA,O=mtls-kit"
                    + " scenarios, which is not among the CAs you trust (the JDK's default CA certificates) and which the"
                    + " server does not send");
            assertThat(failure.fix()).isEqualTo("if CN=Unrelated Root CA,O=mtls-kit scenarios is the server's root CA and"
                    + " you trust this server, pass that CA certificate with --cacert; if it is an intermediate CA, the"
                    + " server's operator must send it with the certificate (never turn verification off)");
            // The fix, done: that root passed with --cacert.
            assertThat(call(request(nginx.url(), pki.unrelatedRootCa, Duration.ofSeconds(5))).succeeded()).isTrue();
        }
    }

    @Test
    void aServerThatForgotItsIntermediateIsToldToSendTheChain() throws Exception {
        try (NginxServer nginx = nginx(pki.serverLeafOnly).start(directory)) {
            CallFailure failure = assertSameCode(request(nginx.url(), pki.serverRootCa, Duration.ofSeconds(5)),
                    "MISSING_INTERMEDIATE");
            assertThat(failure.side()).isEqualTo(Party.SERVER);
            assertThat(failure.message()).isEqualTo("the server sends its certificate without the intermediate CA"
                    + " certificate CN=Server Intermediate CA,O=mtls-kit scenarios that links it to a CA you trust: The"
                    + " chain stops at the server certificate CN=localhost,O=mtls-kit scenarios: its issuer CN=Server"
                    + " Intermediate CA,O=mtls-kit scenarios was neither sent with it nor trusted. The issuer's certificate"
                    + " can be downloaded from http://pki.invalid/server-intermediate-ca.crt.");
            assertThat(failure.fix()).isEqualTo("the server's operator must configure the full chain (nginx:"
                    + " ssl_certificate with the leaf followed by the intermediates); browsers may hide this by fetching"
                    + " intermediates themselves");
        }
        // The fix, done: the same leaf followed by its intermediate.
        try (NginxServer nginx = nginx(pki.server).start(directory)) {
            assertThat(call(request(nginx.url(), pki.serverRootCa, Duration.ofSeconds(5))).succeeded()).isTrue();
        }
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsATimeoutWithinTheConnectTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            long start = System.nanoTime();
            CallFailure failure = assertSameCode(request(silent.url(), pki.serverRootCa, Duration.ofMillis(500)),
                    "TIMEOUT");
            // Two connections (call, doctor) of 0.5 s each, not the 20 s of old.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(failure.side()).isEqualTo(Party.NETWORK);
            assertThat(failure.message()).isEqualTo("127.0.0.1:" + silent.port() + " accepted the TCP connection but did"
                    + " not answer the TLS handshake within 0.5 s: something holds the connection without speaking TLS,"
                    + " such as a firewall or load balancer with nowhere to pass it on, or a server waiting for the client"
                    + " to speak another protocol first (plain HTTP, or one that starts TLS later with STARTTLS)");
            assertThat(failure.fix()).isEqualTo("check that " + silent.port() + " is the server's TLS port and that"
                    + " whatever sits in front of the server (load balancer, firewall) passes connections on; if the"
                    + " server is only slow, allow it more time with --connect-timeout SECONDS");
        }
    }

    /**
     * The alert a refusing call sends is the one that names the refusal, never internal_error: with
     * BoringSSL (mtls call's engine where netty-tcnative loads) in TLS 1.3 and 1.2; with the JDK's
     * engine as far as it can say it (no unknown_ca; in TLS 1.3 certificate_unknown for all).
     */
    @ParameterizedTest
    @EnumSource(value = BadServer.class, names = "TIMEOUT", mode = EnumSource.Mode.EXCLUDE)
    void theCallSendsTheAlertThatSaysWhy(BadServer bad) throws Exception {
        for (SslProvider engine : engines()) {
            for (TlsVersion tls : List.of(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2)) {
                String expected = engine == SslProvider.OPENSSL ? bad.alertLogged
                        : tls == TlsVersion.TLS_1_3 || bad.alertLogged.contains("unknown ca")
                        ? "sslv3 alert certificate unknown:SSL alert number 46" : bad.alertLogged;
                try (NginxServer nginx = nginx(bad.credential()).start(directory)) {
                    CallRequest request = CallRequest.builder(URI.create(nginx.url())).caFile(bad.trusted()).tlsMax(tls)
                            .connectTimeout(Duration.ofSeconds(5)).build();
                    CallResult result = new Caller(Clock.systemUTC(), engine).call(request, event -> { },
                            OutputStream.nullOutputStream());
                    assertThat(CallFailure.of(result).map(CallFailure::reason)).as(engine + ": " + result.events())
                            .contains(bad.code);
                    String log = nginx.awaitErrorLog("SSL alert number", Duration.ofSeconds(5));
                    assertThat(log).as(engine + " " + tls + " sent").contains(expected).doesNotContain("internal error");
                }
            }
        }
    }

    private static List<SslProvider> engines() {
        return OpenSsl.isAvailable() ? List.of(SslProvider.OPENSSL, SslProvider.JDK) : List.of(SslProvider.JDK);
    }

    /** Runs what mtls call runs and what mtls doctor runs against the same server; both must name {@code code}. */
    private static CallFailure assertSameCode(CallRequest request, String code) {
        CallResult call = call(request);
        CallFailure failure = CallFailure.of(call).orElseThrow(() -> new AssertionError("no cause: " + call.events()));
        Diagnosis diagnosis = new Doctor().diagnose(request);
        assertThat(failure.reason()).as("mtls call").isEqualTo(code);
        assertThat(diagnosis.reason()).as("mtls doctor: " + diagnosis.message()).isEqualTo(code);
        assertThat(diagnosis.side()).isEqualTo(failure.side());
        assertThat(diagnosis.message()).isEqualTo(failure.message());
        assertThat(diagnosis.fix()).isEqualTo(failure.fix());
        return failure;
    }

    private static CallResult call(CallRequest request) {
        return new Caller().call(request, event -> { }, OutputStream.nullOutputStream());
    }

    private static CallRequest request(String url, Path trusted, Duration connectTimeout) {
        return CallRequest.builder(URI.create(url)).caFile(trusted).connectTimeout(connectTimeout)
                .clientCertificate(pki.client.certificate(), pki.client.key(), PasswordSource.none()).build();
    }

    private static NginxServer.Builder nginx(Credential server) {
        return NginxServer.builder().certificate(server.certificate(), server.key());
    }
}
