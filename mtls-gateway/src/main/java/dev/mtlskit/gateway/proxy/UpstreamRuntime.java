package dev.mtlskit.gateway.proxy;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.gateway.log.UpstreamFailure;
import dev.mtlskit.gateway.log.UpstreamLog;
import dev.mtlskit.gateway.admin.AdminPages;
import dev.mtlskit.gateway.metrics.GatewayMetrics;
import dev.mtlskit.tls.netty.ReloadingNettyContexts;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * One upstream, shared by every listener: where it is, how to reach it (plain HTTP/1.1, or TLS
 * with the gateway's client certificate, possibly reloaded: a connection made with an earlier TLS
 * context is not taken from the pool again), and a keep-alive pool per event loop, so that a
 * request's upstream connection lives on the same thread as its client connection and no lock is
 * ever taken. Open connections (connecting, busy and idle, on every event loop) are counted
 * against {@code max_connections}; at the limit a request fails with
 * {@link UpstreamBusyException} instead of waiting.
 */
public final class UpstreamRuntime {

    /** The client TLS context a connection was made with. */
    private static final AttributeKey<SslContext> CONTEXT = AttributeKey.valueOf("mtls.upstreamTls");
    /**
     * The last handler of every upstream connection; an exchange puts itself before it. Errors with
     * no exchange attached (a failed handshake, a reset while idle) close the connection: whoever
     * waited for it heard through its future.
     */
    static final String UNATTACHED = "unattached";
    private static final ChannelHandler CLOSE_ON_ERROR = new CloseOnError();
    /** Idle connections kept per event loop; more are closed when returned. */
    private static final int MAX_IDLE_PER_LOOP = 256;
    /** Netty's default: a longer status line is not HTTP from a server that means it. */
    private static final int MAX_STATUS_LINE = 4096;
    private static final int MAX_CHUNK = 16 * 1024;

    private final String name;
    private final URI uri;
    private final String host;
    private final int port;
    /** Asked at each new connection; {@code null} for plain HTTP. */
    private final Supplier<SslContext> tls;
    private final Class<? extends Channel> channelType;
    private final int maxConnections;
    private final java.time.Duration responseIdleTimeout;
    private final int maxResponseHeaderBytes;
    private final AtomicInteger open = new AtomicInteger();
    private final UpstreamBusyException busy;
    private final Map<EventLoop, IdlePool> idle = new ConcurrentHashMap<>();
    private volatile boolean retired;
    private final GatewayMetrics metrics;
    /** What the admin upstream answers with; null where there is no admin listener. */
    private final AdminPages admin;

    UpstreamRuntime(UpstreamConfig config, Supplier<SslContext> tls, Class<? extends Channel> channelType,
                    GatewayMetrics metrics, AdminPages admin) {
        this.metrics = metrics;
        this.admin = admin;
        this.name = config.name();
        this.uri = config.uri();
        this.tls = tls;
        this.channelType = channelType;
        this.maxConnections = config.maxConnections();
        this.responseIdleTimeout = config.responseIdleTimeout();
        this.maxResponseHeaderBytes = config.maxResponseHeaderBytes();
        this.busy = new UpstreamBusyException(config.name(), config.maxConnections());
        if (isEcho() || isAdmin()) {
            this.host = null;
            this.port = -1;
        } else {
            this.host = uri.getHost();
            this.port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        }
    }

    public String name() {
        return name;
    }

    /** The client TLS, asked at each new connection; {@code null} for plain HTTP. */
    Supplier<SslContext> tls() {
        return tls;
    }

    /** A connection or exchange with this upstream failed: logged (rate-limited) and counted by code. */
    void failed(UpstreamFailure failure) {
        UpstreamLog.failed(name, uri, failure);
        metrics.upstreamError(name, failure.code().name(), dev.mtlskit.names.Printable.of(failure.explanation()));
    }

    public boolean isEcho() {
        return UpstreamConfig.ECHO.equals(uri);
    }

    /** The admin listener's pages (on the admin upstream). */
    public AdminPages admin() {
        return admin;
    }

