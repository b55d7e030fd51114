package dev.mtlskit.gateway.http;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.gateway.log.ProtocolLog;
import dev.mtlskit.reason.Causes;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;

/**
 * The last handler of an HTTP/2 connection: nothing reaches Netty's end of the pipeline, which
 * would print a stack trace. HTTP/2 errors were answered and logged by the codec ({@link Http2Codec});
 * a connection the client broke (I/O or TLS errors) is closed quietly (debug level); anything else is
 * one line and the connection closes.
 */
final class Http2ConnectionErrors extends ChannelInboundHandlerAdapter {

    private static final Logger DEBUG = LoggerFactory.getLogger(Http2ConnectionErrors.class);

    private final ProtocolLog log;

    Http2ConnectionErrors(ProtocolLog log) {
        this.log = log;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) != null) {
            // Answered by the codec (RST_STREAM, or GOAWAY and close) and logged there.
            return;
        }
        if (brokenConnection(cause)) {
            DEBUG.debug("HTTP/2 connection {} broken", ctx.channel().remoteAddress(), cause);
        } else {
            log.connectionFailed(ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    /** The client went away or its TLS records broke: nothing the operator can act on. */
    private static boolean brokenConnection(Throwable cause) {
        return Causes.has(cause, IOException.class);
    }
}
