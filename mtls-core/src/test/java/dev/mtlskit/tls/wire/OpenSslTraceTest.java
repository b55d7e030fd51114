package dev.mtlskit.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.testing.Programs;
import dev.mtlskit.testing.TestPki;
import dev.mtlskit.tls.wire.HandshakeDetails.ClientHello;
import dev.mtlskit.tls.wire.HandshakeDetails.EncryptedExtensions;
import dev.mtlskit.tls.wire.HandshakeDetails.ServerHello;
import dev.mtlskit.tls.wire.TlsEvent.Alert;
import dev.mtlskit.tls.wire.TlsEvent.ApplicationData;
import dev.mtlskit.tls.wire.TlsEvent.HandshakeMessage;

/**
 * Real OpenSSL handshakes ({@code s_client} to {@code s_server}) recorded through a relay and traced
 * with the client's key log: the TLS 1.3 handshake decrypted, and the alert a server sends when it
 * rejects the client certificate.
 */
class OpenSslTraceTest {

    private static final HeldCertificate CA = TestPki.root("Wire Test CA");
    private static final HeldCertificate OTHER_CA = TestPki.root("Other CA");
    private static final HeldCertificate SERVER = TestPki.server(CA, "localhost");
    private static final HeldCertificate CLIENT = TestPki.client("acme", CA);

    @TempDir
    Path dir;

