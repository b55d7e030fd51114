package dev.mtlskit.gateway.http;

import dev.mtlskit.gateway.log.ProtocolLog;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * The last of a stream's handlers: an error on the stream (a malformed request, a header the
 * codec refused) is logged in one line and passed on to the stream channel, which resets the stream
 * with the error's own code (PROTOCOL_ERROR for a malformed request; INTERNAL_ERROR for anything
 * that is not an HTTP/2 error). The connection and its other streams go on.
 */
final class Http2StreamErrors extends ChannelInboundHandlerAdapter {

    private final ProtocolLog log;

    Http2StreamErrors(ProtocolLog log) {
        this.log = log;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
        int streamId = stream.stream().id();
        Http2Exception error = Http2CodecUtil.getEmbeddedHttp2Exception(cause);
        if (error == null) {
            error = Http2Exception.streamError(streamId, Http2Error.INTERNAL_ERROR, cause, "%s",
                    cause.getMessage() != null ? cause.getMessage() : "the gateway failed on this request");
            log.streamReset(stream.parent().remoteAddress(), streamId, error.error().name(), cause);
            ctx.fireExceptionCaught(error);
            return;
        }
        if (cause != error) {
            // Not the codec's own stream error (that one Http2Codec logged): the request's conversion or the handlers'.
            log.streamReset(stream.parent().remoteAddress(), streamId, error.error().name(), error);
        }
        // The stream channel resets the stream with the code of an HTTP/2 exception that reaches its end.
        ctx.fireExceptionCaught(cause);
    }
}
