package dev.mtlskit.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.testing.TestPki;
import dev.mtlskit.tls.wire.HandshakeDetails.CertificateRequest;
import dev.mtlskit.tls.wire.HandshakeDetails.ClientHello;
import dev.mtlskit.tls.wire.HandshakeDetails.ServerHello;
import dev.mtlskit.tls.wire.TlsEvent.Alert;
import dev.mtlskit.tls.wire.TlsEvent.EncryptedRecords;
import dev.mtlskit.tls.wire.TlsEvent.Malformed;

/** Real handshakes between JDK engines in memory, traced from the bytes between them. */
class JdkEngineTraceTest {

    private static final HeldCertificate CA = TestPki.root("Wire Test CA");
    private static final HeldCertificate OTHER_CA = TestPki.root("Other CA");
    private static final HeldCertificate SERVER = TestPki.server(CA, "localhost");
    private static final HeldCertificate CLIENT = TestPki.client("acme", CA);

    @Test
    void tls12MutualHandshakeInCurlOrder() throws Exception {
        EnginePair pair = pair("TLSv1.2", CLIENT, CA.certificate());
        List<Wire.Chunk> chunks = pair.run();
        assertThat(pair.serverFailure()).isNull();

        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        chunks.forEach(chunk -> tracer.onBytes(chunk.direction(), ByteBuffer.wrap(chunk.bytes())));
        tracer.onClose();

        // The server sends a session ticket because the JDK client offers the extension.
        assertThat(recording.curlLines()).containsExactly(
                "TLSv1.2 (OUT), TLS handshake, Client hello (1):",
                "TLSv1.2 (IN), TLS handshake, Server hello (2):",
                "TLSv1.2 (IN), TLS handshake, Certificate (11):",
                "TLSv1.2 (IN), TLS handshake, Server key exchange (12):",
                "TLSv1.2 (IN), TLS handshake, Request CERT (13):",
                "TLSv1.2 (IN), TLS handshake, Server finished (14):",
                "TLSv1.2 (OUT), TLS handshake, Certificate (11):",
                "TLSv1.2 (OUT), TLS handshake, Client key exchange (16):",
                "TLSv1.2 (OUT), TLS handshake, CERT verify (15):",
                "TLSv1.2 (OUT), TLS change cipher, Change cipher spec (1):",
                "TLSv1.2 (OUT), TLS handshake, Finished (20): (encrypted)",
                "TLSv1.2 (IN), TLS handshake, Newsession Ticket (4):",
                "TLSv1.2 (IN), TLS change cipher, Change cipher spec (1):",
                "TLSv1.2 (IN), TLS handshake, Finished (20): (encrypted)",
                "TLSv1.2 (OUT), TLS application data, 42 bytes (encrypted)",
                "TLSv1.2 (IN), TLS application data, 51 bytes (encrypted)",
                "TLSv1.2 (OUT), TLS alert, encrypted alert:",
                "TLSv1.2 (IN), TLS alert, encrypted alert:");
        assertThat(tracer.negotiatedVersion()).contains(TlsVersion.TLS_1_2);

        ClientHello hello = recording.message(Direction.OUT, HandshakeType.CLIENT_HELLO).orElseThrow()
                .details(ClientHello.class).orElseThrow();
        assertThat(hello.serverName()).isEqualTo("localhost");
        assertThat(hello.supportedVersions()).containsExactly(TlsVersion.TLS_1_2);
        assertThat(hello.cipherSuites()).contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        ServerHello serverHello = recording.message(Direction.IN, HandshakeType.SERVER_HELLO).orElseThrow()
                .details(ServerHello.class).orElseThrow();
        assertThat(serverHello.cipherSuite()).isEqualTo(pair.serverCipherSuite());
        assertThat(hello.alpnProtocols()).containsExactly("h2", "http/1.1");
        assertThat(serverHello.alpnProtocol()).isEqualTo("http/1.1");

        CertificateRequest request = recording.certificateRequest().orElseThrow();
        assertThat(request.certificateAuthorities()).containsExactly(CA.certificate().getSubjectX500Principal());
        assertThat(request.certificateTypes()).contains("ecdsa_sign");
        assertThat(request.signatureAlgorithms()).contains("ecdsa_secp256r1_sha256");
        assertThat(request.context()).isNull();
        assertThat(recording.certificates(Direction.IN).orElseThrow().certificates())
                .containsExactly(SERVER.certificate());
        assertThat(recording.certificates(Direction.OUT).orElseThrow().certificates())
                .containsExactly(CLIENT.certificate());
    }

