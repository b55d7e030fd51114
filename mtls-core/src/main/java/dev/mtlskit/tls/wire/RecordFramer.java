package dev.mtlskit.tls.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Cuts one direction's byte stream into TLS records, whatever the chunks, and notices a peer that
 * does not speak TLS at all. Keeps at most one record's bytes.
 */
final class RecordFramer {

    /** The largest record TLS allows: 2^14 bytes of plaintext plus expansion (RFC 5246 §6.2.3). */
    static final int MAX_RECORD = (1 << 14) + 2048;
    /** How much of a non-TLS answer is shown: its first line, up to this many bytes. */
    static final int PREVIEW_BYTES = 64;

    /** Where the framer's output goes. */
    interface Listener {
        void onRecord(TlsRecord record);

        /** A {@code NotTls} or {@code Malformed} event; nothing more comes from this direction after it. */
        void onEvent(TlsEvent event);
    }

    private enum State { START, RECORDS, NOT_TLS, STOPPED }

    private final Direction direction;
    private final Listener listener;
    private State state = State.START;
    private final byte[] header = new byte[5];
    private int headerFill;
    private byte[] fragment;
    private int fragmentFill;
    private long offset;
    private long recordStart;
    private int records;
    private final ByteArrayOutputStream notTls = new ByteArrayOutputStream();
    private boolean notTlsReported;

    RecordFramer(Direction direction, Listener listener) {
        this.direction = direction;
        this.listener = listener;
    }

    /** Reads the buffer from its position to its limit, moving the position. */
    void feed(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            switch (state) {
                case STOPPED -> {
                    return;
                }
                case NOT_TLS -> collectNotTls(bytes);
                default -> {
                    if (fragment == null) {
                        readHeaderByte(bytes.get());
                    } else {
                        int n = Math.min(bytes.remaining(), fragment.length - fragmentFill);
                        bytes.get(fragment, fragmentFill, n);
                        fragmentFill += n;
                        offset += n;
                        if (fragmentFill == fragment.length) {
                            completeRecord();
                        }
                    }
                }
            }
        }
    }

    /** The stream ended: reports a non-TLS answer not reported yet, or a record cut short. */
    void close() {
        if (state == State.NOT_TLS && !notTlsReported) {
            reportNotTls();
        } else if ((state == State.START || state == State.RECORDS) && headerFill > 0) {
            String progress = fragment == null ? headerFill + " of 5 header bytes"
                    : fragmentFill + " of " + fragment.length + " bytes";
            listener.onEvent(new TlsEvent.Malformed(direction, recordStart,
                    "the connection closed in the middle of a record (" + progress + ")"));
        }
        state = State.STOPPED;
    }

    /** Ignores the rest of the stream. */
    void stop() {
        state = State.STOPPED;
    }

    boolean stopped() {
        return state == State.STOPPED;
    }

    /** Where the current (or last) record started. */
    long recordStart() {
        return recordStart;
    }

    private void readHeaderByte(byte value) {
        if (headerFill == 0) {
            recordStart = offset;
        }
        header[headerFill++] = value;
        offset++;
        String problem = headerProblem();
        if (problem != null) {
            if (state == State.START) {
                state = State.NOT_TLS;
                notTls.write(header, 0, headerFill);
                if (value == '\n') {
                    reportNotTls();
                }
            } else {
                state = State.STOPPED;
                listener.onEvent(new TlsEvent.Malformed(direction, recordStart,
                        problem + "; the rest of this direction is not traced"));
            }
            return;
        }
        if (headerFill == 5) {
            state = State.RECORDS;
            fragment = new byte[(header[3] & 0xff) << 8 | header[4] & 0xff];
            fragmentFill = 0;
            if (fragment.length == 0) {
                completeRecord();
            }
        }
    }

    /** What is wrong with the header bytes so far, or null. */
    private String headerProblem() {
        int type = header[0] & 0xff;
        // A first record of another type would be odd enough to call the peer not TLS.
        int lastType = state == State.START ? TlsRecord.APPLICATION_DATA : TlsRecord.HEARTBEAT;
        if (type < TlsRecord.CHANGE_CIPHER_SPEC || type > lastType) {
            return "record " + records + " has content type " + type + ", which TLS does not have";
        }
        if (headerFill >= 2 && header[1] != 3 || headerFill >= 3 && (header[2] & 0xff) > 4) {
            return "record " + records + " has version " + String.format("0x%02x%02x", header[1],
                    headerFill >= 3 ? header[2] : 0) + ", which TLS does not have";
        }
        if (headerFill == 5) {
            int length = (header[3] & 0xff) << 8 | header[4] & 0xff;
            if (length > MAX_RECORD) {
                return "record " + records + " is " + length + " bytes long, more than TLS allows (" + MAX_RECORD + ")";
            }
        }
        return null;
    }

    private void completeRecord() {
        TlsRecord record = new TlsRecord(header[0] & 0xff, (header[1] & 0xff) << 8 | header[2] & 0xff,
                header.clone(), fragment, recordStart);
        records++;
        headerFill = 0;
        fragment = null;
        listener.onRecord(record);
    }

    private void collectNotTls(ByteBuffer bytes) {
        if (notTlsReported) {
            bytes.position(bytes.limit());
            return;
        }
        byte value = bytes.get();
        offset++;
        notTls.write(value);
        if (value == '\n' || notTls.size() >= PREVIEW_BYTES) {
            reportNotTls();
        }
    }

    private void reportNotTls() {
        notTlsReported = true;
        byte[] bytes = notTls.toByteArray();
        StringBuilder preview = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            preview.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        int end = preview.length();
        while (end > 0 && (bytes[end - 1] == '\r' || bytes[end - 1] == '\n')) {
            end--;
        }
        listener.onEvent(new TlsEvent.NotTls(direction, preview.substring(0, end), HandshakeParser.hex(bytes)));
    }
}
