package dev.mtlskit.tls.wire;

import static dev.mtlskit.tls.wire.TlsRecord.ALERT;
import static dev.mtlskit.tls.wire.TlsRecord.APPLICATION_DATA;
import static dev.mtlskit.tls.wire.TlsRecord.CHANGE_CIPHER_SPEC;
import static dev.mtlskit.tls.wire.TlsRecord.HANDSHAKE;
import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

import dev.mtlskit.tls.wire.HandshakeDetails.ClientHello;
import dev.mtlskit.tls.wire.HandshakeDetails.ServerHello;

/**
 * Follows the TLS conversation of one client connection from the raw TCP bytes of both directions
 * and reports each handshake message, ChangeCipherSpec, alert and the first application data as
 * {@link TlsEvent}s, the way {@code curl -v} lists them.
 *
 * <p>Feed it every byte read from and written to the socket with {@link #onBytes}, in any chunks,
 * and the connection's key log lines with {@link #onKeyLogLine} so it can decrypt the encrypted
 * part of a TLS 1.3 handshake and the alerts after it (and, for TLS 1.2, the Finished messages and
 * alerts after ChangeCipherSpec). Records it cannot decrypt yet are
 * held (up to {@value #MAX_HELD_BYTES} bytes per direction) until their secret arrives, since a
 * TLS library logs secrets while it handles the very bytes the tap has already seen. Call
 * {@link #expectNoKeyLog()} when no key log will come, and {@link #onClose()} when the connection
 * ends, so that held records are reported.
 *
 * <p>Events are delivered on the calling thread, in wire order for each direction and in arrival
 * order across directions. The methods never throw for anything on the wire: problems become
 * {@link TlsEvent.Malformed} events. A listener that throws stops the tracer. Thread-safe.
 */
public final class TlsWireTracer {

    /** Larger handshake messages (certificate chains, CA lists) are reported but not parsed. */
    static final int MAX_HANDSHAKE_MESSAGE = 64 * 1024;
    /** Encrypted bytes held per direction while waiting for key log lines. */
    static final int MAX_HELD_BYTES = 256 * 1024;
    /** After the first application data, only records this small are decrypted (alerts, tickets, key updates). */
    static final int SMALL_RECORD = 512;

    private final Consumer<TlsEvent> listener;
    private final KeyLog keyLog = new KeyLog();
    private final Side out = new Side(Direction.OUT, this);
    private final Side in = new Side(Direction.IN, this);
    /** Records and events not reported yet, in arrival order; only the head may wait. */
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    private TlsVersion offeredVersion;
    private TlsVersion negotiatedVersion;
    private int cipherSuite = -1;
    private String clientRandom;
    private byte[] serverRandom;
    private boolean waitForKeyLog = true;
    /** Why records are no longer held, with {@code %s} for the missing secret's label. */
    private String noKeyLogReason = "";
    private boolean closed;
    private boolean stopped;

    private Side runSide;
    private int runRecords;
    private long runBytes;
    private String runReason;
    private TlsVersion runVersion;

    public TlsWireTracer(Consumer<TlsEvent> listener) {
        this.listener = requireNonNull(listener, "listener");
    }

    /**
     * Bytes that went over the wire. Reads {@code bytes} from its position to its limit without
     * moving either, and copies what it keeps.
     */
    public synchronized void onBytes(Direction direction, ByteBuffer bytes) {
        requireNonNull(direction, "direction");
        requireNonNull(bytes, "bytes");
        if (closed || stopped) {
            return;
        }
        Side side = side(direction);
        try {
            side.framer.feed(bytes.duplicate());
        } catch (RuntimeException e) {
            fail(side, e);
        }
    }

    /**
     * One line of an NSS key log ({@code SSLKEYLOGFILE} format). Lines for other connections, other
     * labels and anything unreadable are ignored.
     */
    public synchronized void onKeyLogLine(String line) {
        if (line == null || closed || stopped) {
            return;
        }
        if (keyLog.accept(line)) {
            drain();
        }
    }

