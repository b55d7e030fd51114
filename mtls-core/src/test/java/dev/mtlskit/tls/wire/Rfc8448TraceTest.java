package dev.mtlskit.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mtlskit.tls.wire.HandshakeDetails.Certificates;
import dev.mtlskit.tls.wire.HandshakeDetails.ClientHello;
import dev.mtlskit.tls.wire.HandshakeDetails.EncryptedExtensions;
import dev.mtlskit.tls.wire.HandshakeDetails.ServerHello;
import dev.mtlskit.tls.wire.TlsEvent.Alert;
import dev.mtlskit.tls.wire.TlsEvent.ApplicationData;
import dev.mtlskit.tls.wire.TlsEvent.EncryptedRecords;
import dev.mtlskit.tls.wire.TlsEvent.HandshakeMessage;
import dev.mtlskit.tls.wire.TlsEvent.Malformed;

/** Known answers: the TLS 1.3 handshake of RFC 8448 §3, every record and secret published. */
class Rfc8448TraceTest {

    private static final List<String> CURL_LINES = List.of(
            "TLSv1.3 (OUT), TLS handshake, Client hello (1):",
            "TLSv1.3 (IN), TLS handshake, Server hello (2):",
            "TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):",
            "TLSv1.3 (IN), TLS handshake, Certificate (11):",
            "TLSv1.3 (IN), TLS handshake, CERT verify (15):",
            "TLSv1.3 (IN), TLS handshake, Finished (20):",
            "TLSv1.3 (OUT), TLS handshake, Finished (20):",
            "TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):",
            "TLSv1.3 (OUT), TLS application data, 50 bytes",
            "TLSv1.3 (IN), TLS application data, 50 bytes",
            "TLSv1.3 (OUT), TLS alert, close notify (256):",
            "TLSv1.3 (IN), TLS alert, close notify (256):");

    private final Rfc8448 rfc = Rfc8448.load();

