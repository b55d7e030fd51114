package dev.mtlskit.gateway;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.PasswordSource;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;

/**
 * A raw HTTP/2 client for one GET, frame by frame: what a test needs that curl does not do, such
 * as sending PINGs while it waits, and seeing the RST_STREAM error code.
 */
final class H2Probe {

    /**
     * What came back on the stream.
     *
     * @param status the response status, or 0 when no headers came
     * @param body the DATA received
     * @param resetCode the RST_STREAM error code, or -1 when none came
     * @param ended whether the response ended normally (END_STREAM)
     * @param pingAcks PING acknowledgements the gateway sent meanwhile
     */
    record Outcome(int status, String body, long resetCode, boolean ended, int pingAcks) {
    }

    private H2Probe() {
    }

    /** GET {@code path} as {@code client}, sending a PING every {@code pingEvery}, until the stream ends, is reset or {@code timeout}. */
    static Outcome get(GatewayFixture.RunningGateway gateway, GatewayPki pki, GatewayPki.Client client, String path,
                       Duration pingEvery, Duration timeout) throws Exception {
        return get(gateway, pki, client, path, pingEvery, timeout, false);
    }

    /** @param halfClose after the request, end the connection's output with a TCP FIN (no close_notify, no GOAWAY) */
    static Outcome get(GatewayFixture.RunningGateway gateway, GatewayPki pki, GatewayPki.Client client, String path,
                       Duration pingEvery, Duration timeout, boolean halfClose) throws Exception {
        KeyMaterial key = KeyMaterial.load(client.certificate(), client.key(), PasswordSource.none());
        SslContext ssl = SslContextBuilder.forClient().keyManager(key.privateKey(), key.chain())
                .trustManager(pki.caCertificate.toFile())
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, "h2"))
                .build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Collector collector = new Collector();
            Http2FrameCodec codec = Http2FrameCodecBuilder.forClient().build();
            Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), "localhost", gateway.port()), codec,
                                    collector);
                        }
                    })
                    .connect("127.0.0.1", gateway.port()).sync().channel();
            // Once the server's SETTINGS came (and were acknowledged): an HTTP/2 client that ends its output
            // before that cannot acknowledge them, and the server would rightly give up on it.
            collector.settingsReceived.thenRun(() -> channel.eventLoop().execute(() -> {
                Http2FrameStream stream = collector.newStream();
                var sent = channel.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("GET")
                        .path(path).scheme("https").authority("localhost:" + gateway.port()), true).stream(stream));
                if (halfClose) {
                    sent.addListener(done -> ((io.netty.channel.socket.DuplexChannel) channel).shutdownOutput());
                }
            }));
            AtomicInteger pings = new AtomicInteger();
            var pinger = halfClose ? null : channel.eventLoop().scheduleAtFixedRate(
                    () -> channel.writeAndFlush(new DefaultHttp2PingFrame(pings.incrementAndGet())),
                    pingEvery.toMillis(), pingEvery.toMillis(), TimeUnit.MILLISECONDS);
            try {
                collector.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillOpen) {
                // the outcome says so: neither ended nor reset
            }
            if (pinger != null) {
                pinger.cancel(false);
            }
            channel.close().sync();
            synchronized (collector) {
                return new Outcome(collector.status, collector.body.toString(java.nio.charset.StandardCharsets.UTF_8),
                        collector.resetCode, collector.ended, collector.pingAcks);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static final class Collector extends Http2ChannelDuplexHandler {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final CompletableFuture<Void> settingsReceived = new CompletableFuture<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status;
        long resetCode = -1;
        boolean ended;
        int pingAcks;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            synchronized (this) {
                if (message instanceof Http2HeadersFrame headers) {
                    if (headers.headers().status() != null) {
                        status = Integer.parseInt(headers.headers().status().toString());
                    }
                    ended |= headers.isEndStream();
                } else if (message instanceof Http2DataFrame data) {
                    byte[] bytes = new byte[data.content().readableBytes()];
                    data.content().readBytes(bytes);
                    body.writeBytes(bytes);
                    ended |= data.isEndStream();
                } else if (message instanceof Http2ResetFrame reset) {
                    resetCode = reset.errorCode();
                    done.complete(null);
                } else if (message instanceof io.netty.handler.codec.http2.Http2SettingsFrame) {
                    settingsReceived.complete(null);
                } else if (message instanceof Http2PingFrame ping && ping.ack()) {
                    pingAcks++;
                }
                if (ended) {
                    done.complete(null);
                }
            }
            ReferenceCountUtil.release(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.complete(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.complete(null);
            ctx.close();
        }
    }
}
