package dev.mtlskit.gateway.http;


import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.mtlskit.gateway.ProblemCode;
import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.ListenerKind;
import dev.mtlskit.gateway.log.AccessLog;
import dev.mtlskit.gateway.log.Cutoff;
import dev.mtlskit.gateway.tls.HandshakeOutcome;
import dev.mtlskit.policy.Decision;
import dev.mtlskit.policy.Route;
import dev.mtlskit.policy.Routing;
import dev.mtlskit.reason.Code;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.validation.Verdict;
import dev.mtlskit.gateway.proxy.ClientPeer;
import dev.mtlskit.gateway.proxy.Exchange;
import dev.mtlskit.gateway.proxy.EchoExchange;
import dev.mtlskit.gateway.admin.AdminExchange;
import dev.mtlskit.gateway.proxy.ProxyExchange;
import dev.mtlskit.gateway.proxy.UpstreamRuntime;
import dev.mtlskit.gateway.proxy.HeaderRules;
import dev.mtlskit.gateway.Problems;
import dev.mtlskit.gateway.log.RequestRecord;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One request at a time (an HTTP/2 stream, or an HTTP/1.1 connection's requests in turn): refuses
 * what may not pass with a problem+json answer (never forwarding it), and hands the rest to the
 * echo or to an upstream, body streaming through.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {

    private final ListenerRuntime listener;
    private final Channel connection;
    private final boolean http2;
    private Exchange exchange;
    /** After an early answer, the rest of that request's body is read and dropped. */
    private boolean discarding;
    /** The current request carries Expect: 100-continue. */
    private boolean expectContinue;
    /** The request being read or answered (for a timeout's answer and access record). */
    private RequestRecord current;
    /** When the last piece of the current request's body arrived; 0 when no body is being read. */
    private long bodyLastRead;
    /** The connection's slow-client timeouts (null only if the connection closed before they started). */
    private final RequestDeadlines deadlines;
    private ChannelHandlerContext context;

    RequestHandler(ListenerRuntime listener, Channel connection, boolean http2) {
        this.listener = listener;
        this.connection = connection;
        this.http2 = http2;
        this.deadlines = connection.attr(RequestDeadlines.KEY).get();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        if (!http2 && deadlines != null) {
            // HTTP/1.1: one handler for the connection's requests in turn, watched for good (no per-request cost).
            deadlines.watchBody(this);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest request) {
            if (http2 && deadlines != null) {
                deadlines.headDone();
            }
            if (!(message instanceof LastHttpContent)) {
                bodyLastRead = System.nanoTime();
                if (http2 && deadlines != null) {
                    deadlines.watchBody(this);
                }
            }
            start(ctx, request);
        }
        if (message instanceof HttpContent full && message instanceof HttpRequest) {
            // A request whose headers ended the stream (HTTP/2) is one object: its headers were handled
            // above, only its (empty) body goes on, as a plain last piece — never the request again.
            message = full instanceof LastHttpContent last
                    ? new DefaultLastHttpContent(full.content(), last.trailingHeaders())
                    : new DefaultHttpContent(full.content());
        }
        if (message instanceof HttpContent content && content.decoderResult().isFailure()) {
            content.release();
            malformedBody(ctx, content.decoderResult().cause());
            return;
        }
        if (message instanceof HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            bodyLastRead = last ? 0 : System.nanoTime();
            if (last && http2 && deadlines != null) {
                deadlines.unwatchBody(this);
            }
            if (exchange != null && !discarding) {
                exchange.content(content);
            } else {
                ReferenceCountUtil.release(content);
            }
            if (last) {
                discarding = false;
                if (!http2) {
                    exchange = exchange instanceof EchoExchange ? null : exchange;
                }
            }
        } else if (!(message instanceof HttpRequest)) {
            ReferenceCountUtil.release(message);
        }
    }

    /** When the last piece of the body arrived (0: no body is being read). */
    long bodyLastRead() {
        return bodyLastRead;
    }

    /** Whether the gateway reads the body now (not while it holds the client back for a slow upstream). */
    boolean readingBody() {
        return context != null && context.channel().config().isAutoRead();
    }

    void bodyReadAt(long nanos) {
        bodyLastRead = nanos;
    }

    /**
     * No piece of the body came for timeouts.request_body: the upstream exchange is abandoned, and the
     * client gets 408 REQUEST_BODY_TIMEOUT, or, when its answer had begun, a closed connection (HTTP/1.1)
     * or a reset stream (HTTP/2).
     */
    void bodyTimedOut(java.time.Duration timeout) {
        ChannelHandlerContext ctx = context;
        RequestRecord info = current;
        bodyLastRead = 0;
        if (deadlines != null && http2) {
            deadlines.unwatchBody(this);
        }
        if (ctx == null || info == null) {
            return;
        }
        boolean proxied = exchange instanceof ProxyExchange;
        // Answered already: by the upstream (streaming), or refused early while its body was being dropped.
        boolean refusedEarly = exchange == null && info.status() != 0;
        boolean answering = refusedEarly || exchange != null && exchange.responseStarted();
        if (exchange != null) {
            exchange.abort();
            exchange = null;
        }
        String limit = dev.mtlskit.gateway.log.RejectionLog.duration(timeout) + " (timeouts.request_body)";
        listener.rejections().timedOut(connection.remoteAddress(), Cutoff.REQUEST_BODY, "the body of " + info.method() + " "
                + dev.mtlskit.names.Printable.of(info.path()) + " stalled: nothing came for " + limit + "; "
                + (answering ? (http2 ? "the stream was reset" : "the connection was closed") + " (its answer had begun)"
                : "answered 408" + (http2 ? " on the stream" : " and closed"))
                + (proxied ? "; the request to the upstream was abandoned" : ""));
        if (answering) {
            if (!refusedEarly) {
                info.code(ProblemCode.REQUEST_BODY_TIMEOUT.name());
                AccessLog.ended(info);
            }
            ctx.close();
            return;
        }
        expectContinue = false;
        refuse(ctx, info, ProblemCode.REQUEST_BODY_TIMEOUT, "No part of the request body arrived for "
                + dev.mtlskit.gateway.log.RejectionLog.duration(timeout) + ".", true);
        if (http2) {
            // The stream ends with the answer; a reset tells the client to stop sending the rest of the body.
            ctx.channel().eventLoop().execute(ctx::close);
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        if (connection.hasAttr(ListenerRuntime.REFUSED_SINCE)) {
            // The client's certificate was refused since its handshake (a new CRL, its CA removed): nothing more.
            exchange = null; // the request's body, if any, is dropped
            connection.close();
            return;
        }
        // One request, one configuration: a reload in the middle of it applies to the next request.
        ListenerRuntime.State state = listener.state();
        ClientPeer peer = ClientPeer.of(connection, state.config().trustedProxies());
        RequestRecord info = new RequestRecord(request, connection, http2, System.nanoTime(), state.config().name(),
                peer.address(), connection.attr(ConnectionInitializer.OUTCOME).get());
        current = info;
        listener.requestStarted(connection);
        info.started(() -> {
            listener.requestEnded(connection);
            state.metrics().request(info.route(), info.status(), System.nanoTime() - info.startNanos());
        });
        if (request.decoderResult().isFailure()
                && request.decoderResult().cause() instanceof io.netty.handler.codec.TooLongFrameException) {
            refuse(ctx, info, ProblemCode.HEADERS_TOO_LARGE, "The request line or headers exceed the limit of "
                    + state.config().limits().maxHeaderBytes() + " bytes.", true);
            return;
        }
        expectContinue = HttpUtil.is100ContinueExpected(request);
        if (request.decoderResult().isFailure()) {
            refuse(ctx, info, ProblemCode.BAD_REQUEST,
                    "The request could not be parsed: " + sentence(request.decoderResult().cause()) + ".", true);
            return;
        }
        long limit = state.config().limits().maxBodyBytes();
        if (HttpUtil.getContentLength(request, -1L) > limit) {
            refuse(ctx, info, ProblemCode.BODY_TOO_LARGE, "The request body of " + HttpUtil.getContentLength(request, -1L)
                    + " bytes exceeds the limit of " + limit + " bytes.", true);
            return;
        }
        HandshakeOutcome outcome = connection.attr(ConnectionInitializer.OUTCOME).get();
        if (!(state.config().kind() instanceof ListenerKind.MutualTls mutualTls)) {
            if (!state.upstream(state.config().policy().routes().get(0).upstream()).isAdmin()) {
                tunnel(ctx, info, peer, request, state); // nothing to authorize: the client is the local app
                return;
            }
            // The loopback admin listener: routed (paths checked, GET and HEAD only) for anybody on this host.
        } else if (refusedClient(ctx, info, outcome, mutualTls.tls().clientAuth())) {
            return;
        }
        if (outcome instanceof HandshakeOutcome.Verified verified) {
            outcome = verified.withIdentityHeaders(state.config().identityHeaders(), HeaderRules::identityHeaders);
        }
        Routing routing = state.config().policy().resolve(request.method().name(), info.path());
        switch (routing.outcome()) {
            case AMBIGUOUS_PATH -> {
                refuse(ctx, info, ProblemCode.AMBIGUOUS_PATH,
                        "The path " + info.path() + " could be read in different ways by different servers (an encoded "
                                + "slash or backslash, a control character, .. above the root, or a dot-segment with "
                                + "parameters such as ..;), so it is refused.", false);
                return;
            }
            case AMBIGUOUS_PARAMETERS -> {
                refuse(ctx, info, ProblemCode.AMBIGUOUS_PATH,
                        "The path " + info.path() + " would be authorized by another route once its ;parameters are "
                                + "removed, as servers such as Tomcat and Jetty do, so it is refused.",
                        "send the path without ;parameters", false);
                return;
            }
            case NO_ROUTE -> {
                refuse(ctx, info, ProblemCode.NO_ROUTE,
                        "No route of this gateway serves " + request.method().name() + " " + info.path() + ".", false);
                return;
            }
            case ROUTED -> { }
        }
        info.canonicalPath(routing.canonicalPath());
        info.forwardUri(routing.canonicalPath() + info.query());
        Route route = routing.route();
        info.route(route.pathPrefix());
        Decision decision = route.authorize(outcome.verifiedIdentity().orElse(null));
        if (!decision.allowed()) {
            info.reason(decision.reason().name());
            refuse(ctx, info, decision.reason(), decision.message(), decision.reason().fix());
            return;
        }
        if (expectContinue) {
            // The gateway answers Expect: 100-continue itself, once it takes the body (Expect is not forwarded).
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        UpstreamRuntime upstream = state.upstream(route.upstream());
        exchange = upstream.isEcho() ? new EchoExchange(ctx, info, peer, outcome, state.config())
                : upstream.isAdmin() ? new AdminExchange(ctx, info, upstream.admin())
                : new ProxyExchange(ctx, info, peer, request, outcome, upstream, state.config());
    }

    /**
     * HTTP/1.1 body framing that breaks mid-body (a chunk-size line ended by a bare LF, a chunk not
     * followed by CRLF): where the request ends is ambiguous, so the connection ends too, with 400 if
     * nothing was answered yet; the upstream, if any, gets no end of the body (its connection is closed).
     */
    private void malformedBody(ChannelHandlerContext ctx, Throwable cause) {
        Exchange running = exchange;
        boolean answered = discarding || running == null || running.answered() || current == null;
        if (running != null) {
            running.abort();
        }
        exchange = null;
        if (answered) {
            ctx.close();
            return;
        }
        refuse(ctx, current, ProblemCode.BAD_REQUEST, "The request body could not be parsed: " + bodyFailure(cause) + ".",
                true);
    }

    private static String bodyFailure(Throwable cause) {
        if (cause instanceof io.netty.handler.codec.http.InvalidChunkExtensionException) {
            return "a chunk-size line is malformed (it must end with CRLF, and extensions must be well-formed)";
        }
        if (cause instanceof io.netty.handler.codec.http.InvalidChunkTerminationException) {
            return "a chunk is not followed by CRLF";
        }
        if (cause instanceof NumberFormatException) {
            return "a chunk size is not a hexadecimal number";
        }
        return cause.getMessage() != null ? sentence(cause) : "the chunked body is malformed";
    }

    /** Netty's message without its final period (the detail adds one), or a plain default. */
    private static String sentence(Throwable cause) {
        String message = cause.getMessage() == null ? "malformed" : cause.getMessage().strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /**
     * {@code mtls tunnel}: nothing to authorize (the client is the local app), so the request goes
     * to the single route's upstream with its target as the app wrote it (encoded slashes and all),
     * in origin form even if the app sent an absolute URL (as to a proxy).
     */
    /** A client without a valid certificate, in explain mode: answered 401 with why (true: it was). */
    private boolean refusedClient(ChannelHandlerContext ctx, RequestRecord info, HandshakeOutcome outcome, ClientAuthMode mode) {
        if (outcome instanceof HandshakeOutcome.InvalidCertificate invalid) {
            // Only in explain mode does a connection with an invalid certificate get this far.
            Verdict verdict = invalid.verdict();
            info.reason(verdict.reason().name());
            refuse(ctx, info, verdict.reason(), verdict.message(), verdict.fix());
            return true;
        }
        if (outcome.verifiedIdentity().isEmpty() && mode == ClientAuthMode.EXPLAIN) {
            info.reason(Reason.NO_CLIENT_CERT.name());
            refuse(ctx, info, Reason.NO_CLIENT_CERT,
                    "This API requires a client certificate (mutual TLS), and the connection presented none.",
                    "call it with your client certificate and key, e.g. curl --cert client.crt --key client.key");
            return true;
        }
        return false;
    }

    private void tunnel(ChannelHandlerContext ctx, RequestRecord info, ClientPeer peer, HttpRequest request,
                        ListenerRuntime.State state) {
        Route route = state.config().policy().routes().get(0);
        info.canonicalPath(info.path());
        info.forwardUri(originForm(info.uri()));
        info.route(route.pathPrefix());
        if (expectContinue) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        exchange = new ProxyExchange(ctx, info, peer, request, connection.attr(ConnectionInitializer.OUTCOME).get(),
                state.upstream(route.upstream()), state.config());
    }

    /** {@code http://host:port/path?query} → {@code /path?query}; an origin-form target stays as it is. */
    static String originForm(String uri) {
        int scheme = uri.indexOf("://");
        if (uri.startsWith("/") || scheme < 0) {
            return uri;
        }
        int path = uri.indexOf('/', scheme + 3);
        int query = uri.indexOf('?', scheme + 3);
        if (path < 0 || (query >= 0 && query < path)) {
            return "/" + (query < 0 ? "" : uri.substring(query));
        }
        return uri.substring(path);
    }

    private void refuse(ChannelHandlerContext ctx, RequestRecord info, ProblemCode code, String detail, boolean close) {
        refuse(ctx, info, Problems.response(ctx.alloc(), code, detail, info.path()), code, close);
    }

    /** @param fix the caller's fix, said more precisely for this occurrence than {@code code}'s */
    private void refuse(ChannelHandlerContext ctx, RequestRecord info, ProblemCode code, String detail, String fix,
                        boolean close) {
        refuse(ctx, info, Problems.response(ctx.alloc(), code, detail, fix, info.path()), code, close);
    }

    /** A refused certificate or identity (401, or 403 for NOT_AUTHORIZED): the connection stays open. */
    private void refuse(ChannelHandlerContext ctx, RequestRecord info, Reason reason, String detail, String fix) {
        HandshakeOutcome outcome = info.outcome();
        java.security.cert.X509Certificate offered = outcome instanceof HandshakeOutcome.Verified verified
                ? verified.verdict().certificate()
                : outcome instanceof HandshakeOutcome.InvalidCertificate invalid ? invalid.verdict().certificate() : null;
        listener.metrics().refused(reason.name(), info.clientAddress(), offered, info.method() + " "
                + dev.mtlskit.names.Printable.of(info.path()) + ": " + detail);
        refuse(ctx, info, Problems.refused(ctx.alloc(), reason, detail, fix, info.path()), reason, false);
    }

    private void refuse(ChannelHandlerContext ctx, RequestRecord info, FullHttpResponse response, Code code,
                        boolean close) {
        discarding = true;
        exchange = null;
        // A client that expected 100-continue may or may not send its body now: only closing is unambiguous.
        close |= expectContinue;
        if (close && !http2) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        info.status(response.status().code());
        info.bytesOut(response.content().readableBytes());
        info.code(code.name());
        var future = ctx.writeAndFlush(response);
        if (close && !http2) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        AccessLog.ended(info);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (exchange != null) {
            exchange.clientWritabilityChanged(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (deadlines != null) {
            deadlines.unwatchBody(this);
        }
        if (exchange != null) {
            exchange.abort();
            exchange = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            exchange.abort();
            exchange = null;
        }
        if (http2) {
            // Http2StreamErrors logs it and the stream is reset with the error's code (not CANCEL).
            ctx.fireExceptionCaught(cause);
            return;
        }
        ctx.close();
    }
}
