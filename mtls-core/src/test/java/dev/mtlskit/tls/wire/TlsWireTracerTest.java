package dev.mtlskit.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

import dev.mtlskit.tls.wire.HandshakeDetails.Certificates;
import dev.mtlskit.tls.wire.HandshakeDetails.CertificateRequest;
import dev.mtlskit.tls.wire.HandshakeDetails.ServerHello;
import dev.mtlskit.tls.wire.TlsEvent.Alert;
import dev.mtlskit.tls.wire.TlsEvent.EncryptedRecords;
import dev.mtlskit.tls.wire.TlsEvent.HandshakeMessage;
import dev.mtlskit.tls.wire.TlsEvent.Malformed;
import dev.mtlskit.tls.wire.TlsEvent.NotTls;

/** What the tracer does with input that is not a clean handshake: other protocols, garbage, limits. */
class TlsWireTracerTest {

    private final Rfc8448 rfc = Rfc8448.load();

    @Test
    void aPlainHttpServerIsNotTls() {
        List<Wire.Chunk> chunks = List.of(rfc.records().get(0), new Wire.Chunk(Direction.IN,
                ascii("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n<html>")));

        List<TlsEvent> events = Wire.trace(chunks, List.of());

        assertThat(events).hasSize(2);
        NotTls notTls = (NotTls) events.get(1);
        assertThat(notTls.direction()).isEqualTo(Direction.IN);
        assertThat(notTls.preview()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(notTls.hex()).isEqualTo(HandshakeParser.hex(ascii("HTTP/1.1 400 Bad Request\r\n")));
        assertThat(CurlStyle.line(notTls)).isEqualTo("(IN) not TLS: \"HTTP/1.1 400 Bad Request\"");
        assertThat(Wire.traceByteByByte(chunks, List.of())).isEqualTo(events);
    }

    @Test
    void aShortAnswerWithoutALineEndIsReportedWhenTheConnectionCloses() {
        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        tracer.onBytes(Direction.IN, ByteBuffer.wrap(new byte[] {'S', 'S', 'H', '-', 2, 0}));
        assertThat(recording.events()).isEmpty();

        tracer.onClose();

        assertThat(recording.events()).containsExactly(new NotTls(Direction.IN, "SSH-..", "5353482d0200"));
    }

    @Test
    void readOnlyBuffersAreReadFromTheirPositionAndLeftAsTheyWere() {
        byte[] record = rfc.records().get(0).bytes();
        byte[] padded = new byte[record.length + 20];
        System.arraycopy(record, 0, padded, 10, record.length);
        ByteBuffer buffer = ByteBuffer.wrap(padded, 10, record.length).asReadOnlyBuffer();
        TlsWireRecording recording = new TlsWireRecording();

        new TlsWireTracer(recording).onBytes(Direction.OUT, buffer);

        assertThat(buffer.position()).isEqualTo(10);
        assertThat(buffer.limit()).isEqualTo(10 + record.length);
        assertThat(recording.curlLines()).containsExactly("TLSv1.3 (OUT), TLS handshake, Client hello (1):");
    }

    @Test
    void garbageNeverThrowsAndIsAlwaysReported() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[3 + random.nextInt(round % 10 == 0 ? 40_000 : 300)];
            random.nextBytes(bytes);
            if (round % 3 == 0) {
                bytes[0] = (byte) (20 + random.nextInt(4)); // look like a record for a while
                bytes[1] = 3;
                bytes[2] = (byte) random.nextInt(5);
            }
            Direction direction = random.nextBoolean() ? Direction.IN : Direction.OUT;
            List<TlsEvent> events = Wire.traceRandomChunks(List.of(new Wire.Chunk(direction, bytes)), List.of(), round);

            assertThat(events).as("round " + round).isNotEmpty();
            assertNoTracerFailure(events);
        }
    }

    @Test
    void corruptedHandshakesNeverThrow() throws Exception {
        List<List<Wire.Chunk>> conversations = List.of(rfc.records(), EnginePair.mutualHandshake("TLSv1.2"));
        Random random = new Random(7);
        for (int round = 0; round < 600; round++) {
            List<Wire.Chunk> chunks = new ArrayList<>();
            for (Wire.Chunk chunk : conversations.get(round % 2)) {
                byte[] bytes = chunk.bytes().clone();
                for (int flips = random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                chunks.add(new Wire.Chunk(chunk.direction(), bytes));
            }
            if (random.nextBoolean()) {
                int cut = random.nextInt(chunks.size());
                byte[] bytes = chunks.get(cut).bytes();
                chunks.set(cut, new Wire.Chunk(chunks.get(cut).direction(),
                        Arrays.copyOf(bytes, random.nextInt(bytes.length))));
            }
            assertNoTracerFailure(Wire.traceRandomChunks(chunks, rfc.keyLog(), round));
        }
    }

    @Test
    void handshakeMessagesSplitAcrossRecordsAndSharingRecordsAreReassembled() {
        byte[] clientHello = Arrays.copyOfRange(rfc.get("OUT client_hello"), 5, 5 + 196);
        ByteArrayOutputStream split = new ByteArrayOutputStream();
        split.writeBytes(record(22, Arrays.copyOfRange(clientHello, 0, 1)));
        split.writeBytes(record(22, Arrays.copyOfRange(clientHello, 1, 100)));
        split.writeBytes(record(22, Arrays.copyOfRange(clientHello, 100, 196)));
        ByteArrayOutputStream twoInOne = new ByteArrayOutputStream();
        twoInOne.writeBytes(handshake(14, new byte[0]));
        twoInOne.writeBytes(handshake(14, new byte[0]));

        List<TlsEvent> events = Wire.trace(List.of(new Wire.Chunk(Direction.OUT, split.toByteArray()),
                new Wire.Chunk(Direction.IN, record(22, twoInOne.toByteArray()))), List.of());

        List<TlsEvent> whole = Wire.trace(List.of(rfc.records().get(0)), List.of());
        assertThat(events.get(0)).isEqualTo(whole.get(0));
        assertThat(Wire.curlLines(events)).containsExactly(
                "TLSv1.3 (OUT), TLS handshake, Client hello (1):",
                "TLSv1.3 (IN), TLS handshake, Server finished (14):",
                "TLSv1.3 (IN), TLS handshake, Server finished (14):");
    }

    @Test
    void aTruncatedServerHelloIsMalformedButStillListed() {
        byte[] serverHello = rfc.get("IN server_hello");
        byte[] body = Arrays.copyOfRange(serverHello, 9, 9 + 40);
        List<Wire.Chunk> chunks = List.of(rfc.records().get(0),
                new Wire.Chunk(Direction.IN, record(22, handshake(2, body))));

        List<TlsEvent> events = Wire.trace(chunks, List.of());

        assertThat(events.get(1)).isInstanceOfSatisfying(HandshakeMessage.class, message -> {
            assertThat(message.type()).isEqualTo(HandshakeType.SERVER_HELLO);
            assertThat(message.details()).isNull();
        });
        assertThat(events.get(2)).isEqualTo(new Malformed(Direction.IN, 0,
                "Server hello message: truncated at byte 40: 46 bytes needed, 0 left"));
    }

    @Test
    void anOversizedHandshakeMessageIsSkippedAndWhatFollowsIsRead() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(handshake(11, new byte[70_000]));
        stream.writeBytes(handshake(14, new byte[0]));
        List<Wire.Chunk> chunks = List.of(new Wire.Chunk(Direction.IN, records(22, stream.toByteArray())));

        List<TlsEvent> events = Wire.trace(chunks, List.of());

        assertThat(Wire.curlLines(events)).containsExactly(
                "TLSv1.2 (IN), TLS handshake, Certificate (11):",
                "(IN) malformed TLS at byte 0: Certificate message of 70000 bytes is over the 64 KiB limit: not read",
                "TLSv1.2 (IN), TLS handshake, Server finished (14):");
        assertThat(((HandshakeMessage) events.get(0)).length()).isEqualTo(70_000);
    }

    @Test
    void aRecordLongerThanTlsAllowsStopsThatDirection() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(record(22, handshake(14, new byte[0])));
        stream.writeBytes(new byte[] {22, 3, 3, 0x48, 0x01});
        stream.writeBytes(new byte[100]);

        List<TlsEvent> events = Wire.trace(List.of(new Wire.Chunk(Direction.IN, stream.toByteArray())), List.of());

        assertThat(Wire.curlLines(events)).containsExactly(
                "TLSv1.2 (IN), TLS handshake, Server finished (14):",
                "(IN) malformed TLS at byte 9: record 1 is 18433 bytes long, more than TLS allows (18432); "
                        + "the rest of this direction is not traced");
    }

    @Test
    void unreadableCertificatesAndNamesAreCounted() {
        ByteArrayOutputStream certificates = new ByteArrayOutputStream();
        byte[] garbage = ascii("not a certificate");
        certificates.writeBytes(u24(garbage.length + 3));
        certificates.writeBytes(u24(garbage.length));
        certificates.writeBytes(garbage);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(new byte[] {1, 64}); // certificate_types: ecdsa_sign
        request.writeBytes(new byte[] {0, 2, 4, 3}); // signature algorithms: ecdsa_secp256r1_sha256
        byte[] name = new X500Principal("CN=Listed CA").getEncoded();
        request.writeBytes(u16(2 + name.length + 2 + 3));
        request.writeBytes(u16(name.length));
        request.writeBytes(name);
        request.writeBytes(new byte[] {0, 3, 1, 2, 3});
        ByteArrayOutputStream flight = new ByteArrayOutputStream();
        flight.writeBytes(handshake(11, certificates.toByteArray()));
        flight.writeBytes(handshake(13, request.toByteArray()));

        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        tracer.onBytes(Direction.IN, ByteBuffer.wrap(record(22, flight.toByteArray())));

        Certificates sent = recording.certificates(Direction.IN).orElseThrow();
        assertThat(sent.certificates()).isEmpty();
        assertThat(sent.unparseable()).isEqualTo(1);
        assertThat(sent.isEmpty()).isFalse();
        CertificateRequest certificateRequest = recording.certificateRequest().orElseThrow();
        assertThat(certificateRequest.certificateTypes()).containsExactly("ecdsa_sign");
        assertThat(certificateRequest.signatureAlgorithms()).containsExactly("ecdsa_secp256r1_sha256");
        assertThat(certificateRequest.certificateAuthorities()).extracting(Object::toString).containsExactly("CN=Listed CA");
        assertThat(certificateRequest.unparseableAuthorities()).isEqualTo(1);
    }

    @Test
    void helloRetryRequestDoesNotStartEncryption() throws Exception {
        byte[] retry = serverHelloBody(MessageDigest.getInstance("SHA-256")
                .digest("HelloRetryRequest".getBytes(StandardCharsets.US_ASCII)));
        List<Wire.Chunk> records = rfc.records();
        List<Wire.Chunk> chunks = new ArrayList<>();
        chunks.add(records.get(0));
        chunks.add(new Wire.Chunk(Direction.IN, record(22, handshake(2, retry))));
        chunks.add(new Wire.Chunk(Direction.IN, record(20, new byte[] {1})));
        chunks.add(new Wire.Chunk(Direction.OUT, record(20, new byte[] {1})));
        chunks.add(records.get(0)); // the second ClientHello, in the clear again
        chunks.addAll(records.subList(1, records.size()));

        List<TlsEvent> events = Wire.trace(chunks, rfc.keyLog());

        assertThat(Wire.curlLines(events).subList(0, 7)).containsExactly(
                "TLSv1.3 (OUT), TLS handshake, Client hello (1):",
                "TLSv1.3 (IN), TLS handshake, Server hello (2):",
                "TLSv1.3 (IN), TLS change cipher, Change cipher spec (1):",
                "TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):",
                "TLSv1.3 (OUT), TLS handshake, Client hello (1):",
                "TLSv1.3 (IN), TLS handshake, Server hello (2):",
                "TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):");
        assertThat(((HandshakeMessage) events.get(1)).details(ServerHello.class).orElseThrow().helloRetryRequest())
                .isTrue();
        assertThat(((HandshakeMessage) events.get(5)).details(ServerHello.class).orElseThrow().helloRetryRequest())
                .isFalse();
        assertThat(events).noneMatch(event -> event instanceof Malformed || event instanceof EncryptedRecords);
    }

    @Test
    void keyUpdatesAreFollowedAndBigRecordsAfterTheFirstDataAreSkipped() throws Exception {
        TrafficKeys server = TrafficKeys.derive(Tls13Suite.AES_128_GCM_SHA256, rfc.get("SERVER_TRAFFIC_SECRET_0"));
        TrafficKeys updated = TrafficKeys.derive(Tls13Suite.AES_128_GCM_SHA256,
                TrafficKeys.nextSecret(Tls13Suite.AES_128_GCM_SHA256, rfc.get("SERVER_TRAFFIC_SECRET_0")));
        List<Wire.Chunk> chunks = new ArrayList<>(rfc.records());
        chunks.remove(chunks.size() - 1); // the server's close_notify, replaced by what follows
        // Sequence 0 was the ticket, 1 the RFC's application data.
        chunks.add(new Wire.Chunk(Direction.IN, seal(server, 2, 23, new byte[2000])));
        chunks.add(new Wire.Chunk(Direction.IN, seal(server, 3, 22, handshake(24, new byte[] {0}))));
        chunks.add(new Wire.Chunk(Direction.IN, seal(updated, 0, 23, ascii("more data"))));
        chunks.add(new Wire.Chunk(Direction.IN, seal(updated, 1, 21, new byte[] {2, 40})));

        List<TlsEvent> events = Wire.trace(chunks, rfc.keyLog());

        assertThat(Wire.curlLines(events).subList(events.size() - 4, events.size())).containsExactly(
                "TLSv1.3 (IN), TLS application data, 50 bytes",
                "TLSv1.3 (OUT), TLS alert, close notify (256):",
                "TLSv1.3 (IN), TLS handshake, Key update (24):",
                "TLSv1.3 (IN), TLS alert, handshake failure (552):");
        assertThat(events).noneMatch(event -> event instanceof Malformed || event instanceof EncryptedRecords);
    }

    @Test
    void heldRecordsAreBoundedWhenNoKeyLogComes() {
        List<Wire.Chunk> records = rfc.records();
        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        tracer.onBytes(Direction.OUT, ByteBuffer.wrap(records.get(0).bytes()));
        tracer.onBytes(Direction.IN, ByteBuffer.wrap(records.get(1).bytes()));
        byte[] encrypted = record(23, new byte[16_000]);
        for (int i = 0; i < 16; i++) {
            tracer.onBytes(Direction.IN, ByteBuffer.wrap(encrypted));
        }
        assertThat(recording.events()).hasSize(2); // still hoping for the key log

        tracer.onBytes(Direction.IN, ByteBuffer.wrap(encrypted));
        tracer.onBytes(Direction.OUT, ByteBuffer.wrap(records.get(3).bytes()));

        assertThat(recording.events()).hasSize(3);
        assertThat(recording.events().get(2)).isEqualTo(new EncryptedRecords(Direction.IN, TlsVersion.TLS_1_3, 17,
                17 * 16_000, "no SERVER_HANDSHAKE_TRAFFIC_SECRET key log line within the first 256 KiB of this "
                        + "direction"));
    }

    @Test
    void earlyDataBeforeTheServerHelloIsCountedAsEncrypted() {
        List<Wire.Chunk> chunks = List.of(rfc.records().get(0), new Wire.Chunk(Direction.OUT, record(23, new byte[40])));

        assertThat(Wire.curlLines(Wire.trace(chunks, rfc.keyLog()))).containsExactly(
                "TLSv1.3 (OUT), TLS handshake, Client hello (1):",
                "TLSv1.3 (OUT), 1 encrypted record (40 bytes) not decrypted: 0-RTT early data, which is not decrypted");
    }

    @Test
    void aListenerThatThrowsStopsTheTracerWithoutThrowingIntoTheCaller() {
        List<TlsEvent> seen = new ArrayList<>();
        TlsWireTracer tracer = new TlsWireTracer(event -> {
            seen.add(event);
            throw new IllegalStateException("listener bug");
        });
        for (Wire.Chunk chunk : rfc.records()) {
            tracer.onBytes(chunk.direction(), ByteBuffer.wrap(chunk.bytes()));
        }
        rfc.keyLog().forEach(tracer::onKeyLogLine);
        tracer.onClose();

        assertThat(seen).hasSize(1);
    }

    @Test
    void alertsAreNamedAsTheRfcAndCurlNameThem() {
        List<Wire.Chunk> chunks = List.of(new Wire.Chunk(Direction.IN, record(21, new byte[] {2, 45, 2, 44, 2, 70, 2, (byte) 200})));

        List<TlsEvent> events = Wire.trace(chunks, List.of());

        assertThat(events).map(event -> ((Alert) event).label()).containsExactly("certificate_expired(45)",
                "certificate_revoked(44)", "protocol_version(70)", "unknown(200)");
        assertThat(Wire.curlLines(events).get(0)).isEqualTo("TLSv1.2 (IN), TLS alert, certificate expired (557):");
    }

    private static void assertNoTracerFailure(List<TlsEvent> events) {
        assertThat(events).filteredOn(Malformed.class::isInstance)
                .noneMatch(event -> ((Malformed) event).what().startsWith("the tracer failed"));
    }

    /** TLS 1.3 record protection, the other way round from the tracer. */
    private static byte[] seal(TrafficKeys keys, long sequence, int innerType, byte[] content) throws Exception {
        byte[] inner = new byte[content.length + 1];
        System.arraycopy(content, 0, inner, 0, content.length);
        inner[content.length] = (byte) innerType;
        byte[] header = {23, 3, 3, (byte) ((inner.length + 16) >> 8), (byte) (inner.length + 16)};
        byte[] nonce = keys.iv();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(header);
        byte[] sealed = cipher.doFinal(inner);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(sealed);
        return out.toByteArray();
    }

    private static byte[] serverHelloBody(byte[] random) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 3});
        body.writeBytes(random);
        body.writeBytes(new byte[] {0, 0x13, 0x01, 0});
        body.writeBytes(new byte[] {0, 12, 0, 43, 0, 2, 3, 4, 0, 51, 0, 2, 0, 0x17});
        return body.toByteArray();
    }

    static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.writeBytes(u24(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] record(int type, byte[] fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) type, 3, 3});
        out.writeBytes(u16(fragment.length));
        out.writeBytes(fragment);
        return out.toByteArray();
    }

    /** A stream of handshake bytes cut into records of at most 2^14 bytes. */
    private static byte[] records(int type, byte[] stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int from = 0; from < stream.length; from += 16384) {
            out.writeBytes(record(type, Arrays.copyOfRange(stream, from, Math.min(stream.length, from + 16_384))));
        }
        return out.toByteArray();
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    private static byte[] u24(int value) {
        return new byte[] {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