    /** The built-in admin upstream: health, metrics and status, answered in the gateway. */
    public boolean isAdmin() {
        return UpstreamConfig.ADMIN.equals(uri);
    }

    /** Host header value for the upstream (when the client sent none, or always from {@code mtls tunnel}). */
    String authority() {
        boolean defaultPort = port == ("https".equals(uri.getScheme()) ? 443 : 80);
        return defaultPort ? host : host + ":" + port;
    }

    public URI uri() {
        return uri;
    }

    int maxConnections() {
        return maxConnections;
    }

    java.time.Duration responseIdleTimeout() {
        return responseIdleTimeout;
    }

    int maxResponseHeaderBytes() {
        return maxResponseHeaderBytes;
    }

    /** Connections open now (connecting, busy or idle), all event loops together. */
    public int openConnections() {
        return open.get();
    }

    /** Idle pooled connections now (each event loop's count, read without its lock: a hint). */
    public int idleConnections() {
        int idleNow = 0;
        for (IdlePool pool : idle.values()) {
            idleNow += pool.size();
        }
        return idleNow;
    }

    /**
     * A connection on {@code loop}: an idle one from its pool, else a new one while fewer than
     * {@code max_connections} are open, else (an idle connection on another event loop gives up
     * its place) a new one after that one closed; failing that, {@link UpstreamBusyException}.
     * Never waits for a busy connection.
     */
    Future<Channel> acquire(EventLoop loop, int connectTimeoutMillis) {
        Promise<Channel> promise = loop.newPromise();
        SslContext context = tls == null ? null : tls.get();
        Channel pooled;
        while ((pooled = pool(loop).poll()) != null) {
            if (pooled.attr(CONTEXT).get() == context) {
                return promise.setSuccess(pooled);
            }
            // Made with a certificate that was reloaded since: requests from now on present the new one.
            pooled.close();
        }
        if (reserve()) {
            connect(loop, context, connectTimeoutMillis, promise);
        } else {
            reclaimIdleElsewhere(loop, context, connectTimeoutMillis, promise);
        }
        return promise;
    }

