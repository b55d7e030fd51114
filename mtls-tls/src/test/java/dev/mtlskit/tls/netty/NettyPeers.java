package dev.mtlskit.tls.netty;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/** A Netty HTTPS client and an echo server, each taking its TLS context per connection from a supplier. */
final class NettyPeers implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    /** An open, handshaken client connection. */
    final class Connection implements AutoCloseable {
        private final Channel channel;
        private final CompletableFuture<String> response;

        private Connection(Channel channel, CompletableFuture<String> response) {
            this.channel = channel;
            this.response = response;
        }

        /** The certificate the server presented. */
        X509Certificate serverCertificate() throws SSLPeerUnverifiedException {
            return (X509Certificate) channel.pipeline().get(SslHandler.class).engine().getSession()
                    .getPeerCertificates()[0];
        }

        /** Sends GET / and returns the response body (the server closes the connection after it). */
        String get(String host) throws Exception {
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
            request.headers().set(HttpHeaderNames.HOST, host).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(request);
            return response.get(20, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
        }
    }

    /** Connects with {@code context} to {@code host}, which the server's certificate must be valid for. */
    Connection connect(SslContext context, String host, int port) throws Exception {
        CompletableFuture<String> response = new CompletableFuture<>();
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(context.newHandler(channel.alloc(), host, port),
                                new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse message) {
                                        response.complete(message.content().toString(StandardCharsets.UTF_8));
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        response.completeExceptionally(cause);
                                        ctx.close();
                                    }
                                });
                    }
                })
                .connect(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        try {
            channel.pipeline().get(SslHandler.class).handshakeFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            channel.close();
            throw (Exception) e.getCause();
        }
        return new Connection(channel, response);
    }

    /** Connects, sends GET / and returns the body: the subject of the certificate the server saw. */
    String call(SslContext context, String host, int port) throws Exception {
        try (Connection connection = connect(context, host, port)) {
            return connection.get(host);
        }
    }

    /**
     * An HTTPS server on the loopback that answers each request with the subject of the client's
     * certificate and closes the connection; each connection takes its context from {@code contexts}.
     */
    Channel echoServer(Supplier<SslContext> contexts) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        SslHandler ssl = contexts.get().newHandler(channel.alloc());
                        channel.pipeline().addLast(ssl, new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        String subject;
                                        try {
                                            subject = ((X509Certificate) ssl.engine().getSession()
                                                    .getPeerCertificates()[0]).getSubjectX500Principal().getName();
                                        } catch (SSLPeerUnverifiedException e) {
                                            subject = "(none)";
                                        }
                                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK,
                                                Unpooled.copiedBuffer(subject, StandardCharsets.UTF_8));
                                        response.headers().set(HttpHeaderNames.CONTENT_LENGTH,
                                                response.content().readableBytes())
                                                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                                        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close(); // handshake failures: the client sees the alert
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