    /** Declares that no key log lines will come: encrypted records are reported at once, as encrypted. */
    public synchronized void expectNoKeyLog() {
        stopWaiting("no key log for this connection");
    }

    /** The connection ended: reports what was held back and anything left incomplete. */
    public synchronized void onClose() {
        if (closed || stopped) {
            return;
        }
        stopWaiting("no %s key log line before the connection closed");
        closed = true;
        for (Side side : new Side[] {out, in}) {
            boolean traced = !side.framer.stopped();
            side.framer.close();
            if (traced && (side.handshakeLength > 0 || side.handshakeSkip > 0)) {
                emit(new TlsEvent.Malformed(side.direction, side.framer.recordStart(),
                        "the connection closed in the middle of a handshake message"));
            }
        }
        flushRun();
        // The secrets are of no use any more: do not keep them around.
        keyLog.clear();
        for (Side side : new Side[] {out, in}) {
            side.secret = null;
            side.keys = null;
            side.tls12Keys = null;
        }
    }

    /** The version the server chose, once its ServerHello was read. */
    public synchronized Optional<TlsVersion> negotiatedVersion() {
        return Optional.ofNullable(negotiatedVersion);
    }

    // ---- ordering: held records wait for secrets -------------------------------------------------

    private void onRecord(Side side, TlsRecord record) {
        side.heldBytes += record.length();
        held.add(new Held(side, record, null));
        if (waitForKeyLog && side.heldBytes > MAX_HELD_BYTES) {
            stopWaiting("no %s key log line within the first " + MAX_HELD_BYTES / 1024 + " KiB of this direction");
        }
        drain();
    }

    private void onFramerEvent(Side side, TlsEvent event) {
        held.add(new Held(side, null, event));
        drain();
    }

    private void drain() {
        while (!held.isEmpty() && !stopped) {
            Held next = held.peek();
            if (next.record != null && mustWait(next.side, next.record)) {
                return;
            }
            held.poll();
            if (next.event != null) {
                emit(next.event);
                continue;
            }
            next.side.heldBytes -= next.record.length();
            if (next.side.failed) {
                continue;
            }
            try {
                process(next.side, next.record);
            } catch (RuntimeException e) {
                fail(next.side, e);
            }
        }
    }

    /** True when the record is encrypted with a secret the key log may still bring. */
    private boolean mustWait(Side side, TlsRecord record) {
        if (!waitForKeyLog || side.opaqueReason != null || clientRandom == null
                || skippedAfterApplicationData(side, record)) {
            return false;
        }
        if (side.changedCipherSpec) {
            boolean protectedType = record.type() == ALERT || record.type() == HANDSHAKE
                    || record.type() == APPLICATION_DATA;
            return protectedType && Tls12Keys.Suite.of(cipherSuite) != null && serverRandom != null
                    && side.tls12Keys == null && !loadTls12Keys(side) && side.opaqueReason == null;
        }
        if (record.type() != APPLICATION_DATA || !isTls13() || side.epoch == Epoch.NONE
                || Tls13Suite.of(cipherSuite) == null) {
            return false;
        }
        return side.keys == null && !loadKeys(side) && side.opaqueReason == null;
    }

    private void stopWaiting(String reason) {
        if (waitForKeyLog) {
            waitForKeyLog = false;
            noKeyLogReason = reason;
        }
        drain();
    }

    // ---- records ------------------------------------------------------------------------------------

    private void process(Side side, TlsRecord record) {
        switch (record.type()) {
            case CHANGE_CIPHER_SPEC -> {
                emit(new TlsEvent.ChangeCipherSpec(side.direction, version(record)));
                if (negotiatedVersion != null && !isTls13()) {
                    side.changedCipherSpec = true;
                    side.finishedSeen = false;
                    side.tls12Keys = null;
                    side.sequence = 0;
                }
            }
            case ALERT, HANDSHAKE -> {
                if (side.changedCipherSpec) {
                    tls12Record(side, record);
                } else if (record.type() == ALERT) {
                    alerts(side, record, record.fragment(), Protection.PLAINTEXT);
                } else {
                    handshake(side, record, record.fragment(), Protection.PLAINTEXT);
                }
            }
            case APPLICATION_DATA -> {
                if (side.changedCipherSpec) {
                    tls12Record(side, record);
                } else {
                    applicationDataRecord(side, record);
                }
            }
            default -> emit(new TlsEvent.Malformed(side.direction, record.offset(),
                    "heartbeat record (" + record.length() + " bytes) ignored"));
        }
    }

