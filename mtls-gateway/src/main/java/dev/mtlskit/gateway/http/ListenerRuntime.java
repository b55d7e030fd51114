package dev.mtlskit.gateway.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;

import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.log.Cutoff;
import dev.mtlskit.gateway.log.RejectionLog;
import dev.mtlskit.gateway.metrics.ListenerMetrics;
import dev.mtlskit.gateway.tls.HandshakeOutcome;
import dev.mtlskit.reload.ReloadResult;
import dev.mtlskit.trust.StrictTrustManager;
import dev.mtlskit.validation.Verdict;
import dev.mtlskit.gateway.tls.ListenerTls;
import dev.mtlskit.gateway.proxy.UpstreamRuntime;

import io.netty.channel.Channel;

/** A listener at run time: its configuration, TLS context, upstreams and open-connection count. */
public final class ListenerRuntime {

    /**
     * What a configuration reload replaces at once for new connections and new requests: the
     * settings, the server TLS and the upstreams. A request reads it once ({@link #state()}).
     */
    public record State(ListenerConfig config, ListenerTls tls, Map<String, UpstreamRuntime> upstreams,
                        RejectionLog rejections, ListenerMetrics metrics) {
        public State {
            upstreams = Map.copyOf(upstreams);
            java.util.Objects.requireNonNull(rejections, "rejections");
            java.util.Objects.requireNonNull(metrics, "metrics");
        }

        UpstreamRuntime upstream(String name) {
            UpstreamRuntime upstream = upstreams.get(name);
            if (upstream == null) {
                throw new IllegalStateException("route names unknown upstream " + name
                        + " (the configuration check missed it)");
            }
            return upstream;
        }
    }

    private volatile State state;
    /** Requests in flight on a connection (HTTP/2: all its streams). */
    static final AttributeKey<AtomicInteger> IN_FLIGHT = AttributeKey.valueOf("mtls.inFlight");
    /** Set on a connection that closes when its last request ends (it reached timeouts.max_connection_age). */
    static final AttributeKey<Boolean> CLOSE_WHEN_IDLE = AttributeKey.valueOf("mtls.closeWhenIdle");
    /** Set on a connection whose client a new trust refuses: no request is started on it any more. */
    static final AttributeKey<Boolean> REFUSED_SINCE = AttributeKey.valueOf("mtls.refusedSince");
    /** The client address whose handshake count this connection holds, until its handshake ends. */
    private static final AttributeKey<InetAddress> HANDSHAKING = AttributeKey.valueOf("mtls.handshaking");

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    /** Handshakes in progress per client address; an address leaves the map when its last one ends. */
    private final ConcurrentMap<InetAddress, Integer> handshakes = new ConcurrentHashMap<>();
    private final ChannelGroup open = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile boolean draining;

    ListenerRuntime(ListenerConfig config, ListenerTls tls, RejectionLog rejections, ListenerMetrics metrics,
                    Map<String, UpstreamRuntime> upstreams) {
        this.state = new State(config, tls, upstreams, rejections, metrics);
        follow(tls);
    }

    /** The settings, TLS and upstreams in force now. */
    public State state() {
        return state;
    }

    /**
     * Puts a reloaded configuration in force: new connections and new requests use it, requests in
     * flight finish with what they started with. Returns the state it replaced.
     */
    public State replace(State next) {
        State before = state;
        state = next;
        if (next.tls() != before.tls()) {
            follow(next.tls());
        }
        return before;
    }

    /**
     * When the client CAs or CRLs of {@code tls} change, the clients of the open connections are
     * judged again under the new trust: a client revoked (or whose CA was removed) loses its
     * connections now, not at its next handshake.
     */
    private void follow(ListenerTls tls) {
        if (tls == null) {
            return;
        }
        // A connected client whose new OCSP or CRL answer refuses it loses its connections.
        tls.revocation().ifPresent(revocation -> revocation.addListener(leaf -> {
            if (state.tls() == tls) {
                judgeOpenConnections(tls.newConnection().trust());
            }
        }));
        // Registered after the contexts' own listener: the new trust is built when this one hears of it.
        tls.material().addListener(result -> {
            if (result instanceof ReloadResult.Changed changed && state.tls() == tls
                    && (!changed.previous().trustAnchors().equals(changed.current().trustAnchors())
                    || !changed.previous().crls().equals(changed.current().crls()))) {
                judgeOpenConnections(tls.newConnection().trust());
            }
        });
    }

