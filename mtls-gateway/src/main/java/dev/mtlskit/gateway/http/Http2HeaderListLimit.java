package dev.mtlskit.gateway.http;

import java.util.Map;

import dev.mtlskit.gateway.ProblemCode;
import dev.mtlskit.gateway.Problems;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http2.Http2HeadersFrame;

/**
 * The first of a stream's handlers: a request whose header list (RFC 9113 size: each name and
 * value plus 32) exceeds {@code limits.max_header_size} goes on as a request that failed to
 * decode as too long, which {@link RequestHandler} answers with 431 problem+json on the stream,
 * as over HTTP/1.1. The codec accepts header lists up to {@link Http2Codec#HARD_CAP_FACTOR} times
 * the limit so that this answer is possible; the connection is unaffected.
 */
final class Http2HeaderListLimit extends ChannelInboundHandlerAdapter {

    private final long limit;
    private boolean first = true;

    Http2HeaderListLimit(long limit) {
        this.limit = limit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (first && message instanceof Http2HeadersFrame headers) {
            first = false;
            long size = 0;
            for (Map.Entry<CharSequence, CharSequence> header : headers.headers()) {
                size += header.getKey().length() + header.getValue().length() + 32;
            }
            if (size > limit) {
                ctx.fireChannelRead(tooLong(headers, size));
                return;
            }
        }
        ctx.fireChannelRead(message);
    }

    /** The request as far as the gateway needs it to answer 431 (method and path), marked as too long. */
    private HttpRequest tooLong(Http2HeadersFrame frame, long size) {
        CharSequence method = frame.headers().method();
        // CONNECT names an authority instead of a path (RFC 9113, 8.5).
        CharSequence path = frame.headers().path() != null ? frame.headers().path() : frame.headers().authority();
        HttpMethod httpMethod;
        try {
            httpMethod = HttpMethod.valueOf(method.toString());
        } catch (IllegalArgumentException unusual) {
            httpMethod = HttpMethod.GET;
        }
        // A request that ends with its headers is also its own (empty) last body piece.
        HttpRequest request = frame.isEndStream()
                ? new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, httpMethod, String.valueOf(path))
                : new DefaultHttpRequest(HttpVersion.HTTP_1_1, httpMethod, String.valueOf(path));
        request.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException(
                "the header list is " + size + " bytes, over the limit of " + limit)));
        return request;
    }

    /** The 431 of a header list too large for the codec to decode (no request to speak of). */
    static FullHttpResponse tooLarge(ByteBufAllocator allocator, long limit) {
        return Problems.response(allocator, ProblemCode.HEADERS_TOO_LARGE,
                "The request headers exceed the limit of " + limit + " bytes.", null);
    }

    /** A header block too large even to read: the connection ends (GOAWAY), and the log says why. */
    static final class HardCapExceeded extends Exception {
        HardCapExceeded(long cap) {
            super("a request's header block exceeds " + cap + " bytes (" + (cap / 1024)
                    + " KiB), more than the gateway reads to answer 431", null, false, false);
        }
    }
}
