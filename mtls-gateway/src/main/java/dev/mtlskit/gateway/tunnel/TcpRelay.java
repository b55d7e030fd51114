package dev.mtlskit.gateway.tunnel;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.mtlskit.gateway.Gateway;
import dev.mtlskit.gateway.Transport;
import dev.mtlskit.gateway.log.UpstreamFailure;
import dev.mtlskit.gateway.log.UpstreamLog;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * {@code mtls tunnel --tcp}: each local connection gets its own TLS connection to the target, made
 * on the same event loop, and bytes pass unchanged both ways. The local side is not read until
 * the handshake succeeded; then each side is read only while the other can take more (auto-read
 * follows the other side's writability), so a fast sender never fills memory. An end of input on
 * one side (a TCP half-close, or the server's close_notify) ends output on the other, and the
 * connection pair closes once both directions ended. A failed connect or handshake is logged with
 * its code and the local connection closed.
 */
final class TcpRelay implements AutoCloseable {

    private final EventLoopGroup group;
    private final List<Channel> servers;
    private final ChannelGroup connections;

    private TcpRelay(EventLoopGroup group, List<Channel> servers, ChannelGroup connections) {
        this.group = group;
        this.servers = List.copyOf(servers);
        this.connections = connections;
    }

    static TcpRelay start(TunnelConfig config, Supplier<SslContext> tls, String name) throws InterruptedException {
        Transport transport = Transport.available();
        EventLoopGroup group = transport.group(config.threads());
        Class<? extends ServerChannel> serverType = transport.serverChannel();
        Class<? extends Channel> clientType = transport.clientChannel();
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Target target = new Target(name, config.target(), config.host(), config.port(), tls, clientType,
                (int) config.connectTimeout().toMillis());
        List<Channel> servers = new ArrayList<>();
        try {
            ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(serverType)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.AUTO_READ, false) // nothing is read before the upstream handshake
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            connections.add(channel);
                            channel.pipeline().addLast("relay", new Local(target));
                        }
                    });
            // As the gateway's listeners: "localhost" is every loopback address, and with port 0 all get the first's port.
            for (InetSocketAddress wanted : Gateway.bindAddresses(config.listen())) {
                InetSocketAddress listen = wanted.isUnresolved()
                        ? new InetSocketAddress(wanted.getHostString(), wanted.getPort()) : wanted;
                if (listen.getPort() == 0 && !servers.isEmpty()) {
                    listen = new InetSocketAddress(listen.getAddress(),
                            ((InetSocketAddress) servers.get(0).localAddress()).getPort());
                }
                servers.add(bootstrap.bind(listen).sync().channel());
            }
            return new TcpRelay(group, servers, connections);
        } catch (Exception e) { // a failed bind comes as an undeclared IOException from the native transport
            servers.forEach(Channel::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) servers.get(0).localAddress();
    }

    /** Stops accepting and cuts the open connections. */
    @Override
    public void close() {
        servers.forEach(server -> server.close().syncUninterruptibly());
        connections.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Where and how the upstream connections go. */
    private record Target(String name, URI uri, String host, int port, Supplier<SslContext> tls,
                          Class<? extends Channel> channelType, int connectTimeoutMillis) {
    }

    /** The local side of one connection pair; it opens the upstream side and owns the pair's state. */
    private static final class Local extends ChannelInboundHandlerAdapter {
        private final Target target;
        private Channel local;
        private Channel upstream;
        private boolean handshaken;
        private boolean localInputEnded;
        private boolean upstreamInputEnded;

        Local(Target target) {
            this.target = target;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            local = ctx.channel();
            SslContext context = target.tls().get(); // the certificate files as they are now
            Bootstrap bootstrap = new Bootstrap().group(local.eventLoop()).channel(target.channelType())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, target.connectTimeoutMillis())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline()
                                    .addLast("tls", context.newHandler(channel.alloc(), target.host(), target.port()))
                                    .addLast("relay", new Remote(Local.this));
                        }
                    });
            var connect = bootstrap.connect(target.host(), target.port());
            upstream = connect.channel();
            connect.addListener(connected -> {
                if (!connected.isSuccess()) {
                    failed(connected.cause());
                    return;
                }
                upstream.pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
                    if (!handshake.isSuccess()) {
                        failed(handshake.cause());
                        return;
                    }
                    handshaken = true;
                    if (local.isActive()) {
                        local.config().setAutoRead(true);
                    } else {
                        upstream.close();
                    }
                });
            });
            ctx.fireChannelActive();
        }

        /** The upstream could not be reached or refused the handshake (or failed afterwards): one log line, then close. */
        void failed(Throwable cause) {
            if (local.isActive() || upstream.isActive()) {
                UpstreamLog.failed(target.name(), target.uri(), UpstreamFailure.of(cause));
            }
            closeBoth();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (upstream.isActive()) {
                upstream.write(message, upstream.voidPromise());
            } else {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            upstream.flush();
            if (!upstream.isWritable()) {
                local.config().setAutoRead(false); // until the upstream drained its buffer
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (handshaken && !upstreamInputEnded) {
                upstream.config().setAutoRead(local.isWritable());
            }
            ctx.fireChannelWritabilityChanged();
        }

        /** The remote side can take more: read the local side again. */
        void upstreamWritabilityChanged() {
            if (handshaken && !localInputEnded) {
                local.config().setAutoRead(upstream.isWritable());
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                localInputEnded = true;
                // The app finished sending: so does the tunnel, with close_notify, then a FIN.
                SslHandler ssl = upstream.pipeline().get(SslHandler.class);
                upstream.flush();
                if (ssl != null && upstream.isActive()) {
                    ssl.closeOutbound().addListener(sent -> shutdownOutput(upstream));
                }
                closeIfBothEnded();
            }
            ReferenceCountUtil.release(event);
        }

        /** The upstream finished sending (close_notify or FIN): so does the tunnel towards the app. */
        void upstreamInputEnded() {
            if (upstreamInputEnded) {
                return;
            }
            upstreamInputEnded = true;
            local.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> shutdownOutput(local));
            closeIfBothEnded();
        }

        private void closeIfBothEnded() {
            if (localInputEnded && upstreamInputEnded) {
                closeBoth();
            }
        }

        void closeBoth() {
            flushAndClose(local);
            if (upstream != null) {
                flushAndClose(upstream);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (upstream != null) {
                flushAndClose(upstream);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeBoth(); // the app reset its connection, say: nothing to tell about the target
        }

        private static void shutdownOutput(Channel channel) {
            if (channel.isActive() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            }
        }

        private static void flushAndClose(Channel channel) {
            if (channel.isActive()) {
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /** The upstream side of one connection pair: hands everything to its {@link Local}. */
    private static final class Remote extends ChannelInboundHandlerAdapter {
        private final Local pair;

        Remote(Local pair) {
            this.pair = pair;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (pair.local.isActive()) {
                pair.local.write(message, pair.local.voidPromise());
            } else {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            pair.local.flush();
            if (!pair.local.isWritable()) {
                ctx.channel().config().setAutoRead(false); // until the app read what it was sent
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            pair.upstreamWritabilityChanged();
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent || event instanceof SslCloseCompletionEvent && peerClosed(ctx)) {
                pair.upstreamInputEnded();
            }
            ReferenceCountUtil.release(event);
        }

        /**
         * Whether the server sent close_notify. The event also comes when the tunnel sent its own
         * (BoringSSL's engine then reports itself closed), while the server may still be sending.
         */
        private static boolean peerClosed(ChannelHandlerContext ctx) {
            SslHandler ssl = ctx.pipeline().get(SslHandler.class);
            return ssl == null || ssl.engine().isInboundDone();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            pair.flushAndClose(pair.local);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (pair.handshaken) {
                pair.failed(cause); // e.g. TLS 1.3: the server refuses the certificate after the handshake
            } else {
                ctx.close(); // the handshake's own failure is reported by its future
            }
        }
    }
}
