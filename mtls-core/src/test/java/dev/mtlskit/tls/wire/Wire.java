package dev.mtlskit.tls.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Bytes recorded from a connection, and the ways tests feed them to a tracer. */
final class Wire {

    /** Bytes as they went over the wire in one direction, in the order recorded. */
    record Chunk(Direction direction, byte[] bytes) {
    }

    private Wire() {
    }

    /** Key log first, then every chunk as recorded, then close. */
    static List<TlsEvent> trace(List<Chunk> chunks, List<String> keyLog) {
        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        keyLog.forEach(tracer::onKeyLogLine);
        chunks.forEach(chunk -> tracer.onBytes(chunk.direction(), ByteBuffer.wrap(chunk.bytes())));
        tracer.onClose();
        return recording.events();
    }

    /** Every chunk first, the key log after it (as when the tap is ahead of the key log callback). */
    static List<TlsEvent> traceKeyLogLast(List<Chunk> chunks, List<String> keyLog) {
        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        chunks.forEach(chunk -> tracer.onBytes(chunk.direction(), ByteBuffer.wrap(chunk.bytes())));
        keyLog.forEach(tracer::onKeyLogLine);
        tracer.onClose();
        return recording.events();
    }

    /** One byte per call, from a buffer whose position must not move. */
    static List<TlsEvent> traceByteByByte(List<Chunk> chunks, List<String> keyLog) {
        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        keyLog.forEach(tracer::onKeyLogLine);
        for (Chunk chunk : chunks) {
            for (int i = 0; i < chunk.bytes().length; i++) {
                ByteBuffer one = ByteBuffer.wrap(chunk.bytes(), i, 1);
                tracer.onBytes(chunk.direction(), one);
                if (one.position() != i || one.remaining() != 1) {
                    throw new AssertionError("onBytes moved the buffer's position");
                }
            }
        }
        tracer.onClose();
        return recording.events();
    }

    /** Chunks of one direction joined and cut again at random points, fed from direct buffers. */
    static List<TlsEvent> traceRandomChunks(List<Chunk> chunks, List<String> keyLog, long seed) {
        Random random = new Random(seed);
        TlsWireRecording recording = new TlsWireRecording();
        TlsWireTracer tracer = new TlsWireTracer(recording);
        keyLog.forEach(tracer::onKeyLogLine);
        for (Chunk chunk : joined(chunks)) {
            byte[] bytes = chunk.bytes();
            int from = 0;
            while (from < bytes.length) {
                int length = Math.min(bytes.length - from, 1 + random.nextInt(random.nextBoolean() ? 7 : 3000));
                ByteBuffer piece = ByteBuffer.allocateDirect(length + 10);
                piece.position(5);
                piece.put(bytes, from, length);
                piece.flip().position(5);
                tracer.onBytes(chunk.direction(), piece);
                from += length;
            }
        }
        tracer.onClose();
        return recording.events();
    }

    /** Adjacent chunks of the same direction joined into one. */
    static List<Chunk> joined(List<Chunk> chunks) {
        List<Chunk> joined = new ArrayList<>();
        for (Chunk chunk : chunks) {
            Chunk last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && last.direction() == chunk.direction()) {
                byte[] both = Arrays.copyOf(last.bytes(), last.bytes().length + chunk.bytes().length);
                System.arraycopy(chunk.bytes(), 0, both, last.bytes().length, chunk.bytes().length);
                joined.set(joined.size() - 1, new Chunk(chunk.direction(), both));
            } else {
                joined.add(chunk);
            }
        }
        return joined;
    }

    static List<String> curlLines(List<TlsEvent> events) {
        return events.stream().map(CurlStyle::line).toList();
    }
}
