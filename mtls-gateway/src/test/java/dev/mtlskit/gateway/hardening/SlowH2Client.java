package dev.mtlskit.gateway.hardening;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.mtlskit.gateway.GatewayPki;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;

/**
 * An HTTP/2 client (Netty's codec, acme's certificate) that sends a request body in pieces when the
 * test says so, or never: what curl and Java's client cannot do (curl blocks reading its input,
 * Java's waits for its request body before it shows the answer).
 */
final class SlowH2Client implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel connection;
    final CompletableFuture<Http2GoAwayFrame> goAway = new CompletableFuture<>();

    SlowH2Client(GatewayPki pki, int port) throws Exception {
        SslContext tls = SslContextBuilder.forClient()
                .keyManager(pki.acme.certificate().toFile(), pki.acme.key().toFile())
                .trustManager(pki.caCertificate.toFile())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc(), "127.0.0.1", port),
                                Http2FrameCodecBuilder.forClient().build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                                new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object message) {
                                        if (message instanceof Http2GoAwayFrame frame) {
                                            goAway.complete(frame);
                                        }
                                        ReferenceCountUtil.release(message);
                                    }
                                });
                    }
                })
                .connect(SlowClients.LOCAL, port).sync().channel();
    }

    /** The connection closed (by the gateway) within {@code limit}. */
    boolean closedWithin(Duration limit) {
        return connection.closeFuture().awaitUninterruptibly(limit.toMillis());
    }

    /** A request whose body goes out piece by piece ({@link Request#send}). */
    Request post(String path) throws Exception {
        Request request = new Request();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(request).open().sync().getNow();
        request.stream = stream;
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("POST").path(path)
                .scheme("https").authority("127.0.0.1"), false)).sync();
        return request;
    }

    @Override
    public void close() {
        connection.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** One stream: what it answered, or that it was reset. */
    static final class Request extends ChannelInboundHandlerAdapter {
        private Http2StreamChannel stream;
        private final StringBuilder body = new StringBuilder();
        private String status;
        /** "STATUS BODY" once the answer ended; "reset CODE" or "closed" when it did not. */
        final CompletableFuture<String> outcome = new CompletableFuture<>();

        void send(String piece, boolean last) throws InterruptedException {
            ByteBuf data = Unpooled.copiedBuffer(piece, StandardCharsets.US_ASCII);
            stream.writeAndFlush(new DefaultHttp2DataFrame(data, last)).sync();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            try {
                if (message instanceof Http2HeadersFrame headers) {
                    if (status == null) {
                        status = String.valueOf(headers.headers().status());
                    }
                    if (headers.isEndStream()) {
                        outcome.complete(status + " " + body);
                    }
                } else if (message instanceof Http2DataFrame data) {
                    body.append(data.content().toString(StandardCharsets.UTF_8));
                    if (data.isEndStream()) {
                        outcome.complete(status + " " + body);
                    }
                } else if (message instanceof Http2ResetFrame reset) {
                    outcome.complete("reset " + reset.errorCode());
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            outcome.complete("closed");
        }
    }
}
