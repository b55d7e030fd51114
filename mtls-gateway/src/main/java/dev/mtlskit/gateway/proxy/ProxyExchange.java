package dev.mtlskit.gateway.proxy;

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import dev.mtlskit.gateway.ProblemCode;
import dev.mtlskit.gateway.log.ResponseCutCode;
import dev.mtlskit.gateway.log.UpstreamFailure;
import dev.mtlskit.gateway.tls.HandshakeOutcome;
import dev.mtlskit.reason.Code;
import dev.mtlskit.gateway.Problems;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.ListenerKind;
import dev.mtlskit.gateway.log.AccessLog;
import dev.mtlskit.gateway.log.RequestRecord;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
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
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One request forwarded to an upstream over HTTP/1.1, streaming both ways with backpressure: when
 * the receiving side cannot take more, the sending side stops reading (so memory per request
 * stays at a few buffers, whatever the body size). Connect failures and answers that are not
 * HTTP answer 502, no response headers within the request timeout 504, an upstream with all its
 * connections busy 503 with Retry-After, all as problem+json that tells the client nothing of the
 * upstream's address or the system's error (the log line does). Once the response started, a
 * failure (the upstream closing mid-body, or the body making no progress for the upstream's
 * response_idle_timeout) cuts the client's stream (HTTP/2 RST_STREAM INTERNAL_ERROR) or connection
 * (HTTP/1.1), so that a partial response never looks complete, and is logged.
 */
public final class ProxyExchange extends ChannelInboundHandlerAdapter implements Exchange {

    private static final String HANDLER = "exchange";
    /** A busy upstream frees a connection when any of its requests ends: soon, usually. */
    private static final String BUSY_RETRY_AFTER_SECONDS = "1";

    private final ChannelHandlerContext client;
    private final RequestRecord info;
    private final ClientPeer peer;
    private final UpstreamRuntime upstream;
    private final ListenerConfig listener;
    /** {@code mtls tunnel}: the client is the local app, which the exchange serves as its own HTTP client. */
    private final boolean forLocalApp;
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
    /**
     * One timer per exchange: until the response headers it ends the wait of timeouts.request; from
     * then on it checks that the response body keeps moving (response_idle_timeout).
     */
    private ScheduledFuture<?> timer;
    /** When the upstream last delivered a piece of the response (System.nanoTime). */
    private long lastProgressNanos;
    /** The response's Content-Length, or -1 (chunked, or until close). */
    private long responseLength = -1;
    /** What the upstream connection received since this exchange took it (null before, or if it has none). */
    private UpstreamRuntime.ReceivedBytes received;