    /** Takes a place among the {@code max_connections}, if one is free. */
    private boolean reserve() {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * At the limit, an idle connection pooled on another event loop cannot serve this one (it
     * belongs to its thread), but it can be closed to free its place. Its loop does that; the new
     * connection is then made on {@code loop} if the place is still free.
     */
    private void reclaimIdleElsewhere(EventLoop loop, SslContext context, int connectTimeoutMillis,
                                      Promise<Channel> promise) {
        for (Map.Entry<EventLoop, IdlePool> entry : idle.entrySet()) {
            IdlePool other = entry.getValue();
            if (entry.getKey() == loop || other.size() == 0) {
                continue;
            }
            entry.getKey().execute(() -> {
                Channel spare = other.poll();
                if (spare == null) {
                    promise.tryFailure(busy); // taken meanwhile by a request on its own loop
                    return;
                }
                spare.close();
                // Listeners run in the order they were added: the place was given back before this one runs.
                spare.closeFuture().addListener(closed -> {
                    if (reserve()) {
                        connect(loop, context, connectTimeoutMillis, promise);
                    } else {
                        promise.tryFailure(busy);
                    }
                });
            });
            return;
        }
        promise.setFailure(busy);
    }

    /** Opens a connection whose place was reserved; the place is given back when it closes (or never opened). */
    private void connect(EventLoop loop, SslContext context, int connectTimeoutMillis, Promise<Channel> promise) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (context != null) {
                            channel.attr(CONTEXT).set(context);
                            channel.pipeline().addLast("tls", context.newHandler(channel.alloc(), host, port));
                        }
                        channel.pipeline().addLast(ReceivedBytes.NAME, new ReceivedBytes())
                                .addLast("http", new HttpClientCodec(MAX_STATUS_LINE, maxResponseHeaderBytes, MAX_CHUNK))
                                .addLast(UNATTACHED, CLOSE_ON_ERROR);
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        Channel created = connect.channel();
        // A channel that failed to register never reports its close: whichever comes first gives the place back.
        AtomicBoolean placeHeld = new AtomicBoolean(true);
        Runnable givePlaceBack = () -> {
            if (placeHeld.compareAndSet(true, false)) {
                open.decrementAndGet();
            }
        };
        created.closeFuture().addListener(closed -> {
            givePlaceBack.run();
            pool(loop).remove(created);
        });
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                givePlaceBack.run();
                promise.tryFailure(done.cause());
                return;
            }
            if (context == null) {
                promise.trySuccess(created);
                return;
            }
            created.pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    promise.trySuccess(created);
                } else {
                    created.close();
                    promise.tryFailure(handshake.cause());
                }
            });
        });
    }

    /** Returns a healthy keep-alive connection to the pool of its event loop. */
    void release(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        channel.config().setAutoRead(true);
        if (retired || !pool(channel.eventLoop()).offer(channel)) {
            channel.close();
        }
    }

    /**
     * This upstream left the configuration (or changed): its idle connections are closed, and
     * those in use close when their exchange ends; its TLS files are no longer watched.
     */
    void retire() {
        retired = true;
        idle.forEach((loop, pool) -> loop.execute(() -> {
            Channel channel;
            while ((channel = pool.poll()) != null) {
                channel.close();
            }
        }));
        if (tls instanceof ReloadingNettyContexts contexts) {
            contexts.reloadingMaterial().close();
        }
    }

    /** Reads the TLS files again now (SIGHUP), if this upstream has any. */
    void reloadTls() {
        if (tls instanceof ReloadingNettyContexts contexts) {
            contexts.reloadingMaterial().reloadNow();
        }
    }

    private IdlePool pool(EventLoop loop) {
        return idle.computeIfAbsent(loop, unused -> new IdlePool());
    }

    /**
     * Counts the bytes an upstream connection delivered (after TLS), so that an exchange can tell an
     * upstream that closed without a word from one that sent something that is not HTTP.
     */
    static final class ReceivedBytes extends ChannelInboundHandlerAdapter {
        static final String NAME = "received";
        /** How much of an answer's start is kept, to show in a log line what an upstream sent instead of HTTP. */
        private static final int START = 40;
        /** Bytes received since {@link #mark()}. */
        private long received;
        private final byte[] start = new byte[START];
        private int startLength = START;

        /** Bytes received since the exchange that holds the connection took it. */
        long received() {
            return received;
        }

        /** Starts counting, and keeping the first bytes, from now on (an exchange took the connection). */
        void mark() {
            received = 0;
            startLength = 0;
        }

        /** The first bytes received since {@link #mark()} (at most 40). */
        byte[] start() {
            return java.util.Arrays.copyOf(start, startLength);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof io.netty.buffer.ByteBuf bytes) {
                received += bytes.readableBytes();
                if (startLength < START) {
                    int n = Math.min(START - startLength, bytes.readableBytes());
                    bytes.getBytes(bytes.readerIndex(), start, startLength, n);
                    startLength += n;
                }
            }
            ctx.fireChannelRead(message);
        }
    }

    @ChannelHandler.Sharable
    private static final class CloseOnError extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * The idle connections of one event loop, touched only on that loop; other loops read
     * {@link #size()} as a hint of where an idle connection may be reclaimed.
     */
    private static final class IdlePool {
        private final ArrayDeque<Channel> channels = new ArrayDeque<>();
        private volatile int size;

        /** The most recently returned live connection, or {@code null}. */
        Channel poll() {
            Channel channel;
            while ((channel = channels.pollLast()) != null) {
                size = channels.size();
                if (channel.isActive()) {
                    return channel;
                }
            }
            return null;
        }

        boolean offer(Channel channel) {
            if (channels.size() >= MAX_IDLE_PER_LOOP) {
                return false;
            }
            channels.addLast(channel);
            size = channels.size();
            return true;
        }

        void remove(Channel channel) {
            if (channels.remove(channel)) {
                size = channels.size();
            }
        }

        int size() {
            return size;
        }
    }
}
