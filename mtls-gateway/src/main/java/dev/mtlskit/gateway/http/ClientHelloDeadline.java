package dev.mtlskit.gateway.http;

import java.util.concurrent.TimeUnit;

import dev.mtlskit.gateway.log.Cutoff;
import dev.mtlskit.gateway.log.RejectionLog;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslClientHelloHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Closes a connection whose ClientHello has not arrived whole within {@code timeouts.client_hello}
 * of the accept, so that a client sending nothing, or half a record, holds a connection slot for a
 * few seconds, not the whole handshake timeout. Netty's {@link SslClientHelloHandler} reassembles
 * the ClientHello (as for SNI); once it is whole, this handler steps aside and the bytes go on to
 * the {@code SslHandler} unchanged. Not TLS at all: it steps aside too, and the TLS handler fails
 * the handshake (logged as such).
 */
final class ClientHelloDeadline extends SslClientHelloHandler<Void> {

    /** Larger than any ClientHello a real client sends (with post-quantum key shares, about 2 KB). */
    private static final int MAX_CLIENT_HELLO = 64 * 1024;

    /** Set when the client's first bytes were an HTTP request line, not TLS (the engines only say "not TLS"). */
    static final AttributeKey<Boolean> PLAIN_HTTP = AttributeKey.valueOf("mtls.plainHttp");
    /** Set when the client sent anything at all: a connection closed without a byte is a probe, not a failed handshake. */
    static final AttributeKey<Boolean> SPOKE = AttributeKey.valueOf("mtls.spoke");
    /** Set when the connection was closed because no whole ClientHello came in time. */
    static final AttributeKey<Boolean> CUT_OFF = AttributeKey.valueOf("mtls.clientHelloCutOff");

    /** What a client that spoke plain HTTP to the TLS port reads. */
    static final String PLAIN_HTTP_TEXT = "This port speaks HTTPS with client certificates (mutual TLS): call https:// "
            + "instead of http://, with your client certificate (curl: --cert and --key)\n";
    private static final byte[] PLAIN_HTTP_ANSWER = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: " + PLAIN_HTTP_TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + "\r\nConnection: close\r\n\r\n" + PLAIN_HTTP_TEXT).getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final ListenerRuntime listener;
    private ScheduledFuture<?> deadline;
    private boolean firstRead = true;

    ClientHelloDeadline(ListenerRuntime listener) {
        super(MAX_CLIENT_HELLO);
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        long millis = listener.config().timeouts().clientHello().toMillis();
        deadline = ctx.executor().schedule(() -> timedOut(ctx), millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        if (message instanceof ByteBuf bytes && bytes.isReadable()) {
            ctx.channel().attr(SPOKE).set(Boolean.TRUE);
        }
        if (firstRead && message instanceof ByteBuf bytes && bytes.readableBytes() >= 4) {
            firstRead = false;
            if (isHttpMethod(bytes, bytes.readerIndex())) {
                // As nginx does: an answer the caller can read, instead of bytes it cannot. The TLS handler then
                // sees the connection close and the rejection log names the plain-HTTP client.
                ctx.channel().attr(PLAIN_HTTP).set(Boolean.TRUE);
                bytes.release();
                ctx.writeAndFlush(Unpooled.wrappedBuffer(PLAIN_HTTP_ANSWER)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        super.channelRead(ctx, message);
    }

    /** Four upper-case letters, or three and a space: GET, POST, HEAD, PUT, DELETE, OPTIONS, PRI (HTTP/2)... */
    private static boolean isHttpMethod(ByteBuf bytes, int at) {
        for (int i = 0; i < 4; i++) {
            byte b = bytes.getByte(at + i);
            if (!(b >= 'A' && b <= 'Z') && !(i == 3 && b == ' ')) {
                return false;
            }
        }
        return true;
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.channel().attr(CUT_OFF).set(Boolean.TRUE);
        listener.rejections().timedOut(ctx.channel().remoteAddress(), Cutoff.CLIENT_HELLO, "no complete TLS ClientHello "
                + "arrived within " + RejectionLog.duration(listener.config().timeouts().clientHello())
                + " (timeouts.client_hello); closed");
        ctx.close();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        if (deadline != null) {
            deadline.cancel(false);
        }
        super.handlerRemoved0(ctx);
    }

    @Override
    protected Future<Void> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) {
        return ctx.executor().newSucceededFuture(null);
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, Future<Void> future) {
        ctx.pipeline().remove(this);
    }
}