    /**
     * @param info the request's record, written to the access log when the exchange ends
     * @param peer the client, for the forwarding headers
     * @param listener the listener's configuration in force when the request started
     */
    public ProxyExchange(ChannelHandlerContext client, RequestRecord info, ClientPeer peer, HttpRequest request,
                         HandshakeOutcome outcome, UpstreamRuntime upstream, ListenerConfig listener) {
        this.client = client;
        this.info = info;
        this.upstream = upstream;
        this.listener = listener;
        this.peer = peer;
        this.maxBody = listener.limits().maxBodyBytes();
        this.forLocalApp = listener.kind() instanceof ListenerKind.Plaintext;
        HttpRequest forwarded = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), info.forwardUri());
        // mtls tunnel forwards the local app's requests as the app wrote them, forwarding headers included.
        HeaderRules.copyForUpstream(request.headers(), forwarded.headers(),
                forLocalApp || peer.trustedProxy());
        if (forLocalApp) {
            // mtls tunnel: the app wrote Host: localhost:8080, the API answers to its own name; the
            // tunnel acts as the app's client, not as a proxy, so it adds no forwarding headers.
            forwarded.headers().set(HttpHeaderNames.HOST, upstream.authority());
        } else {
            HeaderRules.addGatewayHeaders(forwarded.headers(), outcome, peer);
            if (!forwarded.headers().contains(HttpHeaderNames.HOST)) {
                forwarded.headers().set(HttpHeaderNames.HOST, upstream.authority());
            }
        }
        // HTTP/1.1: a body only with Content-Length or chunked (RFC 9112 6.3), never for a bare GET;
        // HTTP/2: unless the HEADERS frame ended the stream.
        boolean bodyFollows = info.http2()
                ? !(request instanceof LastHttpContent) || ((LastHttpContent) request).content().isReadable()
                : HttpUtil.isTransferEncodingChunked(request);
        bodyAnnounced = bodyFollows || HttpUtil.getContentLength(request, 0L) > 0;
        if (!HttpUtil.isContentLengthSet(forwarded) && bodyFollows) {
            HttpUtil.setTransferEncodingChunked(forwarded, true);
        }
        Future<Channel> acquired = upstream.acquire(client.channel().eventLoop(),
                (int) listener.timeouts().upstreamConnect().toMillis());
        if (!acquired.isDone()) {
            // A new upstream connection is being opened: hold the client's body until it is ready. A pooled
            // connection is ready now, and pausing would cost two epoll_ctl calls per request for nothing.
            clientAutoRead(false);
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
        received = channel.pipeline().get(UpstreamRuntime.ReceivedBytes.class);
        if (received != null) {
            received.mark();
        }
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
        info.addBytesIn(content.content().readableBytes());
        if (info.bytesIn() > maxBody) {
            content.release();
            tooLarge();
            return;
        }
        if (content instanceof LastHttpContent last) {
            requestComplete = true;
            HeaderRules.sanitizeTrailers(last.trailingHeaders());
            if (!responseStarted) {
                // The wait for the answer starts once the whole request is in (as Envoy's route timeout):
                // a long upload that keeps moving is not cut; one that stalls meets timeouts.request_body.
                timer = client.executor().schedule(this::timerFired, listener.timeouts().request().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
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
        clientAutoRead(channel.isWritable());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!requestComplete && !finished) {
            clientAutoRead(ctx.channel().isWritable());
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
            if (response.decoderResult().isFailure()) {
                ReferenceCountUtil.release(message);
                failed(invalidResponse(response.decoderResult().cause()));
                return;
            }
            responseStarted = true;
            responseKeepAlive = HttpUtil.isKeepAlive(response);
            responseLength = HttpUtil.getContentLength(response, -1L);
            watchProgress();
            HttpResponse toClient = new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status());
            HeaderRules.copyForClient(response.headers(), toClient.headers());
            if (!info.http2() && !HttpUtil.isContentLengthSet(toClient)) {
                HttpUtil.setTransferEncodingChunked(toClient, true);
            }
            info.status(response.status().code());
            client.write(toClient);
        }
        if (message instanceof HttpContent content) {
            lastProgressNanos = System.nanoTime();
            if (content.decoderResult().isFailure()) {
                // A broken chunk: what came before went to the client, the rest cannot follow.
                ReferenceCountUtil.release(message);
                truncated(content.decoderResult().cause());
                return;
            }
            info.addBytesOut(content.content().readableBytes());
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
                truncated(null);
            } else if (receivedBytes() > 0) {
                failed(UpstreamFailure.badResponse("it sent " + receivedBytes() + " bytes that are "
                        + "not an HTTP status line" + receivedStart() + ", then closed the connection"));
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
                truncated(cause);
            } else {
                failed(cause);
            }
        }
        ctx.close();
    }

    /** What the upstream's HTTP decoder could not take, before the response started. */
    private UpstreamFailure invalidResponse(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return UpstreamFailure.headersTooLarge(upstream.name(), upstream.maxResponseHeaderBytes());
        }
        if (cause instanceof TooLongHttpLineException) {
            return UpstreamFailure.badResponse("its status line is longer than 4096 bytes" + receivedStart());
        }
        if (cause instanceof io.netty.handler.codec.PrematureChannelClosureException) {
            return UpstreamFailure.badResponse("it closed the connection in the middle of the response headers");
        }
        String what = cause.getMessage() == null ? "an invalid status line or header" : cause.getMessage();
        return UpstreamFailure.badResponse(what + receivedStart());
    }

    /**
     * {@code  (it began with "SSH-2.0-OpenSSH_9.6")}: what the upstream sent instead of HTTP tells
     * what listens there; bytes of a TLS record say that the url should be https://.
     */
    private String receivedStart() {
        byte[] start = received == null ? new byte[0] : received.start();
        if (start.length == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (it began with \"");
        for (byte b : start) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                text.append((char) c);
            } else {
                text.append(String.format("\\x%02x", c));
            }
        }
        text.append('"');
        if (start.length >= 2 && (start[0] == 0x15 || start[0] == 0x16) && start[1] == 0x03) {
            text.append(", a TLS record: is the upstream's url https://?");
        }
        return text.append(')').toString();
    }

    private long receivedBytes() {
        return received == null ? 0 : received.received();
    }

    /**
     * From the response headers on, the body must keep moving: checked every response_idle_timeout at
     * most. The request's timer, when it would fire sooner, serves as the first check (one timer per
     * request, not two).
     */
    private void watchProgress() {
        lastProgressNanos = System.nanoTime();
        long timeoutNanos = upstream.responseIdleTimeout().toNanos();
        if (timer == null || timer.getDelay(TimeUnit.NANOSECONDS) > timeoutNanos) {
            cancelTimer();
            timer = client.executor().schedule(this::checkProgress, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void timerFired() {
        if (responseStarted) {
            checkProgress();
        } else {
            timedOut();
        }
    }

    private void checkProgress() {
        if (finished) {
            return;
        }
        long timeoutNanos = upstream.responseIdleTimeout().toNanos();
        long idle = System.nanoTime() - lastProgressNanos;
        if (idle < timeoutNanos) {
            // A read came since: no timer is touched per read, the check just moves to the new deadline.
            timer = client.executor().schedule(this::checkProgress, timeoutNanos - idle, TimeUnit.NANOSECONDS);
            return;
        }
        // Reading from the upstream pauses only while the client cannot take more (backpressure).
        boolean clientStalled = !client.channel().isWritable();
        info.code(ResponseCutCode.RESPONSE_IDLE_TIMEOUT.name());
        upstream.failed(UpstreamFailure.idleTimeout(upstream.name(), where(),
                upstream.responseIdleTimeout().toMillis(), info.bytesOut(), clientStalled));
        abortClient();
    }

    /** The upstream ended the connection in the middle of the response body ({@code cause}: with an error). */
    private void truncated(Throwable cause) {
        info.code(ResponseCutCode.UPSTREAM_TRUNCATED.name());
        upstream.failed(UpstreamFailure.truncated(where(), info.bytesOut(), responseLength, cause));
        abortClient();
    }

    /** The request, for log lines: {@code listener public, route /api/, GET /api/orders}. */
    private String where() {
        return "listener " + listener.name() + ", route " + info.route() + ", " + info.method() + " " + info.path();
    }

    private void complete() {
        finished = true;
        cancelTimer();
        channel.pipeline().remove(HANDLER);
        if (requestComplete && responseKeepAlive) {
            upstream.release(channel);
        } else {
            channel.close();
        }
        clientAutoRead(true);
        AccessLog.ended(info);
    }

    private void timedOut() {
        if (finished || responseStarted) {
            return;
        }
        upstream.failed(new UpstreamFailure(ProblemCode.UPSTREAM_TIMEOUT,
                "no response headers within timeouts.request (" + listener.timeouts().request().toMillis()
                        + " ms; " + where() + ")", "check the API's load and health; raise timeouts.request of listener "
                        + listener.name() + " if its answers may take longer"));
        answer(ProblemCode.UPSTREAM_TIMEOUT, "The service behind this route did not answer within "
                + listener.timeouts().request().toMillis() + " ms.");
    }

    private void failed(Throwable cause) {
        failed(UpstreamFailure.of(cause));
    }

    private void failed(UpstreamFailure failure) {
        if (finished) {
            return;
        }
        upstream.failed(failure);
        if (forLocalApp) {
            // The tunnel's client is the local app and its operator: they get the precise code. A
            // gateway's clients are outsiders, who learn no more than which kind of failure it was:
            // never the upstream's address nor the system's error (the log line has them).
            answer(HttpResponseStatus.BAD_GATEWAY, failure.code(),
                    "The upstream " + upstream.uri() + " could not be used: " + failure.detail() + ".", failure.fix(), null);
            return;
        }
        if (failure.code() == ProblemCode.UPSTREAM_BAD_RESPONSE) {
            answer(ProblemCode.UPSTREAM_BAD_RESPONSE, "The service behind this route answered with something that is "
                    + "not valid HTTP.");
        } else if (failure.code() == ProblemCode.UPSTREAM_HEADERS_TOO_LARGE) {
            answer(ProblemCode.UPSTREAM_HEADERS_TOO_LARGE, "The service behind this route answered with headers larger "
                    + "than the gateway takes (its max_response_header_size).");
        } else {
            answer(ProblemCode.UPSTREAM_UNAVAILABLE, "The service behind this route could not be reached.");
        }
    }

    /** All of the upstream's connections are busy: the client may retry soon, nothing waits meanwhile. */
    private void busy() {
        if (finished) {
            return;
        }
        answer(ProblemCode.UPSTREAM_BUSY.status(), ProblemCode.UPSTREAM_BUSY,
                "The service behind this route has all its " + upstream.maxConnections() + " connections busy.",
                ProblemCode.UPSTREAM_BUSY.fix(), BUSY_RETRY_AFTER_SECONDS);
    }

    private void tooLarge() {
        long limit = maxBody;
        if (responseStarted) {
            abortClient();
            return;
        }
        answer(ProblemCode.BODY_TOO_LARGE, "The request body exceeds the limit of " + limit + " bytes.");
    }

    private void answer(ProblemCode code, String detail) {
        answer(code.status(), code, detail, code.fix(), null);
    }

    /** @param retryAfterSeconds the Retry-After header, or {@code null} for none */
    private void answer(HttpResponseStatus status, Code code, String detail, String fix,
                        String retryAfterSeconds) {
        finished = true;
        cancelTimer();
        releasePending();
        if (channel != null) {
            channel.close();
        }
        info.status(status.code());
        info.code(code.name());
        var response = Problems.response(client.alloc(), status, code, detail, fix, info.path());
        info.bytesOut(response.content().readableBytes());
        if (retryAfterSeconds != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        }
        // The rest of an announced body would be taken for a new request; without one, keep-alive is safe.
        boolean close = !info.http2() && !requestComplete && bodyAnnounced;
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        var written = client.writeAndFlush(response);
        if (close) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        clientAutoRead(true);
        AccessLog.ended(info);
    }

    /**
     * The response already started: the only honest signal left is to cut the stream or connection.
     * HTTP/2 gets RST_STREAM INTERNAL_ERROR (the server failed to complete it; CANCEL would say
     * that the stream is no longer wanted, which gRPC and others report as a cancellation by the
     * caller); HTTP/1.1 loses the connection before the body's end, which its framing shows. The
     * upstream connection is closed, never pooled: the rest of its answer may still come.
     */
    private void abortClient() {
        finished = true;
        cancelTimer();
        releasePending();
        if (channel != null) {
            channel.close();
        }
        if (info.http2()) {
            client.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
        }
        client.channel().close();
        AccessLog.ended(info);
    }

    @Override
    public boolean answered() {
        return responseStarted || finished;
    }

    @Override
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        info.finish();
        cancelTimer();
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

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /**
     * Pauses or resumes reading from the client, unless its input ended: a half-closed connection
     * has nothing more to read, and the epoll transport refuses the change once its input is shut.
     */
    private void clientAutoRead(boolean read) {
        Channel connection = client.channel();
        if (connection instanceof DuplexChannel duplex && duplex.isInputShutdown()) {
            return;
        }
        connection.config().setAutoRead(read);
    }
}
