package dev.mtlskit.gateway.http;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.mtlskit.gateway.config.UpstreamConfig;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * One upstream: where it is, how to reach it (plain HTTP/1.1, or TLS with the gateway's client
 * certificate), and a keep-alive pool per event loop, so that a request's upstream connection
 * lives on the same thread as its client connection and no lock is ever taken.
 */
final class UpstreamRuntime {

    /** Idle connections kept per event loop; more are closed when returned. */
    private static final int MAX_IDLE_PER_LOOP = 256;

    private final String name;
    private final URI uri;
    private final String host;
    private final int port;
    private final SslContext tls;
    private final Class<? extends Channel> channelType;
    private final int connectTimeoutMillis;
    private final Map<EventLoop, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

    UpstreamRuntime(UpstreamConfig config, SslContext tls, Class<? extends Channel> channelType, int connectTimeoutMillis) {
        this.name = config.name();
        this.uri = config.uri();
        this.tls = tls;
        this.channelType = channelType;
        this.connectTimeoutMillis = connectTimeoutMillis;
        if (isEcho()) {
            this.host = null;
            this.port = -1;
        } else {
            this.host = uri.getHost();
            this.port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        }
    }

    String name() {
        return name;
    }

    boolean isEcho() {
        return UpstreamConfig.ECHO.equals(uri);
    }

    /** Host header value for the upstream when the client sent none. */
    String authority() {
        return uri.getPort() > 0 ? host + ":" + port : host;
    }

    String describe() {
        return name + " (" + uri + ")";
    }

    /** A connection on {@code loop}: an idle one from the pool, else a new one. */
    Future<Channel> acquire(EventLoop loop) {
        Promise<Channel> promise = loop.newPromise();
        ArrayDeque<Channel> pool = idle.get(loop);
        while (pool != null && !pool.isEmpty()) {
            Channel channel = pool.pollLast();
            if (channel.isActive()) {
                return promise.setSuccess(channel);
            }
        }
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc(), host, port));
                        }
                        channel.pipeline().addLast("http", new HttpClientCodec());
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        Channel created = connect.channel();
        created.closeFuture().addListener(closed -> {
            ArrayDeque<Channel> loopPool = idle.get(loop);
            if (loopPool != null) {
                loopPool.remove(created);
            }
        });
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                promise.setFailure(done.cause());
                return;
            }
            if (tls == null) {
                promise.setSuccess(connect.channel());
                return;
            }
            connect.channel().pipeline().get(io.netty.handler.ssl.SslHandler.class).handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    promise.setSuccess(connect.channel());
                } else {
                    connect.channel().close();
                    promise.setFailure(handshake.cause());
                }
            });
        });
        return promise;
    }

    /** Returns a healthy keep-alive connection to the pool of its event loop. */
    void release(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        ArrayDeque<Channel> pool = idle.computeIfAbsent(channel.eventLoop(), loop -> new ArrayDeque<>());
        if (pool.size() >= MAX_IDLE_PER_LOOP) {
            channel.close();
            return;
        }
        channel.config().setAutoRead(true);
        pool.addLast(channel);
    }
}