    /** A TLS 1.2 record after ChangeCipherSpec: decrypted with the CLIENT_RANDOM line if there is one. */
    private void tls12Record(Side side, TlsRecord record) {
        long sequence = side.sequence++;
        byte[] plaintext = null;
        if (side.opaqueReason == null && !skippedAfterApplicationData(side, record)
                && Tls12Keys.Suite.of(cipherSuite) != null && serverRandom != null && clientRandom != null
                && (side.tls12Keys != null || loadTls12Keys(side))) {
            try {
                plaintext = side.tls12Keys.open(record.type(), record.version(), record.fragment(), sequence);
            } catch (GeneralSecurityException e) {
                side.opaqueReason = "an earlier record did not decrypt";
                emit(new TlsEvent.Malformed(side.direction, record.offset(), "record " + sequence
                        + " after ChangeCipherSpec did not decrypt with the CLIENT_RANDOM master secret (wrong key "
                        + "log line, or a corrupted record); the rest of this direction is not decrypted"));
            }
        }
        if (record.type() == HANDSHAKE) {
            if (plaintext != null) {
                side.finishedSeen = true;
                handshake(side, record, plaintext, Protection.DECRYPTED);
            } else {
                encryptedTls12Handshake(side, record);
            }
        } else if (record.type() == ALERT) {
            if (plaintext != null) {
                alerts(side, record, plaintext, Protection.DECRYPTED);
            } else {
                emit(TlsEvent.Alert.encrypted(side.direction, version(record)));
            }
        } else if (!side.applicationDataSeen) {
            side.applicationDataSeen = true;
            emit(new TlsEvent.ApplicationData(side.direction, version(record),
                    plaintext != null ? plaintext.length : record.length(),
                    plaintext != null ? Protection.DECRYPTED : Protection.ENCRYPTED));
        }
    }

    /** TLS 1.2 after ChangeCipherSpec: the first handshake record is Finished, the rest is renegotiation. */
    private void encryptedTls12Handshake(Side side, TlsRecord record) {
        if (!side.finishedSeen) {
            side.finishedSeen = true;
            emit(new TlsEvent.HandshakeMessage(side.direction, version(record), HandshakeType.FINISHED,
                    HandshakeType.FINISHED.code(), record.length(), Protection.ENCRYPTED, null));
        } else {
            addToRun(side, record, "encrypted handshake record after Finished (renegotiation)");
        }
    }

    private void applicationDataRecord(Side side, TlsRecord record) {
        if (isTls13() && side.epoch != Epoch.NONE) {
            decrypt(side, record);
        } else if (side == out && (negotiatedVersion == null || isTls13())) {
            addToRun(side, record, "0-RTT early data, which is not decrypted");
        } else {
            emit(new TlsEvent.Malformed(side.direction, record.offset(),
                    "application data record before encryption started"));
        }
    }

