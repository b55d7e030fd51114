package dev.mtlskit.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to the command's captured text output, decoded as UTF-8 across chunk boundaries, so that a
 * response body lands on the same writer as the rest of the output (and in tests' captured output).
 */
final class WriterOutputStream extends OutputStream {

    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int take = Math.min(pending.remaining(), end - position);
            pending.put(bytes, position, take);
            position += take;
            drain(false);
        }
    }

    private void drain(boolean endOfInput) {
        pending.flip();
        while (true) {
            var result = decoder.decode(pending, chars, endOfInput);
            chars.flip();
            writer.append(chars);
            chars.clear();
            if (!result.isOverflow()) {
                break;
            }
        }
        pending.compact();
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        drain(true);
        decoder.flush(chars);
        chars.flip();
        writer.append(chars);
        writer.flush();
    }
}
