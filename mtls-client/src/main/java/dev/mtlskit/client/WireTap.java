package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import dev.mtlskit.tls.wire.Direction;
import dev.mtlskit.tls.wire.TlsWireTracer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Shows the tracer every byte between the socket and TLS, both ways, without changing them: it sits
 * below the {@code SslHandler}, so it sees records exactly as they cross the wire.
 */
final class WireTap extends ChannelDuplexHandler {

    private final TlsWireTracer tracer;

    WireTap(TlsWireTracer tracer) {
        this.tracer = requireNonNull(tracer, "tracer");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof ByteBuf bytes && bytes.isReadable()) {
            tracer.onBytes(Direction.IN, bytes.nioBuffer());
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof ByteBuf bytes && bytes.isReadable()) {
            tracer.onBytes(Direction.OUT, bytes.nioBuffer());
        }
        ctx.write(message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        tracer.onClose();
        ctx.fireChannelInactive();
    }
}
