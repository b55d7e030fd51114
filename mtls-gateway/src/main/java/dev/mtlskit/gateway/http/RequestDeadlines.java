package dev.mtlskit.gateway.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mtlskit.gateway.ProblemCode;
import dev.mtlskit.gateway.config.Timeouts;
import dev.mtlskit.gateway.log.Cutoff;
import dev.mtlskit.gateway.log.RejectionLog;
import dev.mtlskit.gateway.Problems;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The slow-client timeouts of one connection after its handshake ({@code timeouts.request_header},
 * {@code request_body}, {@code max_connection_age}), kept by one timer per connection, never one
 * per request: requests only write a field or two; the timer, when it fires, looks at what is due
 * and sets itself for the next deadline (while requests keep coming, every {@code request_header}).
 *
 * <ul>
 * <li><b>Request head</b>: the first request must start within {@code request_header} of the
 * handshake; on HTTP/1.1, every later one must be complete (line and headers) within
 * {@code request_header} of its first byte. A client that sent part of a head gets 408
 * {@code REQUEST_HEADER_TIMEOUT}; one that sent nothing is closed without an answer.</li>
 * <li><b>Request body</b>: no piece of a body for {@code request_body} while the gateway reads it
 * (not while it holds the client back for a slow upstream): 408 {@code REQUEST_BODY_TIMEOUT}, or a
 * reset when the response had already begun ({@link RequestHandler#bodyTimedOut}).</li>
 * <li><b>Age</b>: after {@code max_connection_age} the connection is closed gracefully: HTTP/1.1
 * at once if idle, else after the answer in progress (with {@code Connection: close}); HTTP/2 gets
 * a GOAWAY and closes when its last stream ends.</li>
 * </ul>
 *
 * <p>Everything runs on the connection's event loop (HTTP/2 streams share it).
 */
final class RequestDeadlines {

    static final AttributeKey<RequestDeadlines> KEY = AttributeKey.valueOf("mtls.deadlines");

    private final ListenerRuntime listener;
    private final Channel connection;
    private final boolean http2;
    private final long headerNanos;
    private final long bodyNanos;
    private final long maxAgeNanos;
    private final long openedNanos;
    /** Since when a request head is awaited (0: none is). */
    private long headSince;
    /** Some bytes of the awaited head arrived (HTTP/1.1). */
    private boolean headBytes;
    /** Between a request's head and the end of its body (HTTP/1.1). */
    private boolean inRequest;
    /** Requests seen: while they keep coming, the timer ticks instead of being set for each. */
    private long requests;
    private long requestsAtLastCheck;
    /** The handlers of requests whose bodies are being read (HTTP/1.1: the connection's one handler). */
    private final List<RequestHandler> bodies = new ArrayList<>(1);
    /** max_connection_age reached: the connection closes as soon as it is idle. */
    private boolean aged;
    private ScheduledFuture<?> timer;
    private long timerAt;

    private RequestDeadlines(ListenerRuntime listener, Channel connection, boolean http2) {
        this.listener = listener;
        this.connection = connection;
        this.http2 = http2;
        Timeouts timeouts = listener.config().timeouts();
        this.headerNanos = timeouts.requestHeader().toNanos();
        this.bodyNanos = timeouts.requestBody().toNanos();
        this.maxAgeNanos = timeouts.maxConnectionAge().toNanos();
        this.openedNanos = System.nanoTime();
        this.headSince = openedNanos;
    }

    /** Starts the timeouts of a connection whose handshake just completed (or a plain one, just accepted). */
    static RequestDeadlines start(ListenerRuntime listener, Channel connection, boolean http2) {
        RequestDeadlines deadlines = new RequestDeadlines(listener, connection, http2);
        connection.attr(KEY).set(deadlines);
        long first = deadlines.headSince + deadlines.headerNanos;
        if (deadlines.maxAgeNanos > 0 && deadlines.openedNanos + deadlines.maxAgeNanos - first < 0) {
            first = deadlines.openedNanos + deadlines.maxAgeNanos;
        }
        deadlines.arm(first);
        connection.closeFuture().addListener(closed -> deadlines.stop());
        return deadlines;
    }

    /** HTTP/1.1: the handlers that watch the connection's bytes (before the codec) and messages (after it). */
    ChannelInboundHandlerAdapter headBytesWatcher() {
        return new HeadBytesWatcher();
    }

    ChannelDuplexHandler messageWatcher() {
        return new MessageWatcher();
    }

    /** A request head arrived whole (HTTP/2: a stream opened). */
    void headDone() {
        headSince = 0;
        headBytes = false;
        requests++;
    }

    /** {@code handler} reads a request body from now on: its {@link RequestHandler#bodyLastRead()} is watched. */
    void watchBody(RequestHandler handler) {
        if (!bodies.contains(handler)) {
            bodies.add(handler);
        }
        arm(System.nanoTime() + bodyNanos);
    }

    void unwatchBody(RequestHandler handler) {
        bodies.remove(handler);
    }

    private void arm(long deadline) {
        if (timer != null) {
            if (timerAt - deadline <= 0) {
                return;
            }
            timer.cancel(false);
        }
        timerAt = deadline;
        timer = connection.eventLoop().schedule(this::check, Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    private void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        bodies.clear();
    }

    private void check() {
        timer = null;
        if (!connection.isActive()) {
            return;
        }
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        if (headSince != 0) {
            long due = headSince + headerNanos;
            if (now - due >= 0 && inFlight() > 0) {
                // The head of a pipelined request waits behind an answer still in progress: that is not its fault.
                headSince = now;
                due = now + headerNanos;
            }
            if (now - due >= 0) {
                headerTimedOut();
                return;
            }
            next = due;
        }
        for (RequestHandler handler : bodies.toArray(RequestHandler[]::new)) {
            long last = handler.bodyLastRead();
            if (last == 0) {
                continue;
            }
            if (!handler.readingBody()) {
                // The gateway holds the client back (a slow upstream): the client is not the one stalling.
                handler.bodyReadAt(now);
                last = now;
            }
            long due = last + bodyNanos;
            if (now - due >= 0) {
                handler.bodyTimedOut(listener.config().timeouts().requestBody());
            } else {
                next = Math.min(next, due);
            }
        }
        if (!connection.isActive()) {
            return;
        }
        if (maxAgeNanos > 0 && !aged) {
            long due = openedNanos + maxAgeNanos;
            if (now - due >= 0) {
                aged();
            } else {
                next = Math.min(next, due);
            }
        }
        if (requests != requestsAtLastCheck) {
            // Requests keep coming: tick, so that their heads need not set the timer each.
            requestsAtLastCheck = requests;
            next = Math.min(next, now + headerNanos);
        }
        if (next != Long.MAX_VALUE) {
            arm(next);
        }
    }

    private int inFlight() {
        var count = connection.attr(ListenerRuntime.IN_FLIGHT).get();
        return count == null ? 0 : count.get();
    }

    private void headerTimedOut() {
        RejectionLog log = listener.rejections();
        String limit = RejectionLog.duration(listener.config().timeouts().requestHeader()) + " (timeouts.request_header)";
        if (!headBytes) {
            log.timedOut(connection.remoteAddress(), Cutoff.REQUEST_HEADER_NOTHING, "no request came within " + limit
                    + (requests == 0 ? " of the handshake" : "") + "; closed without an answer");
            connection.close();
            return;
        }
        log.timedOut(connection.remoteAddress(), Cutoff.REQUEST_HEADER, "the request line and headers did not arrive whole "
                + "within " + limit + "; answered 408 and closed");
        FullHttpResponse response = Problems.response(connection.alloc(), ProblemCode.REQUEST_HEADER_TIMEOUT,
                "The request line and headers did not arrive whole within "
                        + RejectionLog.duration(listener.config().timeouts().requestHeader()) + ".", null);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        headSince = 0;
        ChannelHandlerContext ctx = connection.pipeline().context(MessageWatcher.class);
        (ctx != null ? ctx.writeAndFlush(response) : connection.writeAndFlush(response))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void aged() {
        aged = true;
        listener.rejections().aged(connection.remoteAddress(), listener.config().timeouts().maxConnectionAge());
        if (http2) {
            // No new streams; the connection closes when its last stream ends (ListenerRuntime.requestEnded).
            connection.attr(ListenerRuntime.CLOSE_WHEN_IDLE).set(Boolean.TRUE);
            var sent = connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
            if (inFlight() == 0) {
                sent.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (inFlight() == 0 && !inRequest && !headBytes) {
            connection.close();
        }
        // HTTP/1.1 with a request under way: its answer says Connection: close (MessageWatcher).
    }

    /** Before the HTTP/1.1 codec: notices the first bytes of a request head. */
    private final class HeadBytesWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
            if (!inRequest && !headBytes && message instanceof ByteBuf bytes && bytes.isReadable()) {
                headBytes = true;
                if (headSince == 0) {
                    headSince = System.nanoTime();
                    arm(headSince + headerNanos);
                }
            }
            super.channelRead(ctx, message);
        }
    }

    /** After the HTTP/1.1 codec: a head arrived, a request ended; an aged connection's answer closes it. */
    private final class MessageWatcher extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
            if (message instanceof HttpRequest) {
                headDone();
                inRequest = true;
            }
            if (message instanceof LastHttpContent) {
                inRequest = false;
            }
            super.channelRead(ctx, message);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
            if (aged && message instanceof HttpResponse response
                    && !HttpResponseStatus.CONTINUE.equals(response.status())) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            super.write(ctx, message, promise);
        }
    }
}
