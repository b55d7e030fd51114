package dev.mtlskit.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

/**
 * A client that sent its request and then ended its side of the connection (a TCP half-close,
 * {@code shutdown(SHUT_WR)}, or a TLS 1.3 close_notify) still gets its answer: client connections
 * allow half-closure, and this handler closes the connection only once nothing is left to answer.
 * HTTP/1.1: after the answers to the requests already received. HTTP/2 has its own half-close
 * (END_STREAM) and its clients must keep acknowledging SETTINGS and PINGs, so a FIN closes the
 * connection (through the HTTP/2 codec: GOAWAY first), as does one during the handshake.
 *
 * <p>A close_notify after which the TLS engine cannot write any more closes at once: TLS 1.2 asks
 * for that (RFC 5246 7.2.1), and netty-tcnative's BoringSSL engine answers every close_notify
 * with its own, TLS 1.3 too; the JDK engine keeps TLS 1.3's output open (RFC 8446 6.1).
 */
@ChannelHandler.Sharable
final class HalfClosure extends ChannelInboundHandlerAdapter {

    static final HalfClosure INSTANCE = new HalfClosure();
    /** Set on an HTTP/1.1 connection whose client will send nothing more. */
    private static final AttributeKey<Boolean> INPUT_ENDED = AttributeKey.valueOf("mtls.inputEnded");

    private HalfClosure() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            inputEnded(ctx.channel());
        } else if (event instanceof SslCloseCompletionEvent closed && closed.isSuccess()) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            if (ssl == null || !canWriteAfterCloseNotify(ssl.engine())) {
                ctx.channel().close();
            } else {
                inputEnded(ctx.channel());
            }
        }
        super.userEventTriggered(ctx, event);
    }

    /** Only the JDK engine in TLS 1.3 keeps writing after the peer's close_notify (unless told to acknowledge it). */
    private static boolean canWriteAfterCloseNotify(javax.net.ssl.SSLEngine engine) {
        return !(engine instanceof io.netty.handler.ssl.ReferenceCountedOpenSslEngine) && !engine.isOutboundDone()
                && "TLSv1.3".equals(engine.getSession().getProtocol());
    }

    private static void inputEnded(Channel connection) {
        if (connection.attr(ConnectionInitializer.HTTP2).get() != null) {
            connection.close(); // from the tail, through the HTTP/2 codec: GOAWAY, then close
            return;
        }
        if (connection.attr(ConnectionInitializer.OUTCOME).get() == null) {
            connection.close(); // still in the handshake
            return;
        }
        connection.attr(INPUT_ENDED).set(Boolean.TRUE);
        if (connection.attr(ListenerRuntime.IN_FLIGHT).get().get() == 0) {
            closeAfterWrites(connection);
        }
    }

    /** A request on {@code connection} was answered and none is left: closes it if its client sends no more. */
    static void lastAnswered(Channel connection) {
        if (Boolean.TRUE.equals(connection.attr(INPUT_ENDED).get())) {
            connection.eventLoop().execute(() -> closeAfterWrites(connection));
        }
    }

    /** Closes once what was written before has left (close() alone would drop a large answer's unsent rest). */
    private static void closeAfterWrites(Channel connection) {
        if (connection.isActive()) {
            connection.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
