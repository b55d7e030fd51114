package dev.mtlskit.gateway.hardening;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * An HTTP/2 client that writes exactly the frames a test gives it (malformed ones included) over
 * TLS (ALPN h2) with a client certificate, and reads the gateway's frames back on a thread of its
 * own, decoding enough to assert on: HEADERS (HPACK-decoded), DATA, RST_STREAM and GOAWAY error
 * codes. It answers the gateway's SETTINGS with an ACK and counts PING ACKs instead of keeping them.
 *
 * <p>Header blocks are HPACK-encoded by hand as literals without indexing, exactly in the order and
 * spelling given (uppercase names, a pseudo-header after a regular one, no {@code :method}...), which
 * a real encoder would refuse to produce.
 *
 * <pre>{@code
 * try (RawHttp2Client client = RawHttp2Client.connect(RawTls.context(pki, pki.acme), gateway.port())) {
 *     int stream = client.request("GET", "/hello");
 *     RawHttp2Client.Response response = client.awaitResponse(stream);
 *     assertThat(response.status()).isEqualTo(200);
 * }
 * }</pre>
 */
public final class RawHttp2Client implements AutoCloseable {

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int PRIORITY = 0x2;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;

    public static final int END_STREAM = 0x1;
    public static final int ACK = 0x1;
    public static final int END_HEADERS = 0x4;
    public static final int PADDED = 0x8;
    public static final int PRIORITY_FLAG = 0x20;

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_FRAME = 16_384;
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A frame as read; {@code headers} is the decoded block of a HEADERS frame (with its CONTINUATIONs). */
    public record Frame(int type, int flags, int streamId, byte[] payload, Http2Headers headers) {

        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        /** The error code of a RST_STREAM or GOAWAY frame. */
        public Http2Error error() {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            long code = Integer.toUnsignedLong(buffer.getInt(type == GOAWAY ? 4 : 0));
            return Http2Error.valueOf(code);
        }
    }

    /** What came back on one stream: the response headers and body, or the reset that ended it. */
    public record Response(int streamId, Http2Headers headers, String body, Http2Error reset) {

        /** The :status, or 0 when the stream was reset before any HEADERS. */
        public int status() {
            return headers == null || headers.status() == null ? 0 : Integer.parseInt(headers.status().toString());
        }

        public String header(String name) {
            CharSequence value = headers == null ? null : headers.get(name);
            return value == null ? null : value.toString();
        }
    }

    /** A GOAWAY from the gateway. */
    public record GoAway(int lastStreamId, Http2Error error, String debugData) {
    }

    private final SSLSocket socket;
    private final OutputStream out;
    private final java.util.concurrent.locks.ReentrantLock output = new java.util.concurrent.locks.ReentrantLock();
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    /** Frames taken from {@link #received} but not yet claimed by an await (another stream's). */
    private final List<Frame> seen = new ArrayList<>();
    private final AtomicInteger pingAcks = new AtomicInteger();
    private final DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(false, 1 << 20);
    private final Thread reader;
    private volatile boolean closed;
    /** How reading ended: end of stream, or the exception. */
    private volatile String end = "end of stream";
    private int nextStreamId = 1;

    private static final Frame CLOSED = new Frame(-1, 0, 0, new byte[0], null);

    private RawHttp2Client(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        // The preface goes first: the reader answers the gateway's SETTINGS, which must not come before it.
        ByteBuffer settings = ByteBuffer.allocate(6).putShort((short) 0x4).putInt(1 << 30);
        write(concat(PREFACE, frame(SETTINGS, 0, 0, settings.array()),
                frame(WINDOW_UPDATE, 0, 0, ByteBuffer.allocate(4).putInt((1 << 30) - 65_535).array())));
        reader = new Thread(this::read, "raw-h2-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects with ALPN h2 and sends the preface, a SETTINGS frame with a large initial window and
     * a connection WINDOW_UPDATE to match (so that bodies flow without further window updates).
     */
    public static RawHttp2Client connect(SSLContext context, int port) throws IOException {
        return new RawHttp2Client(RawTls.connect(context, port, "h2", 0));
    }

    // ---- writing ----------------------------------------------------------------------------

    /** The bytes of one frame. */
    public static byte[] frame(int type, int flags, int streamId, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
        frame.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        frame.put((byte) type).put((byte) flags).putInt(streamId & 0x7fffffff).put(payload);
        return frame.array();
    }

    public static byte[] pingFrame(long data) {
        return frame(PING, 0, 0, ByteBuffer.allocate(8).putLong(data).array());
    }

    /** An empty SETTINGS frame (changes nothing; the gateway must ACK each). */
    public static byte[] settingsFrame() {
        return frame(SETTINGS, 0, 0, new byte[0]);
    }

    /** A PRIORITY frame for {@code streamId}, depending on stream {@code dependency}. */
    public static byte[] priorityFrame(int streamId, int dependency, int weight) {
        return frame(PRIORITY, 0, streamId, ByteBuffer.allocate(5).putInt(dependency).put((byte) (weight - 1)).array());
    }

    /** An HPACK header block of literals without indexing, in the given order and spelling. */
    public static byte[] headerBlock(List<Map.Entry<String, String>> fields) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields) {
            block.write(0x00);
            string(block, field.getKey());
            string(block, field.getValue());
        }
        return block.toByteArray();
    }

