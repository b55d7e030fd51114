package dev.mtlskit.gateway.http;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.util.ReferenceCountUtil;

/**
 * Cuts off an HTTP/2 client that sends more frames that carry no request than any real client
 * does: SETTINGS, PING, PRIORITY and frames of types the gateway does not know (PRIORITY_UPDATE,
 * GREASE...), together at most {@value #MAX_FRAMES} per {@value #WINDOW_SECONDS} s. Each costs the
 * gateway work (and SETTINGS and PING an answer) for nothing, so a flood of them is an attack
 * (CVE-2019-9512, -9515): the client gets GOAWAY ENHANCE_YOUR_CALM and the connection closes.
 *
 * <p>It sits between TLS and the HTTP/2 codec and only looks at frame headers (9 bytes each) as
 * they pass, never holding bytes back. Once the budget is spent (or the codec sends GOAWAY for any
 * other connection error), what the client sends is read and dropped, and the codec's close after
 * its GOAWAY becomes a lingering close (as nginx's): the
 * output is shut (the GOAWAY is followed by FIN, not lost to a reset because the client's flood
 * was still unread), and the connection closes {@value #GOAWAY_GRACE_SECONDS} s later at the latest. Browsers send a handful of such frames per page, gRPC
 * clients a PING every few seconds at most.
 */
final class Http2FrameBudget extends ChannelDuplexHandler {

    static final int MAX_FRAMES = 1_000;
    static final int WINDOW_SECONDS = 10;

    /** How long the GOAWAY may take to leave before the connection is closed anyway. */
    static final int GOAWAY_GRACE_SECONDS = 1;

    private static final int PREFACE_LENGTH = 24;
    private static final int FRAME_HEADER_LENGTH = 9;
    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int PUSH_PROMISE = 0x5;
    private static final int GOAWAY = 0x7;
    private static final int WINDOW_UPDATE = 0x8;
    private static final int CONTINUATION = 0x9;

    private final int maxFrames;
    private final long windowSeconds;
    /** Bytes of the client preface still to skip. */
    private int prefaceLeft = PREFACE_LENGTH;
    /** The frame header being read (it may arrive split over reads). */
    private final byte[] header = new byte[FRAME_HEADER_LENGTH];
    private int headerRead;
    /** Payload bytes of the current frame still to pass. */
    private long payloadLeft;
    private int counted;
    private long windowStart = System.nanoTime();
    private boolean goingAway;
    private ChannelHandlerContext ctx;

    Http2FrameBudget() {
        this(MAX_FRAMES, WINDOW_SECONDS);
    }

    Http2FrameBudget(int maxFrames, long windowSeconds) {
        this.maxFrames = maxFrames;
        this.windowSeconds = windowSeconds;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (goingAway) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof ByteBuf bytes && !scan(bytes)) {
            bytes.release();
            goingAway();
            // The codec answers a connection error with GOAWAY, logs it (Http2Codec) and closes the connection.
            ctx.fireExceptionCaught(Http2Exception.connectionError(Http2Error.ENHANCE_YOUR_CALM,
                    "more than %d SETTINGS, PING, PRIORITY or unknown frames within %d s", maxFrames, windowSeconds));
            return;
        }
        ctx.fireChannelRead(message);
    }

    /**
     * The codec sends GOAWAY for a connection error (this budget's or its own): from now on what the
     * client sends is dropped, and the close lingers (see above).
     */
    void goingAway() {
        if (goingAway) {
            return;
        }
        goingAway = true;
        // The codec closes once its GOAWAY is written; a client that does not read would keep it waiting.
        ctx.executor().schedule(() -> {
            ctx.close();
        }, GOAWAY_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (goingAway && ctx.channel() instanceof DuplexChannel duplex && !duplex.isOutputShutdown()) {
            // Closing with the flood unread would reset the connection, and the client could lose the GOAWAY.
            duplex.shutdownOutput();
            promise.trySuccess();
            return;
        }
        super.close(ctx, promise);
    }

    /** Walks the frame headers in {@code bytes} (without moving its reader index); false once over budget. */
    private boolean scan(ByteBuf bytes) {
        int index = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (index < end) {
            if (prefaceLeft > 0) {
                int skip = Math.min(prefaceLeft, end - index);
                prefaceLeft -= skip;
                index += skip;
            } else if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, end - index);
                payloadLeft -= skip;
                index += skip;
            } else {
                int copy = Math.min(FRAME_HEADER_LENGTH - headerRead, end - index);
                bytes.getBytes(index, header, headerRead, copy);
                headerRead += copy;
                index += copy;
                if (headerRead == FRAME_HEADER_LENGTH) {
                    headerRead = 0;
                    payloadLeft = (header[0] & 0xffL) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
                    if (costsWithoutRequest(header[3] & 0xff) && !spend()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean costsWithoutRequest(int type) {
        return switch (type) {
            case DATA, HEADERS, RST_STREAM, PUSH_PROMISE, GOAWAY, WINDOW_UPDATE, CONTINUATION -> false;
            default -> true; // SETTINGS, PING, PRIORITY and every type the gateway ignores
        };
    }

    private boolean spend() {
        long now = System.nanoTime();
        if (now - windowStart > TimeUnit.SECONDS.toNanos(windowSeconds)) {
            windowStart = now;
            counted = 0;
        }
        return ++counted <= maxFrames;
    }
}