    private void decrypt(Side side, TlsRecord record) {
        long sequence = side.sequence++;
        if (side.opaqueReason != null) {
            addToRun(side, record, side.opaqueReason);
            return;
        }
        if (skippedAfterApplicationData(side, record)) {
            return;
        }
        Tls13Suite suite = Tls13Suite.of(cipherSuite);
        if (suite == null) {
            side.opaqueReason = CodeNames.cipherSuite(cipherSuite) + " cannot be decrypted here";
            addToRun(side, record, side.opaqueReason);
            return;
        }
        if (side.keys == null && !loadKeys(side)) {
            addToRun(side, record, clientRandom == null ? "the ClientHello was not seen"
                    : String.format(noKeyLogReason, secretLabel(side)));
            return;
        }
        byte[] inner;
        try {
            inner = side.keys.open(record.header(), record.fragment(), sequence);
        } catch (GeneralSecurityException e) {
            side.opaqueReason = "an earlier record did not decrypt";
            emit(new TlsEvent.Malformed(side.direction, record.offset(), "record " + sequence + " under "
                    + secretLabel(side) + " did not decrypt (wrong key log line, or a corrupted record); "
                    + "the rest of this direction is not decrypted"));
            return;
        }
        int end = inner.length - 1;
        while (end >= 0 && inner[end] == 0) {
            end--;
        }
        if (end < 0) {
            emit(new TlsEvent.Malformed(side.direction, record.offset(),
                    "decrypted record has no content type (all padding)"));
            return;
        }
        byte[] content = Arrays.copyOf(inner, end);
        switch (inner[end]) {
            case HANDSHAKE -> handshake(side, record, content, Protection.DECRYPTED);
            case ALERT -> alerts(side, record, content, Protection.DECRYPTED);
            case APPLICATION_DATA -> {
                if (!side.applicationDataSeen) {
                    side.applicationDataSeen = true;
                    emit(new TlsEvent.ApplicationData(side.direction, version(record), content.length,
                            Protection.DECRYPTED));
                }
            }
            default -> emit(new TlsEvent.Malformed(side.direction, record.offset(),
                    "decrypted record has content type " + (inner[end] & 0xff) + ", which TLS 1.3 does not have"));
        }
    }

    /** Bounds the work on a long connection: once data flowed, big records are not decrypted. */
    private static boolean skippedAfterApplicationData(Side side, TlsRecord record) {
        return side.applicationDataSeen && record.length() > SMALL_RECORD;
    }

    private void alerts(Side side, TlsRecord record, byte[] content, Protection protection) {
        if (content.length == 0 || content.length % 2 != 0) {
            emit(new TlsEvent.Malformed(side.direction, record.offset(),
                    "alert record of " + content.length + " bytes (alerts are 2 bytes)"));
            return;
        }
        for (int i = 0; i < content.length; i += 2) {
            int code = content[i + 1] & 0xff;
            emit(new TlsEvent.Alert(side.direction, version(record), protection, content[i] & 0xff,
                    AlertDescription.of(code), code));
        }
    }

    // ---- handshake messages -------------------------------------------------------------------------

    private void handshake(Side side, TlsRecord record, byte[] content, Protection protection) {
        int offset = 0;
        if (side.handshakeSkip > 0) {
            int skipped = Math.min(side.handshakeSkip, content.length);
            side.handshakeSkip -= skipped;
            offset = skipped;
        }
        side.appendHandshake(content, offset);
        while (side.handshakeLength >= 4) {
            byte[] buffer = side.handshakeBuffer;
            int code = buffer[0] & 0xff;
            int length = (buffer[1] & 0xff) << 16 | (buffer[2] & 0xff) << 8 | buffer[3] & 0xff;
            if (length > MAX_HANDSHAKE_MESSAGE) {
                HandshakeType type = HandshakeType.of(code);
                emit(new TlsEvent.HandshakeMessage(side.direction, version(record), type, code, length,
                        protection, null));
                emit(new TlsEvent.Malformed(side.direction, record.offset(), type.curlName() + " message of "
                        + length + " bytes is over the " + MAX_HANDSHAKE_MESSAGE / 1024 + " KiB limit: not read"));
                int available = side.handshakeLength - 4;
                side.handshakeSkip = length - available;
                side.handshakeLength = 0;
                continue;
            }
            if (side.handshakeLength < 4 + length) {
                return;
            }
            byte[] body = Arrays.copyOfRange(buffer, 4, 4 + length);
            side.consumeHandshake(4 + length);
            handshakeMessage(side, record, code, body, protection);
        }
    }

