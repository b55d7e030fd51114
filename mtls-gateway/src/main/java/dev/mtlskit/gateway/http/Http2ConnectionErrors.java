package dev.mtlskit.gateway.http;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.gateway.log.ProtocolLog;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;

/**
 * The last handler of an HTTP/2 connection: what the codec reports after it sent GOAWAY (a
 * connection error) becomes one line in people's words; a connection the client broke is closed
 * quietly (debug level); nothing reaches Netty's end of the pipeline, which would print a stack
 * trace.
 */
final class Http2ConnectionErrors extends ChannelInboundHandlerAdapter {

    private static final Logger DEBUG = LoggerFactory.getLogger(Http2ConnectionErrors.class);

    private final ProtocolLog log;

    Http2ConnectionErrors(ProtocolLog log) {
        this.log = log;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Http2Exception error = Http2CodecUtil.getEmbeddedHttp2Exception(cause);
        if (error instanceof Http2Exception.StreamException) {
            // A stream's error, already answered with RST_STREAM: the connection goes on.
            log.streamReset(ctx.channel().remoteAddress(), ((Http2Exception.StreamException) error).streamId(),
                    error.error().name(), error);
            return;
        }
        if (error != null) {
            // The codec sends GOAWAY and closes the connection once this returns.
            if (error.error() == Http2Error.ENHANCE_YOUR_CALM) {
                log.flood(ctx.channel().remoteAddress(), error.getMessage());
            } else {
                log.connectionClosed(ctx.channel().remoteAddress(), error.error().name(), error);
            }
            return;
        }
        if (cause instanceof IOException) {
            DEBUG.debug("HTTP/2 connection {} broken", ctx.channel().remoteAddress(), cause);
        } else {
            log.connectionClosed(ctx.channel().remoteAddress(), Http2Error.INTERNAL_ERROR.name(), cause);
        }
        ctx.close();
    }
}
