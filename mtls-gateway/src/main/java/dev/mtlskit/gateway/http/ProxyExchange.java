package dev.mtlskit.gateway.http;

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import dev.mtlskit.gateway.log.UpstreamFailure;
import dev.mtlskit.gateway.log.UpstreamLog;
import dev.mtlskit.gateway.tls.HandshakeOutcome;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One request forwarded to an upstream over HTTP/1.1, streaming both ways with backpressure: when
 * the receiving side cannot take more, the sending side stops reading (so memory per request
 * stays at a few buffers, whatever the body size). Connect failures answer 502, no response
 * headers within the request timeout 504, an upstream with all its connections busy 503 with
 * Retry-After, all as problem+json.
 */
final class ProxyExchange extends ChannelInboundHandlerAdapter implements Exchange {

    private static final String HANDLER = "exchange";
    /** A busy upstream frees a connection when any of its requests ends: soon, usually. */
    private static final String BUSY_RETRY_AFTER_SECONDS = "1";

    private final ChannelHandlerContext client;
    private final RequestHandler.RequestInfo info;
    private final UpstreamRuntime upstream;
    private final ListenerRuntime listener;
    private final long maxBody;
    /** Body pieces that arrived before the upstream connection was ready (reading pauses meanwhile). */
    private final ArrayDeque<HttpContent> pending = new ArrayDeque<>();
    private Channel channel;
    private boolean requestComplete;
    /** HTTP/1.1: the request announced a body (Content-Length above 0, or chunked). */
    private final boolean bodyAnnounced;
    private boolean responseStarted;
    private boolean responseComplete;
    private boolean responseKeepAlive;
    private boolean finished;
    /** Between an informational (1xx) response from the upstream and its end. */
    private boolean skippingInformational;
    private ScheduledFuture<?> timeout;