    /**
     * Judges the verified client of every open connection under {@code trust}; connections of a
     * client it refuses are closed gracefully (HTTP/2: GOAWAY, then closed when their streams end;
     * HTTP/1.1: after the request in progress) and logged, one line per client.
     *
     * @return how many connections are being closed
     */
    public int judgeOpenConnections(StrictTrustManager trust) {
        Map<String, Refused> refused = new java.util.LinkedHashMap<>();
        for (Channel connection : open) {
            HandshakeOutcome outcome = connection.attr(ConnectionInitializer.OUTCOME).get();
            if (!(outcome instanceof HandshakeOutcome.Verified verified)) {
                continue;
            }
            Verdict verdict = trust.judgeClient(sentChain(connection, verified)).verdict();
            if (verdict.valid()) {
                continue;
            }
            connection.attr(REFUSED_SINCE).set(Boolean.TRUE); // at once: a request arriving now is not served
            closeGracefully(connection);
            String client = verified.identity().subject() + " " + verdict.reason();
            refused.computeIfAbsent(client, key -> new Refused(verdict, verified.verdict().certificate())).connections++;
        }
        int closed = 0;
        for (Refused client : refused.values()) {
            rejections().connectionsClosed(client.verdict, client.certificate, client.connections);
            metrics().refused(client.verdict.reason().name(), client.connections + " open connection(s)",
                    client.certificate, "its open connections were closed: " + client.verdict.message());
            closed += client.connections;
        }
        return closed;
    }

    /** The chain the client sent in its handshake (the validated path holds the trust anchor too). */
    private static java.util.List<java.security.cert.X509Certificate> sentChain(Channel connection,
                                                                             HandshakeOutcome.Verified verified) {
        io.netty.handler.ssl.SslHandler ssl = connection.pipeline().get(io.netty.handler.ssl.SslHandler.class);
        if (ssl != null) {
            try {
                java.util.List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
                for (java.security.cert.Certificate certificate : ssl.engine().getSession().getPeerCertificates()) {
                    chain.add((java.security.cert.X509Certificate) certificate);
                }
                return chain;
            } catch (javax.net.ssl.SSLPeerUnverifiedException closing) {
                // the connection is going away: judge the path it was admitted with
            }
        }
        return verified.verdict().path();
    }

    private static final class Refused {
        final Verdict verdict;
        final java.security.cert.X509Certificate certificate;
        int connections;

        Refused(Verdict verdict, java.security.cert.X509Certificate certificate) {
            this.verdict = verdict;
            this.certificate = certificate;
        }
    }

    /** As a drain, for one connection: HTTP/2 gets a GOAWAY, and the connection closes when its last request ends. */
    private void closeGracefully(Channel connection) {
        connection.eventLoop().execute(() -> {
            connection.attr(CLOSE_WHEN_IDLE).set(Boolean.TRUE);
            if (connection.attr(ConnectionInitializer.HTTP2).get() != null) {
                connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
            }
            AtomicInteger inFlight = connection.attr(IN_FLIGHT).get();
            if (inFlight == null || inFlight.get() == 0) {
                connection.close();
            }
        });
    }

    public ListenerConfig config() {
        return state.config();
    }

    /** The server TLS, following its files: an mTLS listener has it, {@code mtls tunnel}'s plain-HTTP one not. */
    public java.util.Optional<ListenerTls> tls() {
        return java.util.Optional.ofNullable(state.tls());
    }

    /** The log of refused clients, which names the listener. */
    public RejectionLog rejections() {
        return state.rejections();
    }

    /** What the listener counts for {@code /metrics}. */
    public ListenerMetrics metrics() {
        return state.metrics();
    }