    private void handshakeMessage(Side side, TlsRecord record, int code, byte[] body, Protection protection) {
        HandshakeType type = HandshakeType.of(code);
        HandshakeDetails details = null;
        String problem = null;
        try {
            details = switch (type) {
                case CLIENT_HELLO -> clientHello(side, HandshakeParser.clientHello(body));
                case SERVER_HELLO -> serverHello(side, HandshakeParser.serverHello(body));
                case CERTIFICATE -> HandshakeParser.certificates(body, isTls13());
                case CERTIFICATE_REQUEST -> HandshakeParser.certificateRequest(body, isTls13());
                case ENCRYPTED_EXTENSIONS -> HandshakeParser.encryptedExtensions(body);
                default -> null;
            };
        } catch (DecodeException e) {
            problem = type.curlName() + " message: " + e.getMessage();
        }
        emit(new TlsEvent.HandshakeMessage(side.direction, version(record), type, code, body.length,
                protection, details));
        if (problem != null) {
            emit(new TlsEvent.Malformed(side.direction, record.offset(), problem));
        }
        if (protection == Protection.DECRYPTED && isTls13() && type == HandshakeType.FINISHED) {
            side.enterEpoch(Epoch.APPLICATION);
        } else if (protection == Protection.DECRYPTED && isTls13() && type == HandshakeType.KEY_UPDATE) {
            keyUpdate(side, record);
        }
    }

    private ClientHello clientHello(Side side, ClientHello hello) {
        if (side == out) {
            clientRandom = hello.random();
            offeredVersion = hello.highestVersion();
        }
        return hello;
    }

    private ServerHello serverHello(Side side, ServerHello hello) {
        if (side == in) {
            negotiatedVersion = hello.version();
            cipherSuite = hello.cipherSuiteCode();
            serverRandom = HexFormat.of().parseHex(hello.random());
            if (hello.version().isTls13() && !hello.helloRetryRequest()) {
                out.enterEpoch(Epoch.HANDSHAKE);
                in.enterEpoch(Epoch.HANDSHAKE);
            }
        }
        return hello;
    }

    /** The sender switches to the next application traffic secret after its KeyUpdate (RFC 8446 §4.6.3). */
    private void keyUpdate(Side side, TlsRecord record) {
        try {
            Tls13Suite suite = Tls13Suite.of(cipherSuite);
            side.secret = TrafficKeys.nextSecret(suite, side.secret);
            side.keys = TrafficKeys.derive(suite, side.secret);
            side.sequence = 0;
        } catch (GeneralSecurityException | RuntimeException e) {
            side.opaqueReason = "the key update could not be followed";
            emit(new TlsEvent.Malformed(side.direction, record.offset(), side.opaqueReason + ": " + e));
        }
    }

    // ---- keys ---------------------------------------------------------------------------------------

    private boolean loadKeys(Side side) {
        byte[] secret = keyLog.secret(secretLabel(side), clientRandom);
        if (secret == null) {
            return false;
        }
        try {
            side.keys = TrafficKeys.derive(Tls13Suite.of(cipherSuite), secret);
            side.secret = secret;
            return true;
        } catch (GeneralSecurityException e) {
            side.opaqueReason = "keys could not be derived: " + e.getMessage();
            return false;
        }
    }

    private boolean loadTls12Keys(Side side) {
        byte[] masterSecret = keyLog.secret(KeyLog.CLIENT_RANDOM, clientRandom);
        if (masterSecret == null) {
            return false;
        }
        try {
            side.tls12Keys = Tls12Keys.derive(Tls12Keys.Suite.of(cipherSuite), masterSecret,
                    HexFormat.of().parseHex(clientRandom), serverRandom, side == out);
            return true;
        } catch (GeneralSecurityException e) {
            side.opaqueReason = "keys could not be derived: " + e.getMessage();
            return false;
        }
    }

    private static String secretLabel(Side side) {
        boolean client = side.direction == Direction.OUT;
        if (side.epoch == Epoch.HANDSHAKE) {
            return client ? KeyLog.CLIENT_HANDSHAKE : KeyLog.SERVER_HANDSHAKE;
        }
        return client ? KeyLog.CLIENT_TRAFFIC_0 : KeyLog.SERVER_TRAFFIC_0;
    }