    @Test
    void tls12ClientWithoutACertificateFromTheListedCasSendsAnEmptyOneAndGetsAnAlert() throws Exception {
        EnginePair pair = pair("TLSv1.2", CLIENT, OTHER_CA.certificate());
        List<Wire.Chunk> chunks = pair.run();
        assertThat(pair.serverFailure()).hasMessageContaining("Empty client certificate chain");

        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        tracer.expectNoKeyLog(); // the JDK has none: nothing is held back for it
        chunks.forEach(chunk -> tracer.onBytes(chunk.direction(), ByteBuffer.wrap(chunk.bytes())));

        assertThat(recording.certificateRequest().orElseThrow().certificateAuthorities())
                .containsExactly(OTHER_CA.certificate().getSubjectX500Principal());
        assertThat(recording.certificates(Direction.OUT).orElseThrow().isEmpty()).isTrue();
        Alert alert = recording.firstAlert(Direction.IN).orElseThrow();
        assertThat(alert).isEqualTo(new Alert(Direction.IN, TlsVersion.TLS_1_2, Protection.PLAINTEXT, 2,
                AlertDescription.BAD_CERTIFICATE, 42));
        assertThat(alert.label()).isEqualTo("bad_certificate(42)");
        assertThat(CurlStyle.line(alert)).isEqualTo("TLSv1.2 (IN), TLS alert, bad certificate (554):");
        // The server answered our Finished.
        assertThat(recording.lastMessageBefore(alert).orElseThrow().type()).isEqualTo(HandshakeType.FINISHED);
    }

    @Test
    void tls13WithoutSecretsReadsTheHellosAndCountsTheRest() throws Exception {
        List<Wire.Chunk> chunks = pair("TLSv1.3", CLIENT, CA.certificate()).run();

        List<TlsEvent> events = Wire.trace(chunks, List.of());

        assertThat(Wire.curlLines(events).subList(0, 4)).containsExactly(
                "TLSv1.3 (OUT), TLS handshake, Client hello (1):",
                "TLSv1.3 (IN), TLS handshake, Server hello (2):",
                "TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):",
                "TLSv1.3 (IN), TLS change cipher, Change cipher spec (1):");
        assertThat(events.subList(4, events.size())).allSatisfy(event ->
                assertThat(event).isInstanceOf(EncryptedRecords.class));
        long encryptedBytes = events.stream().filter(EncryptedRecords.class::isInstance)
                .mapToLong(event -> ((EncryptedRecords) event).bytes()).sum();
        long applicationDataRecordBytes = chunks.stream().mapToLong(chunk -> applicationDataBytes(chunk.bytes())).sum();
        assertThat(encryptedBytes).isEqualTo(applicationDataRecordBytes);
        assertThat(((TlsEvent.HandshakeMessage) events.get(0)).details(ClientHello.class).orElseThrow()
                .supportedVersions()).containsExactly(TlsVersion.TLS_1_3);
        assertThat(((TlsEvent.HandshakeMessage) events.get(1)).details(ServerHello.class).orElseThrow().version())
                .isEqualTo(TlsVersion.TLS_1_3);

        // Declaring that no key log comes reports the same records at once, in the same order.
        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        tracer.expectNoKeyLog();
        chunks.forEach(chunk -> tracer.onBytes(chunk.direction(), ByteBuffer.wrap(chunk.bytes())));
        tracer.onClose();
        assertThat(recording.events()).hasSameSizeAs(events);
        assertThat(recording.events()).filteredOn(EncryptedRecords.class::isInstance)
                .allSatisfy(event -> assertThat(((EncryptedRecords) event).reason())
                        .isEqualTo("no key log for this connection"));
    }

    @Test
    void chunkingDoesNotMatter() throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            List<Wire.Chunk> chunks = pair(protocol, CLIENT, CA.certificate()).run();
            List<TlsEvent> whole = Wire.trace(chunks, List.of());
            assertThat(whole).noneMatch(Malformed.class::isInstance);

            assertThat(Wire.traceByteByByte(chunks, List.of())).as(protocol).isEqualTo(whole);
            for (long seed = 1; seed <= 10; seed++) {
                assertThat(Wire.traceRandomChunks(chunks, List.of(), seed)).as(protocol + " seed " + seed)
                        .isEqualTo(whole);
            }
        }
    }

    private static EnginePair pair(String protocol, HeldCertificate clientIdentity, X509Certificate clientCa)
            throws Exception {
        SSLEngine server = EnginePair.context(SERVER, clientCa).createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(new String[] {protocol});
        SSLParameters serverParameters = server.getSSLParameters();
        serverParameters.setApplicationProtocols(new String[] {"http/1.1"});
        server.setSSLParameters(serverParameters);
        SSLEngine client = EnginePair.context(clientIdentity, CA.certificate()).createSSLEngine("localhost", 8443);
        client.setUseClientMode(true);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        parameters.setServerNames(List.of(new SNIHostName("localhost"))); // not sent by default without a dot
        parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        client.setSSLParameters(parameters);
        return new EnginePair(client, server);
    }

    /** The body bytes of the application_data records in a chunk of whole records. */
    private static long applicationDataBytes(byte[] records) {
        long total = 0;
        for (int i = 0; i + 5 <= records.length; ) {
            int length = (records[i + 3] & 0xff) << 8 | records[i + 4] & 0xff;
            if (records[i] == 23) {
                total += length;
            }
            i += 5 + length;
        }
        return total;
    }
}
