package dev.mtlskit.client.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.client.CallRequest;
import dev.mtlskit.client.servers.NginxServer;
import dev.mtlskit.client.servers.NginxServer.VerifyClient;
import dev.mtlskit.client.servers.OpenSslServer;
import dev.mtlskit.client.servers.Ports;
import dev.mtlskit.client.servers.ScenarioPki;
import dev.mtlskit.client.servers.ScenarioPki.Credential;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.tls.wire.TlsVersion;

/**
 * {@code mtls doctor} names the right cause for each way an mTLS connection fails, against real
 * third-party servers (nginx and openssl s_server) configured to fail that way; the scenario table
 * in {@code FailureScenariosTest} records what each server sends.
 */
class DoctorAgainstRealServersTest {

    @TempDir
    static Path directory;

    private static ScenarioPki pki;

    @BeforeAll
    static void generatePki() throws Exception {
        pki = ScenarioPki.create(directory);
    }

    // ---- network and protocol ----

    @Test
    void connectionRefused() {
        try (Ports.ClosedPort closed = new Ports.ClosedPort()) {
            Diagnosis diagnosis = diagnose("https://127.0.0.1:" + closed.port() + "/", pki.client);
            assertCause(diagnosis, "CONNECTION_REFUSED", Party.NETWORK);
            assertThat(diagnosis.message()).startsWith("cannot connect to 127.0.0.1:" + closed.port()
                    + ": nothing listens there (").containsIgnoringCase("connection refused")
                    .endsWith("): the server is down, or listens on another port or address");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unknownHost() {
        Diagnosis diagnosis = diagnose("https://no-such-host.invalid/", pki.client);
        assertCause(diagnosis, "UNKNOWN_HOST", Party.NETWORK);
        assertThat(diagnosis.message()).startsWith("cannot connect to no-such-host.invalid:443: the host name does not "
                + "resolve (").contains("no-such-host.invalid").doesNotContain("Exception");
    }

    @Test
    void timeout() throws Exception {
        // A listener whose accept queue is full drops further connection attempts (Linux): no answer at all.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket socket = new Socket();
                    try {
                        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 300);
                    } catch (java.io.IOException dropped) {
                        // the queue is full: good
                    }
                    fillers.add(socket);
                }
                Diagnosis diagnosis = new Doctor().diagnose(request("https://127.0.0.1:" + full.getLocalPort() + "/", pki.client)
                        .connectTimeout(Duration.ofMillis(700)).build());
                assertCause(diagnosis, "TIMEOUT", Party.NETWORK);
                assertThat(diagnosis.message()).startsWith("cannot connect to 127.0.0.1:" + full.getLocalPort()
                        + ": no answer in time (connection timed out after 700 ms: ").endsWith("): a firewall drops the packets, or the address is wrong");
            } finally {
                for (Socket socket : fillers) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void plainHttpPortIsNotTls() throws Exception {
        try (NginxServer nginx = NginxServer.builder().plainHttp().start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url().replace("http://", "https://"), pki.client);
            assertCause(diagnosis, "NOT_TLS", Party.SERVER);
            assertThat(diagnosis.message()).contains("HTTP/1.1 400");
        }
    }