    @Test
    void trafficKeysFromTheSecretsMatchTheRfc() throws Exception {
        for (String[] names : new String[][] {
                {"SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake"},
                {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake"},
                {"SERVER_TRAFFIC_SECRET_0", "server_application"},
                {"CLIENT_TRAFFIC_SECRET_0", "client_application"}}) {
            TrafficKeys keys = TrafficKeys.derive(Tls13Suite.AES_128_GCM_SHA256, rfc.get(names[0]));
            assertThat(keys.key()).as(names[1] + " key").isEqualTo(rfc.get(names[1] + "_key"));
            assertThat(keys.iv()).as(names[1] + " iv").isEqualTo(rfc.get(names[1] + "_iv"));
        }
    }

    @Test
    void decryptsTheWholeConversation() {
        List<TlsEvent> events = Wire.trace(rfc.records(), rfc.keyLog());

        assertThat(Wire.curlLines(events)).containsExactlyElementsOf(CURL_LINES);
        List<HandshakeMessage> messages = events.stream().filter(HandshakeMessage.class::isInstance)
                .map(HandshakeMessage.class::cast).toList();
        assertThat(messages).extracting(HandshakeMessage::protection).containsExactly(Protection.PLAINTEXT,
                Protection.PLAINTEXT, Protection.DECRYPTED, Protection.DECRYPTED, Protection.DECRYPTED,
                Protection.DECRYPTED, Protection.DECRYPTED, Protection.DECRYPTED);

        ClientHello hello = messages.get(0).details(ClientHello.class).orElseThrow();
        assertThat(hello.serverName()).isEqualTo("server");
        assertThat(hello.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_AES_256_GCM_SHA384");
        assertThat(hello.supportedVersions()).containsExactly(TlsVersion.TLS_1_3);
        assertThat(hello.legacyVersion()).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(hello.random()).isEqualTo(HexFormat.of().formatHex(rfc.get("client_random")));
        assertThat(hello.alpnProtocols()).isEmpty();

        ServerHello serverHello = messages.get(1).details(ServerHello.class).orElseThrow();
        assertThat(serverHello.version()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(serverHello.cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(serverHello.helloRetryRequest()).isFalse();

        assertThat(messages.get(2).details(EncryptedExtensions.class).orElseThrow().extensionTypes())
                .containsExactly(10, 28, 0); // supported_groups, record_size_limit, server_name
        Certificates certificates = messages.get(3).details(Certificates.class).orElseThrow();
        assertThat(certificates.certificates()).extracting(X509Certificate::getSubjectX500Principal)
                .extracting(Object::toString).containsExactly("CN=rsa");
        assertThat(certificates.context()).isEmpty();
        assertThat(messages.get(5).length()).isEqualTo(32);
        assertThat(messages.get(6).length()).isEqualTo(32);

        assertThat(events).filteredOn(ApplicationData.class::isInstance).extracting(e -> ((ApplicationData) e).length())
                .containsExactly(50, 50);
        assertThat(events).filteredOn(Alert.class::isInstance).map(Alert.class::cast)
                .allSatisfy(alert -> {
                    assertThat(alert.description()).isEqualTo(AlertDescription.CLOSE_NOTIFY);
                    assertThat(alert.protection()).isEqualTo(Protection.DECRYPTED);
                    assertThat(alert.fatal()).isFalse();
                });
    }

    @Test
    void secretsThatArriveAfterTheRecordsGiveTheSameEventsInTheSameOrder() {
        List<TlsEvent> first = Wire.trace(rfc.records(), rfc.keyLog());

        assertThat(Wire.traceKeyLogLast(rfc.records(), rfc.keyLog())).isEqualTo(first);
        assertThat(Wire.traceKeyLogLast(rfc.records(), reversed(rfc.keyLog()))).isEqualTo(first);
    }

    @Test
    void chunkingDoesNotMatter() {
        List<TlsEvent> whole = Wire.trace(rfc.records(), rfc.keyLog());

        assertThat(Wire.traceByteByByte(rfc.records(), rfc.keyLog())).isEqualTo(whole);
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(Wire.traceRandomChunks(rfc.records(), rfc.keyLog(), seed)).as("seed " + seed).isEqualTo(whole);
        }
    }

    @Test
    void withoutSecretsTheEncryptedRecordsAreCountedWhenTheConnectionCloses() {
        List<TlsEvent> events = Wire.trace(rfc.records(), List.of());

        assertThat(Wire.curlLines(events)).containsExactly(
                "TLSv1.3 (OUT), TLS handshake, Client hello (1):",
                "TLSv1.3 (IN), TLS handshake, Server hello (2):",
                "TLSv1.3 (IN), 1 encrypted record (674 bytes) not decrypted: no SERVER_HANDSHAKE_TRAFFIC_SECRET key log line "
                        + "before the connection closed",
                "TLSv1.3 (OUT), 1 encrypted record (53 bytes) not decrypted: no CLIENT_HANDSHAKE_TRAFFIC_SECRET key log line "
                        + "before the connection closed",
                "TLSv1.3 (IN), 1 encrypted record (222 bytes) not decrypted: no SERVER_HANDSHAKE_TRAFFIC_SECRET key log line "
                        + "before the connection closed",
                "TLSv1.3 (OUT), 1 encrypted record (67 bytes) not decrypted: no CLIENT_HANDSHAKE_TRAFFIC_SECRET key log line "
                        + "before the connection closed",
                "TLSv1.3 (IN), 1 encrypted record (67 bytes) not decrypted: no SERVER_HANDSHAKE_TRAFFIC_SECRET key log line "
                        + "before the connection closed",
                "TLSv1.3 (OUT), 1 encrypted record (19 bytes) not decrypted: no CLIENT_HANDSHAKE_TRAFFIC_SECRET key log line "
                        + "before the connection closed",
                "TLSv1.3 (IN), 1 encrypted record (19 bytes) not decrypted: no SERVER_HANDSHAKE_TRAFFIC_SECRET key log line "
                        + "before the connection closed");
    }

    @Test
    void expectNoKeyLogReportsEncryptedRecordsAtOnce() {
        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        tracer.expectNoKeyLog();
        List<Wire.Chunk> records = rfc.records();
        for (int i = 0; i < 4; i++) {
            tracer.onBytes(records.get(i).direction(), ByteBuffer.wrap(records.get(i).bytes()));
        }

        // The client's record is not reported yet: a following client record could join its run.
        assertThat(recording.events()).hasSize(3);
        assertThat(recording.events().get(2)).isEqualTo(new EncryptedRecords(Direction.IN, TlsVersion.TLS_1_3, 1,
                674, "no key log for this connection"));
        assertThat(tracer.negotiatedVersion()).contains(TlsVersion.TLS_1_3);
    }

    @Test
    void onlyTheHandshakeSecretsDecryptTheHandshake() {
        List<TlsEvent> events = Wire.trace(rfc.records(), rfc.keyLog().subList(0, 2));

        assertThat(Wire.curlLines(events)).startsWith(CURL_LINES.subList(0, 7).toArray(String[]::new));
        assertThat(events.subList(7, events.size())).allSatisfy(event ->
                assertThat(event).isInstanceOf(EncryptedRecords.class));
    }

    @Test
    void keyLogLinesOfOtherConnectionsAreIgnored() {
        List<String> otherConnection = new ArrayList<>();
        for (String line : rfc.keyLog()) {
            otherConnection.add(line.replace(HexFormat.of().formatHex(rfc.get("client_random")), "00".repeat(32)));
        }
        otherConnection.add("# a comment");
        otherConnection.add("CLIENT_HANDSHAKE_TRAFFIC_SECRET not-hex at-all");
        otherConnection.add("");

        assertThat(Wire.trace(rfc.records(), otherConnection)).isEqualTo(Wire.trace(rfc.records(), List.of()));
    }

    @Test
    void aWrongSecretIsReportedAndTheRestOfThatDirectionStaysEncrypted() {
        List<String> keyLog = new ArrayList<>(rfc.keyLog());
        keyLog.set(1, keyLog.get(1).substring(0, keyLog.get(1).length() - 2) + "00");

        List<TlsEvent> events = Wire.trace(rfc.records(), keyLog);

        assertThat(events).filteredOn(Malformed.class::isInstance).extracting(e -> ((Malformed) e).what())
                .containsExactly("record 0 under SERVER_HANDSHAKE_TRAFFIC_SECRET did not decrypt (wrong key log "
                        + "line, or a corrupted record); the rest of this direction is not decrypted");
        assertThat(events).filteredOn(e -> e.direction() == Direction.IN && e instanceof HandshakeMessage)
                .hasSize(1); // only the ServerHello
    }

    @Test
    void aCorruptedRecordDoesNotDecrypt() {
        List<Wire.Chunk> records = new ArrayList<>(rfc.records());
        byte[] flight = records.get(2).bytes();
        flight[100] ^= 1;
        records.set(2, new Wire.Chunk(Direction.IN, flight));

        List<TlsEvent> events = Wire.trace(records, rfc.keyLog());

        assertThat(events).filteredOn(Malformed.class::isInstance).hasSize(1);
        // The client's side is unaffected.
        assertThat(Wire.curlLines(events)).contains("TLSv1.3 (OUT), TLS handshake, Finished (20):",
                "TLSv1.3 (OUT), TLS alert, close notify (256):");
    }

    private static List<String> reversed(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        Collections.reverse(copy);
        return copy;
    }
}
