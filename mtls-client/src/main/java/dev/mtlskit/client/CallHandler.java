package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLSession;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.handler.timeout.ReadTimeoutHandler;

import dev.mtlskit.reason.Causes;
import dev.mtlskit.tls.netty.TlsAlertInfo;
import dev.mtlskit.trust.RejectedCertificateException;

/**
 * Drives one connection after TCP: reports the handshake's end, then speaks HTTP/2 or HTTP/1.1 as
 * ALPN decided, sends the request and reports the response. Completes {@code done} once, whatever
 * happens.
 */
final class CallHandler extends ChannelInboundHandlerAdapter {

    /** A server that accepted the connection but says nothing for this long is reported, not waited for. */
    private static final int READ_TIMEOUT_SECONDS = 60;
    /** After a handshake-only attempt, how long to wait for an alert (TLS 1.3 rejects client certificates late). */
    private static final long ALERT_GRACE_MILLIS = 1_000;

    private final CallRequest request;
    private final Consumer<CallEvent> events;
    private final OutputStream body;
    private final CompletableFuture<Void> done;
    private boolean handshakeDone;
    private boolean finished;

    CallHandler(CallRequest request, Consumer<CallEvent> events, OutputStream body, CompletableFuture<Void> done) {
        this.request = requireNonNull(request, "request");
        this.events = requireNonNull(events, "events");
        this.body = requireNonNull(body, "body");
        this.done = requireNonNull(done, "done");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (!completion.isSuccess()) {
                if (Causes.has(completion.cause(), SslHandshakeTimeoutException.class)) {
                    finish(ctx, new CallEvent.HandshakeFailed("the server did not answer the TLS handshake within the"
                            + " connect timeout (" + Seconds.of(request.connectTimeout()) + ")", null, true));
                    return;
                }
                if (RejectedCertificateException.find(completion.cause()) != null) {
                    // The refusal itself is the ServerCertificate event, with its cause and fix.
                    finish(ctx, new CallEvent.HandshakeFailed("the server's certificate was refused (above), so this"
                            + " side ended the handshake", null));
                    return;
                }
                String message = Causes.message(completion.cause());
                finish(ctx, new CallEvent.HandshakeFailed(message, TlsAlertInfo.fromFailure(completion.cause())));
                return;
            }
            handshakeDone = true;
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            SSLSession session = ssl.engine().getSession();
            String alpn = ssl.applicationProtocol() == null ? ApplicationProtocolNames.HTTP_1_1 : ssl.applicationProtocol();
            events.accept(new CallEvent.HandshakeCompleted(session.getProtocol(), session.getCipherSuite(),
                    ssl.applicationProtocol()));
            if (request.serverCheck() == CallRequest.ServerCheck.RECORD_ONLY) {
                ctx.read();
                ctx.executor().schedule(() -> finish(ctx, null), ALERT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            ctx.pipeline().addBefore(ctx.name(), "read-timeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS));
            if (ApplicationProtocolNames.HTTP_2.equals(alpn)) {
                startHttp2(ctx);
            } else {
                startHttp1(ctx);
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private void startHttp1(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), "http", new HttpClientCodec());
        ctx.pipeline().addBefore(ctx.name(), "chunks", new ChunkedWriteHandler());
        ctx.pipeline().addBefore(ctx.name(), "response", new ResponseHandler("HTTP/1.1"));
        send(ctx.channel(), "HTTP/1.1");
    }

    private void startHttp2(ChannelHandlerContext ctx) {
        ctx.pipeline().addBefore(ctx.name(), "h2", Http2FrameCodecBuilder.forClient().build());
        ctx.pipeline().addBefore(ctx.name(), "h2-streams", new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
        new Http2StreamChannelBootstrap(ctx.channel())
                .handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false),
                                new ChunkedWriteHandler(), new ResponseHandler("HTTP/2"));
                    }
                })
                .open()
                .addListener(future -> {
                    if (future.isSuccess()) {
                        send((Channel) future.getNow(), "HTTP/2");
                    } else {
                        finish(ctx, new CallEvent.ConnectionFailed("cannot open an HTTP/2 stream: "
                                + Causes.message(future.cause()), null));
                    }
                });
    }

    private void send(Channel channel, String httpVersion) {
        HttpMethod method = HttpMethod.valueOf(request.method());
        HttpRequest head;
        RequestBody requestBody = request.body();
        if (requestBody instanceof RequestBody.Bytes bytes) {
            head = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, request.target(),
                    Unpooled.wrappedBuffer(bytes.content()));
        } else if (requestBody == null) {
            head = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, request.target(), Unpooled.EMPTY_BUFFER);
        } else {
            head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, request.target());
        }
        HttpHeaders headers = head.headers();
        headers.set(HttpHeaderNames.HOST, authority());
        headers.set(HttpHeaderNames.USER_AGENT, "mtls/" + Versions.current());
        headers.set(HttpHeaderNames.ACCEPT, "*/*");
        if (requestBody != null) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, requestBody.length());
            // As curl does for -d and --data-binary.
            headers.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
        }
        for (CallRequest.Header header : request.headers()) {
            if (header.value().isEmpty()) {
                headers.remove(header.name()); // curl: "-H 'Accept:'" removes the header
            } else {
                headers.set(header.name(), header.value());
            }
        }
        List<CallRequest.Header> sent = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            sent.add(new CallRequest.Header(header.getKey(), header.getValue()));
        }
        events.accept(new CallEvent.RequestSent(request.method(), request.target(), httpVersion, sent,
                requestBody == null ? 0 : requestBody.length()));
        if (requestBody instanceof RequestBody.FromFile file) {
            channel.write(head);
            try {
                channel.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(file.file().toFile())));
            } catch (java.io.IOException e) {
                channel.pipeline().fireExceptionCaught(e);
            }
        } else {
            channel.writeAndFlush(head);
        }
    }

    private String authority() {
        String host = request.host().contains(":") ? "[" + request.host() + "]" : request.host();
        return request.port() == 443 ? host : host + ":" + request.port();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!handshakeDone) {
            return; // SslHandler reports the handshake's failure as an event
        }
        String message = cause instanceof ReadTimeoutException
                ? "the server sent nothing for " + READ_TIMEOUT_SECONDS + " s"
                : Causes.message(cause);
        finish(ctx, new CallEvent.ConnectionFailed(message, TlsAlertInfo.fromFailure(cause)));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (handshakeDone) {
            finish(ctx, new CallEvent.ConnectionFailed("the server closed the connection before it answered", null));
        } else {
            // SslHandler reports a handshake cut short before this; should it not have, the call still ends.
            finish(ctx, new CallEvent.HandshakeFailed("the connection closed during the TLS handshake", null));
        }
        super.channelInactive(ctx);
    }

    private void finish(ChannelHandlerContext ctx, CallEvent last) {
        if (finished) {
            return;
        }
        finished = true;
        if (last != null) {
            events.accept(last);
        }
        done.complete(null);
        ctx.close();
    }

    /** Reports the response head and streams its body to the sink. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
        private final String httpVersion;
        private long bodyBytes;

        ResponseHandler(String httpVersion) {
            this.httpVersion = httpVersion;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message instanceof HttpResponse response) {
                if (response.status().code() < 200 && response.status().code() != 101) {
                    return; // 1xx: an interim answer, the real one follows
                }
                List<CallRequest.Header> headers = new ArrayList<>();
                for (Map.Entry<String, String> header : response.headers()) {
                    if (!header.getKey().startsWith("x-http2-")) {
                        headers.add(new CallRequest.Header(header.getKey(), header.getValue()));
                    }
                }
                events.accept(new CallEvent.ResponseReceived("HTTP/2".equals(httpVersion) ? httpVersion
                        : response.protocolVersion().text(), response.status().code(), headers));
            }
            if (message instanceof HttpContent content) {
                ByteBuf data = content.content();
                if (data.isReadable()) {
                    bodyBytes += data.readableBytes();
                    Caller.write(body, ByteBufUtil.getBytes(data));
                }
                if (message instanceof LastHttpContent) {
                    finishResponse(ctx);
                }
            }
        }

        private void finishResponse(ChannelHandlerContext ctx) {
            if (!finished) {
                finished = true;
                events.accept(new CallEvent.ResponseCompleted(bodyBytes));
                done.complete(null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!finished) {
                finished = true;
                events.accept(new CallEvent.ConnectionFailed(Causes.message(cause),
                        TlsAlertInfo.fromFailure(cause)));
                done.complete(null);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!finished) {
                finished = true;
                events.accept(new CallEvent.ConnectionFailed("the stream closed before the response ended", null));
                done.complete(null);
            }
            super.channelInactive(ctx);
        }
    }
}