    /** The request pseudo-headers of a GET to {@code path}, in order, then {@code extra}. */
    public static List<Map.Entry<String, String>> requestFields(String method, String path,
                                                                 List<Map.Entry<String, String>> extra) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(Map.entry(":method", method),
                Map.entry(":scheme", "https"), Map.entry(":authority", "localhost"), Map.entry(":path", path)));
        fields.addAll(extra);
        return fields;
    }

    /** A new client stream id (1, 3, 5...). */
    public synchronized int newStreamId() {
        int id = nextStreamId;
        nextStreamId += 2;
        return id;
    }

    /** Sends a request without a body on a new stream; returns the stream id. */
    public int request(String method, String path) throws IOException {
        int stream = newStreamId();
        headers(stream, requestFields(method, path, List.of()), true);
        return stream;
    }

    /** Sends a header block on {@code streamId}, split into HEADERS and CONTINUATION frames as needed. */
    public void headers(int streamId, List<Map.Entry<String, String>> fields, boolean endStream) throws IOException {
        byte[] block = headerBlock(fields);
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        int offset = 0;
        do {
            int length = Math.min(MAX_FRAME, block.length - offset);
            boolean last = offset + length == block.length;
            byte[] piece = java.util.Arrays.copyOfRange(block, offset, offset + length);
            int flags = (last ? END_HEADERS : 0) | (offset == 0 && endStream ? END_STREAM : 0);
            frames.writeBytes(frame(offset == 0 ? HEADERS : CONTINUATION, flags, streamId, piece));
            offset += length;
        } while (offset < block.length);
        write(frames.toByteArray());
    }

    public void data(int streamId, byte[] data, boolean endStream) throws IOException {
        write(frame(DATA, endStream ? END_STREAM : 0, streamId, data));
    }

    /** Writes bytes as they are (one or more frames, or anything else). */
    public void write(byte[] bytes) throws IOException {
        output.lock();
        try {
            out.write(bytes);
            out.flush();
        } finally {
            output.unlock();
        }
    }

    /**
     * Writes {@code frame} {@code count} times, in batches, until all are written or the gateway
     * closes the connection; returns how many were written (at most {@code count}).
     */
    public long flood(byte[] frame, long count) {
        int batch = (int) Math.min(1_000, count);
        byte[] frames = new byte[frame.length * batch];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(frame, 0, frames, i * frame.length, frame.length);
        }
        long written = 0;
        try {
            while (written < count) {
                int n = (int) Math.min(batch, count - written);
                output.lock();
                try {
                    out.write(frames, 0, n * frame.length);
                    out.flush();
                } finally {
                    output.unlock();
                }
                written += n;
            }
        } catch (IOException closedByGateway) {
            // the gateway cut the connection off: that is what a flood test wants to see
        }
        return written;
    }

    // ---- reading ----------------------------------------------------------------------------

    /** How many PING ACKs the gateway sent so far. */
    public int pingAcks() {
        return pingAcks.get();
    }

    /** The response on {@code streamId}: up to END_STREAM or RST_STREAM; fails if the connection ends first. */
    public Response awaitResponse(int streamId) throws IOException, InterruptedException {
        Http2Headers headers = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            Frame frame = next(f -> f.streamId() == streamId && (f.type() == HEADERS || f.type() == DATA
                    || f.type() == RST_STREAM), "the end of stream " + streamId);
            if (frame.type() == RST_STREAM) {
                return new Response(streamId, headers, body.toString(StandardCharsets.UTF_8), frame.error());
            }
            if (frame.type() == HEADERS) {
                if (headers == null || headers.status() != null && headers.status().charAt(0) == '1') {
                    headers = frame.headers();
                }
            } else {
                body.writeBytes(frame.payload());
            }
            if (frame.has(END_STREAM)) {
                return new Response(streamId, headers, body.toString(StandardCharsets.UTF_8), null);
            }
        }
    }

    /** The gateway's GOAWAY; fails if the connection ends (or 10 s pass) without one. */
    public GoAway awaitGoAway() throws IOException, InterruptedException {
        Frame frame = next(f -> f.type() == GOAWAY, "a GOAWAY");
        ByteBuffer payload = ByteBuffer.wrap(frame.payload());
        return new GoAway(payload.getInt(0) & 0x7fffffff, frame.error(),
                new String(frame.payload(), 8, frame.payload().length - 8, StandardCharsets.UTF_8));
    }

    /**
     * The gateway's GOAWAY, or empty if the connection was reset before it could be read: a client
     * still sending when the gateway closes may get a TCP reset, which can overtake the GOAWAY (the
     * gateway shuts its side first, which makes that rare). Fails if the connection ended cleanly
     * without a GOAWAY, or nothing came within 10 s.
     */
    public java.util.Optional<GoAway> awaitGoAwayUnlessReset() throws IOException, InterruptedException {
        try {
            return java.util.Optional.of(awaitGoAway());
        } catch (EOFException ended) {
            if (closed && !end.equals("end of stream")) {
                return java.util.Optional.empty();
            }
            throw ended;
        }
    }

    /** Whether the gateway closes the connection within 10 s. */
    public boolean awaitClosed() throws InterruptedException {
        reader.join(WAIT.toMillis());
        return closed;
    }

    /** Every frame read so far that no await claimed (e.g. to check that nothing came on a stream). */
    public synchronized List<Frame> unclaimedFrames() {
        received.drainTo(seen);
        return seen.stream().filter(f -> f != CLOSED).toList();
    }

    private Frame next(java.util.function.Predicate<Frame> wanted, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (this) {
            for (int i = 0; i < seen.size(); i++) {
                if (seen.get(i) != CLOSED && wanted.test(seen.get(i))) {
                    return seen.remove(i);
                }
            }
        }
        while (true) {
            Frame frame = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null || frame == CLOSED) {
                List<Frame> others = unclaimedFrames();
                if (frame == CLOSED) {
                    synchronized (this) {
                        seen.add(CLOSED);
                    }
                }
                throw new EOFException((frame == null ? "nothing within " + WAIT.toSeconds() + " s"
                        : "the connection closed (" + end + ")")
                        + " while waiting for " + what + "; other frames: " + others.stream().map(RawHttp2Client::describe).toList());
            }
            if (wanted.test(frame)) {
                return frame;
            }
            synchronized (this) {
                seen.add(frame);
            }
        }
    }

    /** e.g. {@code RST_STREAM(3) PROTOCOL_ERROR}, for failure messages. */
    public static String describe(Frame frame) {
        String[] names = {"DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS", "PUSH_PROMISE", "PING", "GOAWAY",
                "WINDOW_UPDATE", "CONTINUATION"};
        String name = frame.type() >= 0 && frame.type() < names.length ? names[frame.type()] : "type " + frame.type();
        String detail = frame.type() == RST_STREAM || frame.type() == GOAWAY ? " " + frame.error()
                : frame.headers() != null ? " " + frame.headers() : "";
        return name + "(" + frame.streamId() + ")" + detail;
    }

    private void read() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream block = null;
            int blockStream = 0;
            int blockFlags = 0;
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int streamId = in.readInt() & 0x7fffffff;
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    break;
                }
                if (type == SETTINGS && (flags & ACK) == 0 && output.tryLock()) {
                    // Never wait for the writer: a test flooding a gateway that stopped reading holds it.
                    try {
                        out.write(frame(SETTINGS, ACK, 0, new byte[0]));
                        out.flush();
                    } catch (IOException closing) {
                        // the gateway is closing the connection: what it sent before is still to be read
                    } finally {
                        output.unlock();
                    }
                } else if (type == PING && (flags & ACK) != 0) {
                    pingAcks.incrementAndGet();
                    continue;
                }
                if (type == HEADERS) {
                    block = new ByteArrayOutputStream();
                    blockStream = streamId;
                    blockFlags = flags;
                    block.writeBytes(headerFragment(payload, flags));
                } else if (type == CONTINUATION && block != null) {
                    block.writeBytes(payload);
                    blockFlags |= flags & END_HEADERS;
                } else {
                    received.add(new Frame(type, flags, streamId, payload, null));
                }
                if (block != null && (blockFlags & END_HEADERS) != 0) {
                    Http2Headers headers = hpack.decodeHeaders(blockStream, Unpooled.wrappedBuffer(block.toByteArray()));
                    received.add(new Frame(HEADERS, blockFlags, blockStream, block.toByteArray(), headers));
                    block = null;
                }
            }
        } catch (IOException | Http2Exception endOrBroken) {
            // the connection ended (or the gateway sent what could not be decoded): the awaits report it
            end = endOrBroken.toString();
        } finally {
            closed = true;
            received.add(CLOSED);
        }
    }

    private static byte[] headerFragment(byte[] payload, int flags) {
        int start = 0;
        int end = payload.length;
        if ((flags & PADDED) != 0) {
            end -= payload[0] & 0xff;
            start = 1;
        }
        if ((flags & PRIORITY_FLAG) != 0) {
            start += 5;
        }
        return java.util.Arrays.copyOfRange(payload, start, end);
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        integer(out, bytes.length, 7, 0x00);
        out.writeBytes(bytes);
    }

    /** An HPACK integer with an {@code prefixBits}-bit prefix (RFC 7541, 5.1). */
    private static void integer(ByteArrayOutputStream out, int value, int prefixBits, int firstByteFlags) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(firstByteFlags | value);
            return;
        }
        out.write(firstByteFlags | max);
        value -= max;
        while (value >= 128) {
            out.write(value % 128 + 128);
            value /= 128;
        }
        out.write(value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