    @BeforeAll
    static void openssl() {
        Programs.require("openssl", "openssl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
    void tls13MutualHandshakeIsDecrypted(String cipherSuite) throws Exception {
        Conversation conversation = talk(List.of("-Verify", "1", "-verify_return_error", "-CAfile", "ca.pem",
                "-alpn", "http/1.1"), List.of("-cert", "client.pem", "-key", "client.key", "-ciphersuites", cipherSuite,
                "-alpn", "h2,http/1.1"));

        List<TlsEvent> events = Wire.trace(conversation.chunks(), conversation.keyLog());

        // Across directions the order depends on timing; within each it does not.
        assertThat(lines(events, Direction.IN)).as(conversation.clientOutput()).containsExactly(
                "TLSv1.3 (IN), TLS handshake, Server hello (2):",
                "TLSv1.3 (IN), TLS change cipher, Change cipher spec (1):",
                "TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):",
                "TLSv1.3 (IN), TLS handshake, Request CERT (13):",
                "TLSv1.3 (IN), TLS handshake, Certificate (11):",
                "TLSv1.3 (IN), TLS handshake, CERT verify (15):",
                "TLSv1.3 (IN), TLS handshake, Finished (20):",
                "TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):",
                "TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):",
                "TLSv1.3 (IN), TLS application data, " + applicationDataLength(events) + " bytes",
                "TLSv1.3 (IN), TLS alert, close notify (256):");
        assertThat(lines(events, Direction.OUT)).startsWith(
                "TLSv1.3 (OUT), TLS handshake, Client hello (1):",
                "TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):",
                "TLSv1.3 (OUT), TLS handshake, Certificate (11):",
                "TLSv1.3 (OUT), TLS handshake, CERT verify (15):",
                "TLSv1.3 (OUT), TLS handshake, Finished (20):",
                "TLSv1.3 (OUT), TLS application data, 18 bytes");
        TlsWireRecording recording = record(events);
        assertThat(recording.message(Direction.IN, HandshakeType.SERVER_HELLO).orElseThrow()
                .details(ServerHello.class).orElseThrow().cipherSuite()).isEqualTo(cipherSuite);
        assertThat(recording.certificateRequest().orElseThrow().certificateAuthorities())
                .containsExactly(CA.certificate().getSubjectX500Principal());
        assertThat(recording.message(Direction.OUT, HandshakeType.CLIENT_HELLO).orElseThrow()
                .details(ClientHello.class).orElseThrow().alpnProtocols()).containsExactly("h2", "http/1.1");
        assertThat(recording.message(Direction.IN, HandshakeType.ENCRYPTED_EXTENSIONS).orElseThrow()
                .details(EncryptedExtensions.class).orElseThrow().alpnProtocol()).isEqualTo("http/1.1");
        assertThat(recording.certificates(Direction.OUT).orElseThrow().leaf()).contains(CLIENT.certificate());
        assertThat(recording.certificates(Direction.IN).orElseThrow().leaf()).contains(SERVER.certificate());
        assertThat(events).filteredOn(event -> event instanceof HandshakeMessage message
                && message.type() != HandshakeType.CLIENT_HELLO && message.type() != HandshakeType.SERVER_HELLO)
                .allSatisfy(event -> assertThat(((HandshakeMessage) event).protection()).isEqualTo(Protection.DECRYPTED));

        // The key log is written while the handshake runs: lines that come after the bytes change nothing.
        assertThat(Wire.traceKeyLogLast(conversation.chunks(), conversation.keyLog())).isEqualTo(events);
        assertThat(Wire.traceByteByByte(conversation.chunks(), conversation.keyLog())).isEqualTo(events);
        assertThat(Wire.traceRandomChunks(conversation.chunks(), conversation.keyLog(), 7)).isEqualTo(events);
    }

    @Test
    void tls13ServerThatDoesNotTrustTheClientCaSendsUnknownCaAfterOurFinished() throws Exception {
        Conversation conversation = talk(List.of("-Verify", "1", "-verify_return_error", "-CAfile", "other-ca.pem"),
                List.of("-cert", "client.pem", "-key", "client.key"));

        TlsWireRecording recording = record(Wire.traceKeyLogLast(conversation.chunks(), conversation.keyLog()));

        assertThat(recording.certificateRequest().orElseThrow().certificateAuthorities())
                .containsExactly(OTHER_CA.certificate().getSubjectX500Principal());
        Alert alert = recording.firstAlert(Direction.IN).orElseThrow();
        assertThat(alert).isEqualTo(new Alert(Direction.IN, TlsVersion.TLS_1_3, Protection.DECRYPTED, 2,
                AlertDescription.UNKNOWN_CA, 48));
        assertThat(CurlStyle.line(alert)).isEqualTo("TLSv1.3 (IN), TLS alert, unknown CA (560):");
        // It answered our certificate (our flight may reach it in pieces, so not necessarily our Finished).
        HandshakeMessage answered = recording.lastMessageBefore(alert).orElseThrow();
        assertThat(answered.direction()).isEqualTo(Direction.OUT);
        assertThat(answered.type()).isIn(HandshakeType.CERTIFICATE, HandshakeType.CERTIFICATE_VERIFY,
                HandshakeType.FINISHED);
    }

    @Test
    void tls13ClientWithoutCertificateGetsCertificateRequired() throws Exception {
        Conversation conversation = talk(List.of("-Verify", "1", "-CAfile", "ca.pem"), List.of());

        TlsWireRecording recording = record(Wire.trace(conversation.chunks(), conversation.keyLog()));

        assertThat(recording.certificates(Direction.OUT).orElseThrow().isEmpty()).isTrue();
        assertThat(recording.message(Direction.OUT, HandshakeType.CERTIFICATE_VERIFY)).isEmpty();
        Alert alert = recording.firstAlert(Direction.IN).orElseThrow();
        assertThat(alert.description()).isEqualTo(AlertDescription.CERTIFICATE_REQUIRED);
        assertThat(alert.label()).isEqualTo("certificate_required(116)");
        assertThat(alert.protection()).isEqualTo(Protection.DECRYPTED);
    }

    @Test
    void tls13ExpiredClientCertificateGetsCertificateExpired() throws Exception {
        Instant now = Instant.now();
        HeldCertificate expired = HeldCertificate.builder().commonName("expired").purpose(Purpose.CLIENT)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).signedBy(CA).build();
        PemWriter.writeCertificates(dir.resolve("expired.pem"), expired.chainWithoutRoot());
        PemWriter.writePrivateKey(dir.resolve("expired.key"), expired.keyPair().getPrivate());

        Conversation conversation = talk(List.of("-Verify", "1", "-verify_return_error", "-CAfile", "ca.pem"),
                List.of("-cert", "expired.pem", "-key", "expired.key"));

        TlsWireRecording recording = record(Wire.trace(conversation.chunks(), conversation.keyLog()));
        assertThat(recording.firstAlert(Direction.IN).orElseThrow().description())
                .isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
        assertThat(recording.certificates(Direction.OUT).orElseThrow().leaf()).contains(expired.certificate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305"})
    void tls12IsDecryptedWithTheClientRandomLine(String cipher) throws Exception {
        Conversation conversation = talk(List.of("-Verify", "1", "-verify_return_error", "-CAfile", "ca.pem"),
                List.of("-cert", "client.pem", "-key", "client.key", "-tls1_2", "-cipher", cipher));
        assertThat(conversation.keyLog()).anyMatch(line -> line.startsWith("CLIENT_RANDOM "));

        List<TlsEvent> events = Wire.trace(conversation.chunks(), conversation.keyLog());

        assertThat(lines(events, Direction.OUT)).as(conversation.clientOutput()).startsWith(
                "TLSv1.2 (OUT), TLS handshake, Client hello (1):",
                "TLSv1.2 (OUT), TLS handshake, Certificate (11):",
                "TLSv1.2 (OUT), TLS handshake, Client key exchange (16):",
                "TLSv1.2 (OUT), TLS handshake, CERT verify (15):",
                "TLSv1.2 (OUT), TLS change cipher, Change cipher spec (1):",
                "TLSv1.2 (OUT), TLS handshake, Finished (20):",
                "TLSv1.2 (OUT), TLS application data, 18 bytes");
        assertThat(lines(events, Direction.IN)).containsExactly(
                "TLSv1.2 (IN), TLS handshake, Server hello (2):",
                "TLSv1.2 (IN), TLS handshake, Certificate (11):",
                "TLSv1.2 (IN), TLS handshake, Server key exchange (12):",
                "TLSv1.2 (IN), TLS handshake, Request CERT (13):",
                "TLSv1.2 (IN), TLS handshake, Server finished (14):",
                "TLSv1.2 (IN), TLS handshake, Newsession Ticket (4):",
                "TLSv1.2 (IN), TLS change cipher, Change cipher spec (1):",
                "TLSv1.2 (IN), TLS handshake, Finished (20):",
                "TLSv1.2 (IN), TLS application data, " + applicationDataLength(events) + " bytes",
                "TLSv1.2 (IN), TLS alert, close notify (256):");
        TlsWireRecording recording = record(events);
        assertThat(recording.message(Direction.IN, HandshakeType.FINISHED).orElseThrow().length()).isEqualTo(12);
        assertThat(recording.message(Direction.OUT, HandshakeType.FINISHED).orElseThrow().protection())
                .isEqualTo(Protection.DECRYPTED);
        assertThat(events).noneMatch(event -> event instanceof TlsEvent.Malformed);

        // Without the key log the same records are reported as encrypted.
        assertThat(lines(Wire.trace(conversation.chunks(), List.of()), Direction.IN)).contains(
                "TLSv1.2 (IN), TLS handshake, Finished (20): (encrypted)",
                "TLSv1.2 (IN), TLS alert, encrypted alert:");
        assertThat(Wire.traceKeyLogLast(conversation.chunks(), conversation.keyLog())).isEqualTo(events);
        assertThat(Wire.traceByteByByte(conversation.chunks(), conversation.keyLog())).isEqualTo(events);
    }

    @Test
    void tls12RejectionIsAPlaintextAlert() throws Exception {
        Conversation conversation = talk(List.of("-Verify", "1", "-verify_return_error", "-CAfile", "other-ca.pem"),
                List.of("-cert", "client.pem", "-key", "client.key", "-tls1_2"));

        List<TlsEvent> events = Wire.trace(conversation.chunks(), conversation.keyLog());

        // The server rejects the client's flight before its own ChangeCipherSpec: the alert is in the clear.
        assertThat(lines(events, Direction.IN)).containsExactly(
                "TLSv1.2 (IN), TLS handshake, Server hello (2):",
                "TLSv1.2 (IN), TLS handshake, Certificate (11):",
                "TLSv1.2 (IN), TLS handshake, Server key exchange (12):",
                "TLSv1.2 (IN), TLS handshake, Request CERT (13):",
                "TLSv1.2 (IN), TLS handshake, Server finished (14):",
                "TLSv1.2 (IN), TLS alert, unknown CA (560):");
        assertThat(lines(events, Direction.OUT)).contains("TLSv1.2 (OUT), TLS handshake, Finished (20):");
        assertThat(record(events).firstAlert(Direction.IN).orElseThrow().protection()).isEqualTo(Protection.PLAINTEXT);
    }

    private static List<String> lines(List<TlsEvent> events, Direction direction) {
        return events.stream().filter(event -> event.direction() == direction).map(CurlStyle::line).toList();
    }

    private static int applicationDataLength(List<TlsEvent> events) {
        return events.stream().filter(event -> event instanceof ApplicationData data && data.direction() == Direction.IN)
                .mapToInt(event -> ((ApplicationData) event).length()).findFirst().orElse(-1);
    }

    private static TlsWireRecording record(List<TlsEvent> events) {
        TlsWireRecording recording = new TlsWireRecording();
        events.forEach(recording);
        return recording;
    }

    record Conversation(List<Wire.Chunk> chunks, List<String> keyLog, String clientOutput) {
    }

    private Conversation talk(List<String> serverArgs, List<String> clientArgs) throws Exception {
        writeMaterial();
        List<String> serverCommand = concat(List.of("openssl", "s_server", "-accept", "127.0.0.1:0", "-naccept", "1",
                "-www", "-cert", "server.pem", "-key", "server.key"), serverArgs);
        Process server = new ProcessBuilder(serverCommand).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            int port = acceptPort(server);
            List<Wire.Chunk> chunks;
            Path clientLog = dir.resolve("client.log");
            try (RecordingRelay relay = new RecordingRelay(port)) {
                List<String> clientCommand = concat(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + relay.port(),
                        "-servername", "localhost", "-CAfile", "ca.pem", "-keylogfile", "keylog.txt", "-ign_eof"),
                        clientArgs);
                Process client = new ProcessBuilder(clientCommand).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(clientLog.toFile()).start();
                try (OutputStream stdin = client.getOutputStream()) {
                    stdin.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                if (!client.waitFor(30, TimeUnit.SECONDS)) {
                    client.destroyForcibly();
                    throw new AssertionError("s_client did not finish: " + Files.readString(clientLog));
                }
                chunks = relay.chunks(10, TimeUnit.SECONDS);
            }
            Path keyLog = dir.resolve("keylog.txt");
            return new Conversation(chunks, Files.exists(keyLog) ? Files.readAllLines(keyLog) : List.of(),
                    Files.readString(clientLog));
        } finally {
            server.destroyForcibly();
        }
    }

    /** Reads {@code ACCEPT 127.0.0.1:port} from s_server, then keeps draining its output. */
    private static int acceptPort(Process server) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Pattern accept = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = accept.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (output.readLine() != null) {
                            // s_server's log is not needed.
                        }
                    } catch (Exception e) {
                        // The process ended.
                    }
                }, "s_server-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("s_server did not start: " + seen);
    }

    private void writeMaterial() throws Exception {
        PemWriter.writeCertificates(dir.resolve("ca.pem"), List.of(CA.certificate()));
        PemWriter.writeCertificates(dir.resolve("other-ca.pem"), List.of(OTHER_CA.certificate()));
        PemWriter.writeCertificates(dir.resolve("server.pem"), SERVER.chainWithoutRoot());
        PemWriter.writePrivateKey(dir.resolve("server.key"), SERVER.keyPair().getPrivate());
        PemWriter.writeCertificates(dir.resolve("client.pem"), CLIENT.chainWithoutRoot());
        PemWriter.writePrivateKey(dir.resolve("client.key"), CLIENT.keyPair().getPrivate());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
