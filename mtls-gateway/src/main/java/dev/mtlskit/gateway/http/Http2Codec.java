package dev.mtlskit.gateway.http;

import dev.mtlskit.gateway.log.ProtocolLog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;
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

    /** The largest header list the codec decodes: {@link #HARD_CAP_FACTOR} times the limit, within HTTP/2's range. */
    static long hardCap(long headerLimit) {
        return Math.min(headerLimit * HARD_CAP_FACTOR, Http2CodecUtil.MAX_HEADER_LIST_SIZE);
    }

    static Http2FrameCodec forServer(Http2Settings settings, long headerLimit, ProtocolLog log) {
        return new Builder(settings, headerLimit, log).build();
    }

    /** Netty's budgets (its defaults, set here so that the log and docs/security.md can name them). */
    static final int MAX_RESETS = 200;
    static final int RESET_WINDOW_SECONDS = 30;
    static final int MAX_UNREAD_CONTROL_ANSWERS = 10_000;
    static final int MAX_EMPTY_DATA_FRAMES = 2;
    static final int MAX_SMALL_CONTINUATION_FRAMES = 16;

    /** What the client did, for the flood line, in the words of docs/security.md. */
    static String floodText(String nettyMessage, boolean outbound) {
        String message = String.valueOf(nettyMessage);
        if (message.contains("RST frames")) {
            return outbound
                    ? "more than " + MAX_RESETS + " malformed or refused streams reset by the gateway within "
                            + RESET_WINDOW_SECONDS + " s"
                    : "more than " + MAX_RESETS + " streams reset by the client within " + RESET_WINDOW_SECONDS + " s";
        }
        if (message.contains("outstanding control frames")) {
            return "more than " + MAX_UNREAD_CONTROL_ANSWERS + " answers to PING or SETTINGS left unread by the client";
        }
        if (message.contains("small consecutive continuations")) {
            return MAX_SMALL_CONTINUATION_FRAMES + " or more small CONTINUATION frames in one header block";
        }
        if (message.contains("empty data frames")) {
            return "more than " + MAX_EMPTY_DATA_FRAMES + " empty DATA frames in a row";
        }
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static final class Builder extends Http2FrameCodecBuilder {
        private final long headerLimit;
        private final ProtocolLog log;

        Builder(Http2Settings settings, long headerLimit, ProtocolLog log) {
            this.headerLimit = headerLimit;
            this.log = log;
            // Streams share the connection's send window equally: Netty's default distributor keeps RFC 7540's
            // priority tree (deprecated by RFC 9113, ignored by most servers), which cost 4.5 % of an HTTP/2
            // keep-alive request's CPU in the profile, mostly when each stream ends.
            DefaultHttp2Connection connection = new DefaultHttp2Connection(true);
            connection.remote().flowController(new DefaultHttp2RemoteFlowController(connection,
                    new UniformStreamByteDistributor(connection)));
            connection(connection); // a server's connection (Netty refuses server(true) beside it)
            gracefulShutdownTimeoutMillis(0);
            initialSettings(settings);
            validateHeaders(true);
            validateRequiredPseudoHeaders(true);
            decoderEnforceMaxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS);
            encoderEnforceMaxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS);
            encoderEnforceMaxQueuedControlFrames(MAX_UNREAD_CONTROL_ANSWERS);
            decoderEnforceMaxConsecutiveEmptyDataFrames(MAX_EMPTY_DATA_FRAMES);
            decoderEnforceMaxSmallContinuationFrames(MAX_SMALL_CONTINUATION_FRAMES);
        }

        @Override
        protected Http2FrameCodec build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                        Http2Settings initialSettings) {
            Codec codec = new Codec(encoder, decoder, initialSettings, decoupleCloseAndGoAway(), flushPreface(),
                    headerLimit, log);
            codec.gracefulShutdownTimeoutMillis(gracefulShutdownTimeoutMillis());
            return codec;
        }
    }

    private static final class Codec extends Http2FrameCodec {
        private final long headerLimit;
        private final ProtocolLog log;
        /** The stream just answered with 431 by {@link #handleServerHeaderDecodeSizeError}, or 0. */
        private int answeredTooLarge;

        Codec(Http2ConnectionEncoder encoder, Http2ConnectionDecoder decoder, Http2Settings settings,
              boolean decoupleCloseAndGoAway, boolean flushPreface, long headerLimit, ProtocolLog log) {
            super(encoder, decoder, settings, decoupleCloseAndGoAway, flushPreface);
            this.headerLimit = headerLimit;
            this.log = log;
        }

        /** Every stream the codec resets for what the client sent: one line each (rate-limited). */
        @Override
        public void onError(ChannelHandlerContext ctx, boolean outbound, Throwable cause) {
            Http2Exception embedded = Http2CodecUtil.getEmbeddedHttp2Exception(cause);
            if (!outbound && embedded instanceof Http2Exception.StreamException stream
                    && !(embedded instanceof Http2Exception.HeaderListSizeException)) {
                log.streamReset(ctx.channel().remoteAddress(), stream.streamId(), stream.error().name(), stream);
            }
            super.onError(ctx, outbound, cause);
        }

        /**
         * Every connection error the codec answers with GOAWAY, whether it read it (a malformed frame,
         * a flood) or ran into it writing (too many resets or unread control frames): one line each.
         */
        @Override
        protected void onConnectionError(ChannelHandlerContext ctx, boolean outbound, Throwable cause,
                                         Http2Exception http2Ex) {
            Http2FrameBudget budget = ctx.pipeline().get(Http2FrameBudget.class);
            if (budget != null && ctx.channel().isActive()) {
                budget.goingAway(); // the GOAWAY must not be lost to a reset: linger on close
            }
            if (http2Ex != null && ctx.channel().isActive()) {
                if (http2Ex.error() == Http2Error.ENHANCE_YOUR_CALM) {
                    log.flood(ctx.channel().remoteAddress(), floodText(http2Ex.getMessage(), outbound));
                } else if (String.valueOf(http2Ex.getMessage()).startsWith("Header size exceeded")) {
                    log.connectionClosed(ctx.channel().remoteAddress(), http2Ex.error().name(), new Http2HeaderListLimit
                            .HardCapExceeded(Http2CodecUtil.calculateMaxHeaderListSizeGoAway(hardCap(headerLimit))));
                } else {
                    log.connectionClosed(ctx.channel().remoteAddress(), http2Ex.error().name(), http2Ex);
                }
            }
            super.onConnectionError(ctx, outbound, cause, http2Ex);
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
            answeredTooLarge = stream.id();
        }

        /** Netty resets the stream right after its 431: that would drop the body still waiting to be sent. */
        @Override
        public ChannelFuture resetStream(ChannelHandlerContext ctx, int streamId, long errorCode, ChannelPromise promise) {
            if (streamId == answeredTooLarge) {
                answeredTooLarge = 0;
                return promise.setSuccess();
            }
            return super.resetStream(ctx, streamId, errorCode, promise);
        }
    }
}
