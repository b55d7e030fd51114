package dev.mtlskit.tls.wire;

import java.util.Arrays;

/** A bounds-checked cursor over TLS presentation-language structures (RFC 8446 §3). */
final class WireReader {

    private final byte[] data;
    private final int end;
    private int position;

    WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    private WireReader(byte[] data, int from, int to) {
        this.data = data;
        this.position = from;
        this.end = to;
    }

    int u8() throws DecodeException {
        need(1);
        return data[position++] & 0xff;
    }

    int u16() throws DecodeException {
        need(2);
        int value = (data[position] & 0xff) << 8 | data[position + 1] & 0xff;
        position += 2;
        return value;
    }

    int u24() throws DecodeException {
        need(3);
        int value = (data[position] & 0xff) << 16 | (data[position + 1] & 0xff) << 8 | data[position + 2] & 0xff;
        position += 3;
        return value;
    }

    byte[] bytes(int length) throws DecodeException {
        need(length);
        byte[] copy = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return copy;
    }

    /** A vector with a one-byte length prefix, as a reader of its own. */
    WireReader vector8() throws DecodeException {
        return sub(u8());
    }

    WireReader vector16() throws DecodeException {
        return sub(u16());
    }

    WireReader vector24() throws DecodeException {
        return sub(u24());
    }

    boolean hasRemaining() {
        return position < end;
    }

    int remaining() {
        return end - position;
    }

    /** Everything left, as bytes. */
    byte[] rest() {
        byte[] copy = Arrays.copyOfRange(data, position, end);
        position = end;
        return copy;
    }

    private WireReader sub(int length) throws DecodeException {
        need(length);
        WireReader sub = new WireReader(data, position, position + length);
        position += length;
        return sub;
    }

    private void need(int length) throws DecodeException {
        if (length > end - position) {
            throw new DecodeException("truncated at byte " + position + ": " + length + " bytes needed, "
                    + (end - position) + " left");
        }
    }
}