    @Test
    void noCommonTlsVersion() throws Exception {
        try (OpenSslServer server = sServer().tls13Only().start()) {
            Diagnosis diagnosis = new Doctor().diagnose(request(server.url(), pki.client)
                    .tlsMax(TlsVersion.TLS_1_2).build());
            assertCause(diagnosis, "NO_COMMON_PROTOCOL", Party.CLIENT);
            assertThat(diagnosis.message()).contains("only TLS 1.3", "--tls-max 1.2");
        }
        try (NginxServer nginx = nginx(pki.server).protocols("TLSv1.2").ciphers("ECDHE-ECDSA-AES256-SHA384").start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.client);
            assertCause(diagnosis, "NO_COMMON_PROTOCOL", Party.SERVER);
        }
    }

    // ---- the server's certificate ----

    @Test
    void serverCertificateFromAnUntrustedRoot() throws Exception {
        try (NginxServer nginx = nginx(pki.serverWithRoot).start(directory)) {
            assertCause(diagnose(nginx.url(), pki.client, pki.clientRootCa), "UNTRUSTED_ROOT", Party.SERVER);
        }
        try (NginxServer nginx = nginx(pki.server).start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.client, pki.clientRootCa);
            assertCause(diagnosis, "UNTRUSTED_ROOT", Party.SERVER);
            assertThat(diagnosis.message()).contains("CN=Server Root CA");
        }
        try (NginxServer nginx = nginx(pki.serverUnrelated).start(directory)) {
            assertCause(diagnose(nginx.url(), pki.client), "UNTRUSTED_ROOT", Party.SERVER);
        }
    }

    @Test
    void serverWithoutItsIntermediate() throws Exception {
        try (NginxServer nginx = nginx(pki.serverLeafOnly).clientCertificate(pki.clientCaBundle)
                .verifyClient(VerifyClient.ON).start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.client);
            assertCause(diagnosis, "MISSING_INTERMEDIATE", Party.SERVER);
            assertThat(diagnosis.message()).contains("CN=Server Intermediate CA");
            assertThat(diagnosis.findings()).anyMatch(f -> f.contains("also asks for a client certificate"));
        }
    }

    @Test
    void serverNameMismatch() throws Exception {
        try (NginxServer nginx = nginx(pki.serverWrongName).start(directory)) {
            Diagnosis diagnosis = new Doctor().diagnose(request("https://localhost:" + nginx.port() + "/", pki.client)
                    .resolve(Map.of("localhost:" + nginx.port(), InetAddress.getLoopbackAddress())).build());
            assertCause(diagnosis, "NAME_MISMATCH", Party.SERVER);
            assertThat(diagnosis.fix()).contains("localhost");
        }
    }

    @Test
    void expiredServerCertificate() throws Exception {
        try (OpenSslServer server = OpenSslServer.builder().certificate(pki.serverExpired.certificate(),
                pki.serverExpired.key()).certificateChain(pki.serverIntermediateCa).start()) {
            assertCause(diagnose(server.url(), pki.client), "EXPIRED", Party.SERVER);
        }
    }

    // ---- what the server asks of the client ----

    @Test
    void serverThatNeverAsksForACertificate() throws Exception {
        try (NginxServer nginx = nginx(pki.server).start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.client);
            assertCause(diagnosis, "CLIENT_CERT_NOT_REQUESTED", Party.SERVER);
            assertThat(diagnosis.fix()).contains("ssl_verify_client on");
        }
    }

    @Test
    void noClientCertificateConfigured() throws Exception {
        try (NginxServer nginx = nginxRequiring(pki.clientCaBundle).start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), null);
            assertCause(diagnosis, "NO_CLIENT_CERT", Party.CLIENT);
            assertThat(diagnosis.message()).contains("No required SSL certificate was sent");
            assertThat(diagnosis.fix()).contains("--cert", "CN=Client Root CA");
        }
        for (boolean tls13 : new boolean[] {true, false}) {
            OpenSslServer.Builder builder = sServer().clientCa(pki.clientCaBundle).requireClientCertificate(3);
            try (OpenSslServer server = (tls13 ? builder.tls13Only() : builder.tls12Only()).start()) {
                Diagnosis diagnosis = diagnose(server.url(), null);
                assertCause(diagnosis, "NO_CLIENT_CERT", Party.CLIENT);
                assertThat(diagnosis.message()).contains(tls13 ? "certificate_required" : "handshake_failure");
            }
        }
    }

    @Test
    void clientCertificateFromACaTheServerDoesNotName() throws Exception {
        try (NginxServer nginx = nginxRequiring(pki.clientCaBundle).start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.clientUnrelated);
            assertCause(diagnosis, "CLIENT_CERT_ISSUER_NOT_ACCEPTED", Party.CLIENT);
            assertThat(diagnosis.message()).contains("CN=Unrelated Root CA", "CN=Client Root CA", "CN=Client Intermediate CA");
        }
        try (OpenSslServer server = sServerRequiring().start()) {
            assertCause(diagnose(server.url(), pki.clientUnrelated), "CLIENT_CERT_ISSUER_NOT_ACCEPTED", Party.CLIENT);
        }
    }

    // ---- the client certificate rejected, with its local cause ----

    @Test
    void expiredClientCertificate() throws Exception {
        try (NginxServer nginx = nginxRequiring(pki.clientCaBundle).start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.clientExpired);
            assertCause(diagnosis, "EXPIRED", Party.CLIENT);
            assertThat(diagnosis.message()).contains("The SSL certificate error", "expired on");
        }
        for (boolean tls13 : new boolean[] {true, false}) {
            try (OpenSslServer server = (tls13 ? sServerRequiring().tls13Only() : sServerRequiring().tls12Only()).start()) {
                Diagnosis diagnosis = diagnose(server.url(), pki.clientExpired);
                assertCause(diagnosis, "EXPIRED", Party.CLIENT);
                assertThat(diagnosis.message()).contains("certificate_expired");
            }
        }
    }

    @Test
    void clientCertificateNotYetValid() throws Exception {
        try (OpenSslServer server = sServerRequiring().start()) {
            Diagnosis diagnosis = diagnose(server.url(), pki.clientNotYetValid);
            assertCause(diagnosis, "NOT_YET_VALID", Party.CLIENT);
            assertThat(diagnosis.message()).contains("bad_certificate");
        }
    }

    @Test
    void serverAuthOnlyCertificateUsedAsClientCertificate() throws Exception {
        try (NginxServer nginx = nginxRequiring(pki.clientCaBundle).start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.clientServerAuthOnly);
            assertCause(diagnosis, "WRONG_PURPOSE", Party.CLIENT);
            assertThat(diagnosis.message()).contains("serverAuth", "2026");
            assertThat(diagnosis.fix()).contains("--accept-missing-client-auth-eku");
        }
        try (OpenSslServer server = sServerRequiring().tls12Only().start()) {
            assertCause(diagnose(server.url(), pki.clientServerAuthOnly), "WRONG_PURPOSE", Party.CLIENT);
        }
    }

    @Test
    void clientLeafSentWithoutItsIntermediate() throws Exception {
        try (NginxServer nginx = nginxRequiring(pki.clientRootCa).start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.clientLeafOnly);
            assertCause(diagnosis, "MISSING_INTERMEDIATE", Party.CLIENT);
            assertThat(diagnosis.message()).contains("CN=Client Intermediate CA");
            assertThat(diagnosis.fix()).contains("client-intermediate-ca.pem");
        }
        try (OpenSslServer server = sServer().clientCa(pki.clientRootCa).requireClientCertificate(3).start()) {
            assertCause(diagnose(server.url(), pki.clientLeafOnly), "MISSING_INTERMEDIATE", Party.CLIENT);
        }
    }

    @Test
    void keyThatDoesNotBelongToTheCertificate() {
        Diagnosis diagnosis = diagnose("https://127.0.0.1:9/", pki.clientWrongKey);
        assertCause(diagnosis, "KEY_MISMATCH", Party.CLIENT);
        assertThat(diagnosis.attempts()).as("found before connecting").isEmpty();
    }

    @Test
    void revokedClientCertificate() throws Exception {
        for (boolean tls13 : new boolean[] {true, false}) {
            OpenSslServer.Builder builder = sServerRequiring().crlCheck(pki.clientIntermediateCrl);
            try (OpenSslServer server = (tls13 ? builder.tls13Only() : builder.tls12Only()).start()) {
                Diagnosis diagnosis = diagnose(server.url(), pki.clientRevoked);
                assertCause(diagnosis, "REVOKED", Party.CLIENT);
            }
        }
        // nginx says only "The SSL certificate error": nothing local shows why.
        try (NginxServer nginx = nginxRequiring(pki.clientCaBundle).crl(pki.clientCrls).start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.clientRevoked);
            assertCause(diagnosis, "CLIENT_CERT_REJECTED", Party.CLIENT);
            assertThat(diagnosis.message()).contains("The SSL certificate error");
        }
    }

    @Test
    void acceptedCertificateButForbiddenPath() throws Exception {
        try (NginxServer nginx = nginxRequiring(pki.clientCaBundle).requireSubject("CN=somebody-else").start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.client);
            assertCause(diagnosis, "HTTP_REJECTED", Party.CLIENT);
            assertThat(diagnosis.message()).contains("403", "CN=acme");
            assertThat(diagnosis.fix()).endsWith("; 'mtls inspect " + pki.client.certificate() + "' shows the identity "
                    + "they need");
        }
    }

    @Test
    void workingMutualTlsIsOk() throws Exception {
        try (NginxServer nginx = nginxRequiring(pki.clientCaBundle).http2().start(directory)) {
            Diagnosis diagnosis = diagnose(nginx.url(), pki.client);
            assertThat(diagnosis.ok()).as(diagnosis.toString()).isTrue();
            assertThat(diagnosis.reason()).isEqualTo("OK");
        }
        try (OpenSslServer server = sServerRequiring().start()) {
            assertThat(diagnose(server.url(), pki.client).ok()).isTrue();
        }
    }

    // ---- helpers ----

    private static void assertCause(Diagnosis diagnosis, String reason, Party side) {
        assertThat(diagnosis.reason()).as(describe(diagnosis)).isEqualTo(reason);
        assertThat(diagnosis.side()).as(describe(diagnosis)).isEqualTo(side);
        assertThat(diagnosis.ok()).isFalse();
        assertThat(diagnosis.message()).isNotBlank();
        assertThat(diagnosis.fix()).isNotBlank();
    }

    private static String describe(Diagnosis diagnosis) {
        StringBuilder text = new StringBuilder(diagnosis.reason() + " / " + diagnosis.side() + ": " + diagnosis.message()
                + "\nfix: " + diagnosis.fix() + "\nfindings: " + diagnosis.findings());
        diagnosis.attempts().forEach(a -> text.append("\nattempt: ").append(a.events()));
        return text.toString();
    }

    private static Diagnosis diagnose(String url, Credential client) {
        return diagnose(url, client, pki.serverRootCa);
    }

    private static Diagnosis diagnose(String url, Credential client, Path caFile) {
        CallRequest.Builder builder = request(url, client).caFile(caFile);
        return new Doctor().diagnose(builder.build());
    }

    private static CallRequest.Builder request(String url, Credential client) {
        CallRequest.Builder builder = CallRequest.builder(URI.create(url)).caFile(pki.serverRootCa)
                .connectTimeout(Duration.ofSeconds(5));
        if (client != null) {
            builder.clientCertificate(client.certificate(), client.key(), PasswordSource.none());
        }
        return builder;
    }

    private static NginxServer.Builder nginx(Credential server) {
        return NginxServer.builder().certificate(server.certificate(), server.key());
    }

    private static NginxServer.Builder nginxRequiring(Path clientCas) {
        return nginx(pki.server).clientCertificate(clientCas).verifyClient(VerifyClient.ON).verifyDepth(2);
    }

    private static OpenSslServer.Builder sServer() {
        return OpenSslServer.builder().certificate(pki.server.certificate(), pki.server.key())
                .certificateChain(pki.serverIntermediateCa);
    }

    private static OpenSslServer.Builder sServerRequiring() {
        return sServer().clientCa(pki.clientCaBundle).requireClientCertificate(3);
    }
}