    ProxyExchange(ChannelHandlerContext client, RequestHandler.RequestInfo info, HttpRequest request,
                  HandshakeOutcome outcome, UpstreamRuntime upstream, ListenerRuntime listener) {
        this.client = client;
        this.info = info;
        this.upstream = upstream;
        this.listener = listener;
        this.maxBody = listener.config().limits().maxBodyBytes();
        HttpRequest forwarded = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), info.forwardUri);
        // mtls tunnel forwards the local app's requests as the app wrote them, forwarding headers included.
        HeaderRules.copyForUpstream(request.headers(), forwarded.headers(),
                listener.plaintext() || info.peer.trustedProxy());
        if (listener.plaintext()) {
            // mtls tunnel: the app wrote Host: localhost:8080, the API answers to its own name; the
            // tunnel acts as the app's client, not as a proxy, so it adds no forwarding headers.
            forwarded.headers().set(HttpHeaderNames.HOST, upstream.authority());
        } else {
            HeaderRules.addGatewayHeaders(forwarded.headers(), outcome, info.peer);
            if (!forwarded.headers().contains(HttpHeaderNames.HOST)) {
                forwarded.headers().set(HttpHeaderNames.HOST, upstream.authority());
            }
        }
        // HTTP/1.1: a body only with Content-Length or chunked (RFC 9112 6.3), never for a bare GET;
        // HTTP/2: unless the HEADERS frame ended the stream.
        boolean bodyFollows = info.http2
                ? !(request instanceof LastHttpContent) || ((LastHttpContent) request).content().isReadable()
                : HttpUtil.isTransferEncodingChunked(request);
        bodyAnnounced = bodyFollows || HttpUtil.getContentLength(request, 0L) > 0;
        if (!HttpUtil.isContentLengthSet(forwarded) && bodyFollows) {
            HttpUtil.setTransferEncodingChunked(forwarded, true);
        }
        timeout = client.executor().schedule(this::timedOut, listener.config().timeouts().request().toMillis(),
                TimeUnit.MILLISECONDS);
        Future<Channel> acquired = upstream.acquire(client.channel().eventLoop(),
                (int) listener.config().timeouts().upstreamConnect().toMillis());
        if (!acquired.isDone()) {
            // A new upstream connection is being opened: hold the client's body until it is ready. A pooled
            // connection is ready now, and pausing would cost two epoll_ctl calls per request for nothing.
            client.channel().config().setAutoRead(false);
        }
        acquired.addListener(done -> {
            if (done.cause() instanceof UpstreamBusyException) {
                busy();
                return;
            }
            if (!done.isSuccess()) {
                failed(done.cause());
                return;
            }
            connected(acquired.getNow(), forwarded);
        });
    }

    @Override
    public boolean responseStarted() {
        return responseStarted;
    }

    private void connected(Channel upstreamChannel, HttpRequest forwarded) {
        if (finished) {
            upstream.release(upstreamChannel);
            return;
        }
        channel = upstreamChannel;
        channel.pipeline().addBefore(UpstreamRuntime.UNATTACHED, HANDLER, this);
        channel.write(forwarded);
        while (!pending.isEmpty()) {
            channel.write(pending.poll());
        }
        channel.flush();
        if (!requestComplete) {
            resumeClientWhenWritable();
        }
    }

    @Override
    public void content(HttpContent content) {
        if (finished) {
            content.release();
            return;
        }
        info.bytesIn += content.content().readableBytes();
        if (info.bytesIn > maxBody) {
            content.release();
            tooLarge();
            return;
        }
        if (content instanceof LastHttpContent last) {
            requestComplete = true;
            HeaderRules.sanitizeTrailers(last.trailingHeaders());
        }
        if (channel == null) {
            pending.add(content);
            return;
        }
        channel.writeAndFlush(content);
        if (!requestComplete) {
            resumeClientWhenWritable();
        }
    }

    /** Reads the next piece from the client only once the upstream can take it. */
    private void resumeClientWhenWritable() {
        client.channel().config().setAutoRead(channel.isWritable());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!requestComplete && !finished) {
            client.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void clientWritabilityChanged(boolean writable) {
        if (channel != null && responseStarted && !responseComplete) {
            channel.config().setAutoRead(writable);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (finished) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpResponse informational && informational.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            // 100 Continue, 102 Processing, 103 Early Hints: not the answer, which follows (101 is never asked for).
            skippingInformational = true;
            ReferenceCountUtil.release(message);
            return;
        }
        if (skippingInformational && message instanceof LastHttpContent) {
            skippingInformational = false; // the (empty) end of the informational response
            ReferenceCountUtil.release(message);
            return;
        }
        if (message instanceof HttpResponse response) {
            cancelTimeout();
            if (response.decoderResult().isFailure()) {
                ReferenceCountUtil.release(message);
                failed(new IllegalStateException("the upstream sent an invalid response: " + response.decoderResult().cause().getMessage()));
                return;
            }
            responseStarted = true;
            responseKeepAlive = HttpUtil.isKeepAlive(response);
            HttpResponse toClient = new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status());
            HeaderRules.copyForClient(response.headers(), toClient.headers());
            if (!info.http2 && !HttpUtil.isContentLengthSet(toClient)) {
                HttpUtil.setTransferEncodingChunked(toClient, true);
            }
            info.status = response.status().code();
            client.write(toClient);
        }
        if (message instanceof HttpContent content) {
            info.bytesOut += content.content().readableBytes();
            if (content instanceof LastHttpContent) {
                client.writeAndFlush(content);
                responseComplete = true;
                complete();
                return;
            }
            client.write(content);
            if (!client.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }
        // Headers and body pieces are flushed once per read from the upstream (channelReadComplete) or
        // with the last piece: a small answer leaves in one TLS record and one write, not one per part.
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (responseStarted && !finished) {
            client.flush();
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!finished) {
            if (responseStarted) {
                abortClient();
            } else {
                failed(new ConnectException("the upstream closed the connection before answering"));
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!finished) {
            if (responseStarted) {
                abortClient();
            } else {
                failed(cause);
            }
        }
        ctx.close();
    }

    private void complete() {
        finished = true;
        cancelTimeout();
        channel.pipeline().remove(HANDLER);
        if (requestComplete && responseKeepAlive) {
            upstream.release(channel);
        } else {
            channel.close();
        }
        client.channel().config().setAutoRead(true);
        RequestHandler.logAccess(info, listener);
    }

    private void timedOut() {
        if (finished || responseStarted) {
            return;
        }
        UpstreamLog.failed(upstream.name(), upstream.uri(), new UpstreamFailure("UPSTREAM_TIMEOUT", "Upstream timeout",
                "no response headers within " + listener.config().timeouts().request().toMillis() + " ms", null));
        answer(HttpResponseStatus.GATEWAY_TIMEOUT, "UPSTREAM_TIMEOUT", "Upstream timeout",
                "The upstream " + upstream.describe() + " did not answer within "
                        + listener.config().timeouts().request().toMillis() + " ms.",
                "retry later; if it persists, the API behind the gateway is overloaded or down");
    }

    private void failed(Throwable cause) {
        if (finished) {
            return;
        }
        UpstreamFailure failure = UpstreamFailure.of(cause);
        UpstreamLog.failed(upstream.name(), upstream.uri(), failure);
        if (listener.plaintext()) {
            // The tunnel's client is the local app and its operator: they get the precise code. A
            // gateway's clients are outsiders, who learn no more than that the upstream is unavailable.
            answer(HttpResponseStatus.BAD_GATEWAY, failure.code(), failure.title(),
                    "The upstream " + upstream.uri() + " could not be used: " + failure.detail() + ".", failure.fix());
            return;
        }
        answer(HttpResponseStatus.BAD_GATEWAY, "UPSTREAM_UNAVAILABLE", "Upstream unavailable",
                "The upstream " + upstream.describe() + " could not be reached: " + describe(cause) + ".",
                "retry later; if it persists, the API behind the gateway is down");
    }

    /** All of the upstream's connections are busy: the client may retry soon, nothing waits meanwhile. */
    private void busy() {
        if (finished) {
            return;
        }
        answer(HttpResponseStatus.SERVICE_UNAVAILABLE, "UPSTREAM_BUSY", "Upstream busy",
                "The upstream " + upstream.describe() + " has all its " + upstream.maxConnections()
                        + " connections busy (max_connections).",
                "retry after the time in Retry-After; if it persists, the operator can raise max_connections of upstream "
                        + upstream.name() + " (if the API takes more) or make the API answer faster",
                BUSY_RETRY_AFTER_SECONDS);
    }

    private void tooLarge() {
        long limit = maxBody;
        if (responseStarted) {
            abortClient();
            return;
        }
        answer(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "BODY_TOO_LARGE", "Request body too large",
                "The request body exceeds the limit of " + limit + " bytes.",
                "send a smaller body, or ask the operator to raise limits.max_body");
    }

    private void answer(HttpResponseStatus status, String code, String title, String detail, String fix) {
        answer(status, code, title, detail, fix, null);
    }

    /** @param retryAfterSeconds the Retry-After header, or {@code null} for none */
    private void answer(HttpResponseStatus status, String code, String title, String detail, String fix,
                        String retryAfterSeconds) {
        finished = true;
        cancelTimeout();
        releasePending();
        if (channel != null) {
            channel.close();
        }
        info.status = status.code();
        info.code = code;
        var response = Problems.response(client.alloc(), status, code, title, detail, fix, info.path);
        info.bytesOut = response.content().readableBytes();
        if (retryAfterSeconds != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        }
        // The rest of an announced body would be taken for a new request; without one, keep-alive is safe.
        boolean close = !info.http2 && !requestComplete && bodyAnnounced;
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        var written = client.writeAndFlush(response);
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        client.channel().config().setAutoRead(true);
        RequestHandler.logAccess(info, listener);
    }

    /** The response already started: the only honest signal left is to cut the stream or connection. */
    private void abortClient() {
        finished = true;
        cancelTimeout();
        releasePending();
        if (channel != null) {
            channel.close();
        }
        client.close();
        RequestHandler.logAccess(info, listener);
    }

    @Override
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        info.finish(listener);
        cancelTimeout();
        releasePending();
        if (channel != null) {
            channel.close();
        }
    }

    private void releasePending() {
        HttpContent content;
        while ((content = pending.poll()) != null) {
            content.release();
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
