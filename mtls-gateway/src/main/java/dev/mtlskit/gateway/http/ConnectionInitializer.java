package dev.mtlskit.gateway.http;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.ListenerKind;
import dev.mtlskit.gateway.config.TlsConfig;
import dev.mtlskit.gateway.log.HandshakeFailure;
import dev.mtlskit.gateway.log.ProtocolLog;
import dev.mtlskit.gateway.log.RejectionLog;
import dev.mtlskit.gateway.metrics.ListenerMetrics;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.gateway.tls.ListenerTls;
import dev.mtlskit.gateway.tls.HandshakeOutcome;
import dev.mtlskit.gateway.tls.SignatureAlgorithmGuard;
import dev.mtlskit.tls.netty.TlsEngineFailure;
import dev.mtlskit.trust.Judgement;
import dev.mtlskit.trust.RejectedCertificateException;
import dev.mtlskit.validation.Verdict;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;

/**
 * The pipeline of one client connection: TLS, then, once the handshake says who the client is and
 * which protocol it speaks (ALPN), HTTP/2 or HTTP/1.1 with a {@link RequestHandler} per request.
 */
public final class ConnectionInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.rejected");

    private static final String CLIENT_HELLO_LATE = "no complete TLS ClientHello arrived in time (timeouts.client_hello)";

    /** The handshake's outcome, on the connection channel. */
    public static final AttributeKey<HandshakeOutcome> OUTCOME = AttributeKey.valueOf("mtls.handshake");
    /** Set on connections that speak HTTP/2. */
    static final AttributeKey<Boolean> HTTP2 = AttributeKey.valueOf("mtls.http2");

    /** What a plain HTTP/1.1 connection ({@code mtls tunnel}) establishes: nothing about the client. */
    private static final HandshakeOutcome PLAINTEXT = new HandshakeOutcome.NoTls();
    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_CHUNK = 16 * 1024;

    private final ListenerRuntime listener;
    private final ProtocolLog protocolLog;

    public ConnectionInitializer(ListenerRuntime listener) {
        this.listener = listener;
        this.protocolLog = new ProtocolLog(listener.config().name());
    }

    public ListenerRuntime listener() {
        return listener;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (!listener.admitConnection(channel)) {
            channel.close();
            return;
        }
        ListenerConfig config = listener.config();
        channel.config().setAllowHalfClosure(true); // a client that half-closes still gets its answer (HalfClosure)
        if (!(config.kind() instanceof ListenerKind.MutualTls mutualTls)) {
            // mtls tunnel: the local app speaks plain HTTP/1.1; the tunnel adds TLS towards the upstream.
            channel.attr(OUTCOME).set(PLAINTEXT);
            channel.pipeline()
                    .addLast("idle", new IdleStateHandler(0, 0, config.timeouts().idle().toMillis(), TimeUnit.MILLISECONDS))
                    .addLast("idle-close", new IdleCloser())
                    .addLast("half-close", HalfClosure.INSTANCE);
            http1(channel.pipeline());
            return;
        }
        if (!listener.admitHandshake(channel)) {
            channel.close();
            return;
        }
        long accepted = System.nanoTime();
        // The certificate, trust and guard of the files as they are now; open connections keep theirs.
        ListenerTls.Connection tls = listener.tls().orElseThrow().newConnection();
        SslHandler ssl = tls.newHandler(channel.alloc(), channel.eventLoop());
        ssl.setHandshakeTimeoutMillis(config.timeouts().handshake().toMillis());
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, config.timeouts().idle().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("idle-close", new IdleCloser())
                .addLast("client-hello", new ClientHelloDeadline(listener))
                .addLast("sigalgs", tls.guard())
                .addLast("tls", ssl)
                .addLast("half-close", HalfClosure.INSTANCE)
                .addLast("handshake", new HandshakeHandler(ssl, tls, mutualTls.tls(), accepted));
    }

    /** Waits for the handshake, judges the client, then installs the HTTP protocol ALPN chose. */
    private final class HandshakeHandler extends ChannelInboundHandlerAdapter {
        private final SslHandler ssl;
        private final ListenerTls.Connection tls;
        /** The listener's TLS settings when the connection arrived. */
        private final TlsConfig settings;
        /** When the connection was accepted ({@link System#nanoTime()}). */
        private final long accepted;

        HandshakeHandler(SslHandler ssl, ListenerTls.Connection tls, TlsConfig settings, long accepted) {
            this.ssl = ssl;
            this.tls = tls;
            this.settings = settings;
            this.accepted = accepted;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (!(event instanceof SslHandshakeCompletionEvent completion)) {
                super.userEventTriggered(ctx, event);
                return;
            }
            listener.handshakeEnded(ctx.channel());
            if (!completion.isSuccess()) {
                handshakeFailed(ctx, completion.cause());
                return;
            }
            SSLSession session = ssl.engine().getSession();
            HandshakeOutcome outcome = judge(session, tls);
            ClientAuthMode mode = settings.clientAuth();
            if (outcome instanceof HandshakeOutcome.InvalidCertificate invalid) {
                // Explain mode answers each request 401 with the reason; the client is refused all the same.
                listener.metrics().rejected(invalid.verdict().reason().name(), RejectionLog.address(ctx.channel().remoteAddress()),
                        invalid.verdict().certificate(), invalid.verdict().message());
                if (mode != ClientAuthMode.EXPLAIN) {
                    // A resumed session skips certificate verification: its certificate may have expired since.
                    listener.rejections().certificateRejected(ctx.channel().remoteAddress(), invalid.verdict(),
                            invalid.verdict().certificate());
                    ctx.close();
                    return;
                }
            } else {
                listener.metrics().accepted(outcome instanceof HandshakeOutcome.Verified ? ListenerMetrics.VERIFIED
                        : Reason.NO_CLIENT_CERT.name(), resumed(session), System.nanoTime() - accepted,
                        outcome instanceof HandshakeOutcome.Verified verified ? verified.verdict().certificate() : null);
            }
            ctx.channel().attr(OUTCOME).set(outcome);
            if (outcome instanceof HandshakeOutcome.Verified verified && tls.trust().revocation() != null) {
                // While connected, the client's OCSP and CRL answers are asked again before they expire.
                dev.mtlskit.revocation.OnlineRevocation.Lease lease = tls.trust().revocation().follow(verified.verdict().path());
                ctx.channel().closeFuture().addListener(closed -> lease.close());
            }
            // No flush here: BoringSSL holds the TLS 1.3 session tickets until the first application write,
            // so they leave with the first response (or HTTP/2 SETTINGS) in the same record and write.
            // A flush with nothing to write sends nothing, not even the tickets, and cost a wrap per connection.
            String protocol = ssl.applicationProtocol();
            ChannelPipeline pipeline = ctx.pipeline();
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.channel().attr(HTTP2).set(Boolean.TRUE);
                http2(pipeline);
            } else {
                http1(pipeline);
            }
            pipeline.remove(this);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Handshake failures arrive as the completion event; anything else here is a broken connection.
            ctx.close();
        }

        /**
         * Whether the handshake resumed a session: BoringSSL says so; the JDK engine's session then
         * predates the connection (it was made by an earlier handshake).
         */
        private boolean resumed(SSLSession session) {
            if (ssl.engine() instanceof io.netty.handler.ssl.ReferenceCountedOpenSslEngine openSsl) {
                synchronized (openSsl) {
                    return openSsl.sslPointer() != 0 && io.netty.internal.tcnative.SSL.isSessionReused(openSsl.sslPointer());
                }
            }
            return session.getCreationTime() < TimeUnit.NANOSECONDS.toMillis(accepted - System.nanoTime()) + System.currentTimeMillis();
        }

        private void handshakeFailed(ChannelHandlerContext ctx, Throwable cause) {
            Throwable refused = ctx.channel().attr(SignatureAlgorithmGuard.REFUSAL).get();
            if (refused != null) {
                cause = refused; // the engine saw only the connection close
            }
            RejectedCertificateException rejected = RejectedCertificateException.find(cause);
            ListenerMetrics metrics = listener.metrics();
            String client = RejectionLog.address(ctx.channel().remoteAddress());
            if (rejected != null) {
                Verdict verdict = rejected.verdict();
                X509Certificate offered = verdict.path().isEmpty() ? verdict.certificate() : verdict.path().get(0);
                metrics.rejected(verdict.reason().name(), client, offered, verdict.message());
                listener.rejections().certificateRejected(ctx.channel().remoteAddress(), verdict, offered);
            } else if (TlsEngineFailure.noPeerCertificate(cause)) {
                metrics.rejected(Reason.NO_CLIENT_CERT.name(), client, null, "the client sent no certificate");
                listener.rejections().noCertificate(ctx.channel().remoteAddress());
            } else if (!ctx.channel().hasAttr(ClientHelloDeadline.SPOKE)) {
                // A health check or port scan: connected and closed without a byte. Not a failed handshake.
                if (ctx.channel().hasAttr(ClientHelloDeadline.CUT_OFF)) {
                    metrics.rejected(HandshakeFailure.HANDSHAKE_TIMEOUT, client, null, CLIENT_HELLO_LATE);
                } else {
                    metrics.probe(); // counted, not listed: probes are not clients failing
                }
                LOG.debug("[{}] {} connected and closed without sending anything (a probe)",
                        listener.config().name(), ctx.channel().remoteAddress());
            } else if (ctx.channel().hasAttr(ClientHelloDeadline.CUT_OFF)) {
                metrics.rejected(HandshakeFailure.HANDSHAKE_TIMEOUT, client, null, CLIENT_HELLO_LATE); // logged as timed out
            } else {
                HandshakeFailure failure = listener.rejections().handshakeFailed(ctx.channel().remoteAddress(), cause,
                        settings.protocols(), listener.config().timeouts().handshake(),
                        ctx.channel().hasAttr(ClientHelloDeadline.PLAIN_HTTP));
                metrics.rejected(failure.reason(), client, null, failure.words());
            }
            ctx.close();
        }
    }

    /**
     * The judgement of the client's chain by the trust manager of the connection's context: found in its
     * memory (the handshake just judged it), or made now for a resumed session, which skipped verification
     * (its certificate may have expired since). A context's sessions are resumed only under its own trust.
     */
    private static HandshakeOutcome judge(SSLSession session, ListenerTls.Connection tls) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate certificate : session.getPeerCertificates()) {
                chain.add((X509Certificate) certificate);
            }
        } catch (SSLPeerUnverifiedException noCertificate) {
            return new HandshakeOutcome.NoCertificate(session.getProtocol(), session.getCipherSuite());
        }
        if (chain.isEmpty()) {
            return new HandshakeOutcome.NoCertificate(session.getProtocol(), session.getCipherSuite());
        }
        Judgement judgement = tls.trust().judgeClient(chain);
        if (!judgement.verdict().valid()) {
            return new HandshakeOutcome.InvalidCertificate(session.getProtocol(), session.getCipherSuite(),
                    judgement.verdict());
        }
        return new HandshakeOutcome.Verified(session.getProtocol(), session.getCipherSuite(), judgement.verdict(),
                judgement.identity(), judgement.identityHeaders(), tls.identityHeaders());
    }

    private void http2(ChannelPipeline pipeline) {
        int headerLimit = listener.config().limits().maxHeaderBytes();
        // The codec takes header lists up to a hard cap so that those over the limit get 431 on their stream.
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(listener.config().limits().maxConcurrentStreams())
                .maxHeaderListSize(Http2Codec.hardCap(headerLimit));
        pipeline.addLast("h2-budget", new Http2FrameBudget());
        pipeline.addLast("h2", Http2Codec.forServer(settings, headerLimit, protocolLog));
        RequestDeadlines.start(listener, pipeline.channel(), true);
        pipeline.addLast("h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2HeaderListLimit(headerLimit))
                        .addLast(new Http2StreamFrameToHttpObjectCodec(true))
                        .addLast(new RequestHandler(listener, stream.parent(), true))
                        .addLast(new Http2StreamErrors(protocolLog));
            }
        }));
        pipeline.addLast("h2-errors", new Http2ConnectionErrors(protocolLog));
    }

    private void http1(ChannelPipeline pipeline) {
        RequestDeadlines deadlines = RequestDeadlines.start(listener, pipeline.channel(), false);
        pipeline.addLast("h1-head-bytes", deadlines.headBytesWatcher());
        pipeline.addLast("h1", new HttpServerCodec(MAX_INITIAL_LINE, listener.config().limits().maxHeaderBytes(), MAX_CHUNK));
        pipeline.addLast("h1-keepalive", new HttpServerKeepAliveHandler());
        pipeline.addLast("h1-deadlines", deadlines.messageWatcher());
        pipeline.addLast("request", new RequestHandler(listener, pipeline.channel(), false));
    }

    /** Closes connections that were idle for the configured time. */
    private static final class IdleCloser extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof io.netty.handler.timeout.IdleStateEvent) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }
    }
}