    UpstreamRuntime upstream(String name) {
        return state.upstream(name);
    }

    /** Counts the connection, or refuses it beyond limits.max_connections (logged). */
    boolean admitConnection(Channel channel) {
        int max = config().limits().maxConnections();
        if (connections.incrementAndGet() > max) {
            connections.decrementAndGet();
            String why = max + " connection" + (max == 1 ? " is" : "s are") + " open, the most limits.max_connections allows";
            metrics().rejected(Cutoff.MAX_CONNECTIONS.name(), RejectionLog.address(channel.remoteAddress()), null, why);
            rejections().refused(channel.remoteAddress(), Cutoff.MAX_CONNECTIONS, why);
            return false;
        }
        channel.closeFuture().addListener(closed -> connections.decrementAndGet());
        channel.attr(IN_FLIGHT).set(new AtomicInteger());
        open.add(channel);
        return true;
    }

    /**
     * Counts a TLS handshake from the connection's address, or refuses it (logged) when
     * limits.max_handshakes_per_source are in progress from there. {@link #handshakeEnded} ends it.
     */
    boolean admitHandshake(Channel channel) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return true;
        }
        InetAddress source = inet.getAddress();
        int max = config().limits().maxHandshakesPerSource();
        boolean[] admitted = {false};
        handshakes.compute(source, (address, count) -> {
            int now = count == null ? 0 : count;
            if (now >= max) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            String why = max + " TLS handshake" + (max == 1 ? " is" : "s are") + " already in progress from "
                    + source.getHostAddress() + ", the most limits.max_handshakes_per_source allows";
            metrics().rejected(Cutoff.MAX_HANDSHAKES_PER_SOURCE.name(), RejectionLog.address(channel.remoteAddress()), null, why);
            rejections().refused(channel.remoteAddress(), Cutoff.MAX_HANDSHAKES_PER_SOURCE, why);
            return false;
        }
        channel.attr(HANDSHAKING).set(source);
        channel.closeFuture().addListener(closed -> handshakeEnded(channel));
        return true;
    }

    /** The connection's handshake ended (completed, failed, or the connection closed): once. */
    void handshakeEnded(Channel channel) {
        InetAddress source = channel.attr(HANDSHAKING).getAndSet(null);
        if (source != null) {
            handshakes.computeIfPresent(source, (address, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** A request started on {@code connection}. */
    void requestStarted(Channel connection) {
        requestsInFlight.incrementAndGet();
        connection.attr(IN_FLIGHT).get().incrementAndGet();
    }

    /** A request on {@code connection} ended (answered, failed or abandoned). */
    void requestEnded(Channel connection) {
        requestsInFlight.decrementAndGet();
        int left = connection.attr(IN_FLIGHT).get().decrementAndGet();
        if (left > 0) {
            return;
        }
        HalfClosure.lastAnswered(connection);
        if (draining || connection.hasAttr(CLOSE_WHEN_IDLE)) {
            // The last answer while draining (HTTP/2 clients were sent a GOAWAY), or past the connection's
            // maximum age: nothing more will be served.
            connection.eventLoop().execute(connection::close);
        }
    }

    public int requestsInFlight() {
        return requestsInFlight.get();
    }

    /**
     * Starts a graceful shutdown of this listener's connections: HTTP/2 clients get a GOAWAY (no
     * new streams), idle HTTP/1.1 connections are closed, busy ones close after their answer.
     */
    public void drain() {
        draining = true;
        for (Channel connection : open) {
            connection.eventLoop().execute(() -> {
                if (connection.attr(ConnectionInitializer.HTTP2).get() != null) {
                    connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
                } else if (connection.attr(IN_FLIGHT).get().get() == 0) {
                    connection.close();
                }
            });
        }
    }

    /** Closes whatever is still open. */
    public void closeConnections() {
        open.close().awaitUninterruptibly();
    }

    boolean draining() {
        return draining;
    }

    public int openConnections() {
        return connections.get();
    }
}