    // ---- reporting ----------------------------------------------------------------------------------

    private boolean isTls13() {
        return negotiatedVersion != null && negotiatedVersion.isTls13();
    }

    /** The negotiated version, before that the highest offered, before that the record's. */
    private TlsVersion version(TlsRecord record) {
        if (negotiatedVersion != null) {
            return negotiatedVersion;
        }
        return offeredVersion != null ? offeredVersion : new TlsVersion(record.version());
    }

    /**
     * Counts a record that stays encrypted into the open run; a run covers consecutive records of one
     * direction with one reason, so runs keep the arrival order of everything else.
     */
    private void addToRun(Side side, TlsRecord record, String reason) {
        if (runRecords > 0 && (runSide != side || !runReason.equals(reason))) {
            flushRun();
        }
        runSide = side;
        runRecords++;
        runBytes += record.length();
        runReason = reason;
        runVersion = version(record);
    }

    private void flushRun() {
        if (runRecords > 0) {
            TlsEvent event = new TlsEvent.EncryptedRecords(runSide.direction, runVersion, runRecords, runBytes,
                    runReason);
            runRecords = 0;
            runBytes = 0;
            deliver(event);
        }
    }

    private void emit(TlsEvent event) {
        flushRun();
        deliver(event);
    }

    private void deliver(TlsEvent event) {
        if (stopped) {
            return;
        }
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // The listener is the caller's code on its event loop: stop rather than throw into it.
            stopped = true;
            held.clear();
        }
    }

    /** A bug of the tracer must not break the connection it watches: report it and stop this direction. */
    private void fail(Side side, RuntimeException e) {
        side.framer.stop();
        side.failed = true;
        emit(new TlsEvent.Malformed(side.direction, side.framer.recordStart(), "the tracer failed (" + e
                + "); the rest of this direction is not traced"));
    }

    private Side side(Direction direction) {
        return direction == Direction.OUT ? out : in;
    }

    private enum Epoch { NONE, HANDSHAKE, APPLICATION }

    /** A record, or an event of the framer, waiting for its turn. */
    private record Held(Side side, TlsRecord record, TlsEvent event) {
    }

    /** What the tracer knows about one direction. */
    private static final class Side {

        final Direction direction;

        final RecordFramer framer;
        long heldBytes;
        boolean failed;

        byte[] handshakeBuffer = new byte[256];
        int handshakeLength;
        int handshakeSkip;

        boolean changedCipherSpec;
        boolean finishedSeen;
        Epoch epoch = Epoch.NONE;
        byte[] secret;
        TrafficKeys keys;
        Tls12Keys tls12Keys;
        long sequence;
        String opaqueReason;
        boolean applicationDataSeen;

        Side(Direction direction, TlsWireTracer tracer) {
            this.direction = direction;
            this.framer = new RecordFramer(direction, new RecordFramer.Listener() {
                @Override
                public void onRecord(TlsRecord record) {
                    tracer.onRecord(Side.this, record);
                }

                @Override
                public void onEvent(TlsEvent event) {
                    tracer.onFramerEvent(Side.this, event);
                }
            });
        }

        void enterEpoch(Epoch next) {
            epoch = next;
            secret = null;
            keys = null;
            sequence = 0;
            // A handshake message never spans a key change (RFC 8446 §5.1).
            handshakeLength = 0;
        }

        void appendHandshake(byte[] content, int from) {
            int length = content.length - from;
            if (handshakeLength + length > handshakeBuffer.length) {
                handshakeBuffer = Arrays.copyOf(handshakeBuffer,
                        Math.max(handshakeLength + length, handshakeBuffer.length * 2));
            }
            System.arraycopy(content, from, handshakeBuffer, handshakeLength, length);
            handshakeLength += length;
        }

        void consumeHandshake(int length) {
            System.arraycopy(handshakeBuffer, length, handshakeBuffer, 0, handshakeLength - length);
            handshakeLength -= length;
        }
    }
}
