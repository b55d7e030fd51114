package dev.mtlskit.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;

/**
 * Netty's HTTP/2 server codec, strict (every request must carry {@code :method}, {@code :scheme}
 * and {@code :path}; malformed header blocks reset their stream with PROTOCOL_ERROR), and
 * answering a header list too large to decode with a problem+json 431 on its stream rather than
 * Netty's bare 431.
 *
 * <p>Header sizes, three tiers: up to {@code limits.max_header_size} a request is served; above it
 * {@link Http2HeaderListLimit} answers 431 problem+json; the codec itself decodes up to
 * {@link #HARD_CAP_FACTOR} times the limit (the SETTINGS_MAX_HEADER_LIST_SIZE it announces) and
 * answers 431 problem+json beyond that, keeping HPACK's state so the connection goes on; a header
 * block whose encoded bytes exceed 1.25 times that cap is a connection error (GOAWAY), as Netty
 * decides, because it would have to be buffered whole.
 */
final class Http2Codec {

    /** The codec decodes header lists up to this many times {@code limits.max_header_size}. */
    static final int HARD_CAP_FACTOR = 4;

    private Http2Codec() {
    }

    static Http2FrameCodec forServer(Http2Settings settings, long headerLimit) {
        return new Builder(settings, headerLimit).build();
    }

    private static final class Builder extends Http2FrameCodecBuilder {
        private final long headerLimit;

        Builder(Http2Settings settings, long headerLimit) {
            this.headerLimit = headerLimit;
            server(true);
            gracefulShutdownTimeoutMillis(0);
            initialSettings(settings);
            validateHeaders(true);
            validateRequiredPseudoHeaders(true);
        }

        @Override
        protected Http2FrameCodec build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                        Http2Settings initialSettings) {
            Codec codec = new Codec(encoder, decoder, initialSettings, decoupleCloseAndGoAway(), flushPreface(),
                    headerLimit);
            codec.gracefulShutdownTimeoutMillis(gracefulShutdownTimeoutMillis());
            return codec;
        }
    }

    private static final class Codec extends Http2FrameCodec {
        private final long headerLimit;

        Codec(Http2ConnectionEncoder encoder, Http2ConnectionDecoder decoder, Http2Settings settings,
              boolean decoupleCloseAndGoAway, boolean flushPreface, long headerLimit) {
            super(encoder, decoder, settings, decoupleCloseAndGoAway, flushPreface);
            this.headerLimit = headerLimit;
        }

        /** Netty's bare 431, with the problem+json body every other refusal has. */
        @Override
        protected void handleServerHeaderDecodeSizeError(ChannelHandlerContext ctx, Http2Stream stream) {
            FullHttpResponse problem = Http2HeaderListLimit.tooLarge(ctx.alloc(), headerLimit);
            Http2Headers headers = new DefaultHttp2Headers().status(problem.status().codeAsText());
            problem.headers().forEach(header -> headers.add(header.getKey().toLowerCase(java.util.Locale.ROOT),
                    header.getValue()));
            ByteBuf body = problem.content();
            encoder().writeHeaders(ctx, stream.id(), headers, 0, false, ctx.newPromise());
            encoder().writeData(ctx, stream.id(), body, 0, true, ctx.newPromise());
        }
    }
}
