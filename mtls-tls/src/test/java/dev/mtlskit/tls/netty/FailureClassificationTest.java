package dev.mtlskit.tls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.reason.ConnectionCode;
import dev.mtlskit.testing.TestPki;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;

/**
 * The shared classifiers ({@link ConnectFailure}, {@link TlsEngineFailure}, {@link TlsAlertInfo})
 * read real failures: a refused port on the loopback, a silent server, and handshakes between real
 * BoringSSL and JDK engines that fail for each reason the gateway, the tunnel, {@code mtls call} and
 * {@code mtls doctor} name.
 */
class FailureClassificationTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final HeldCertificate CLIENT = TestPki.client("failure classification client");

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ChannelFuture connect = bootstrap(new ChannelInboundHandlerAdapter())
                .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).awaitUninterruptibly();

        ConnectFailure failure = ConnectFailure.ofConnect(connect.cause());
        assertThat(failure.code()).isEqualTo(ConnectionCode.CONNECTION_REFUSED);
        assertThat(failure.sentence()).startsWith("nothing listens there (").containsIgnoringCase("connection refused")
                .doesNotContain("Exception");
        // The JDK's own socket says it in its words: the same code.
        Exception jdk = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        } catch (Exception e) {
            jdk = e;
        }
        assertThat(ConnectFailure.find(jdk).map(ConnectFailure::code)).contains(ConnectionCode.CONNECTION_REFUSED);
    }

    @Test
    void aHostNameThatDoesNotResolveIsAnUnknownHost() {
        ChannelFuture connect = bootstrap(new ChannelInboundHandlerAdapter())
                .connect("no-such-host.invalid", 443).awaitUninterruptibly();

        ConnectFailure failure = ConnectFailure.ofConnect(connect.cause());
        assertThat(failure.code()).isEqualTo(ConnectionCode.UNKNOWN_HOST);
        assertThat(failure.words()).isEqualTo("the host name does not resolve");
        assertThat(failure.systemText()).contains("no-such-host.invalid");
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void aServerThatNeverAnswersTheHandshakeIsATimeout(SslProvider provider) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SslContext client = SslContextBuilder.forClient().sslProvider(provider)
                    .trustManager(TestPki.ROOT.certificate()).build();
            Throwable failure = clientFailure(client, silent.getLocalPort(), 300);

            assertThat(ConnectFailure.find(failure).map(ConnectFailure::code)).contains(ConnectionCode.TIMEOUT);
            assertThat(TlsAlertInfo.fromFailure(failure)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void noClientCertificate(SslProvider provider) throws Exception {
        Ends ends = handshake(server(provider, "TLSv1.3"), client(provider, null, "TLSv1.3"));

        assertThat(TlsEngineFailure.noPeerCertificate(ends.server())).as(ends.toString()).isTrue();
        assertThat(TlsEngineFailure.of(ends.server())).contains(TlsEngineFailure.NO_PEER_CERTIFICATE);
        TlsAlertInfo alert = TlsAlertInfo.fromFailure(ends.client());
        // Each engine has its own alert for it (RFC 8446 asks for certificate_required).
        assertThat(alert).as(ends.toString()).isEqualTo(provider == SslProvider.JDK
                ? new TlsAlertInfo(42, "bad_certificate") : new TlsAlertInfo(116, "certificate_required"));
        assertThat(alert.aboutCertificate()).isTrue();
        assertThat(ConnectFailure.find(ends.client())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void anExpiredClientCertificate(SslProvider provider) throws Exception {
        HeldCertificate expired = HeldCertificate.builder().commonName("expired").purpose(Purpose.CLIENT)
                .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)))
                .signedBy(TestPki.ROOT).build();
        Ends ends = handshake(server(provider, "TLSv1.2"), client(provider, expired, "TLSv1.2"));

        TlsAlertInfo alert = TlsAlertInfo.fromFailure(ends.client());
        assertThat(alert).as(ends.toString()).isEqualTo(provider == SslProvider.JDK
                ? new TlsAlertInfo(46, "certificate_unknown") : new TlsAlertInfo(45, "certificate_expired"));
        assertThat(alert.aboutCertificate()).isTrue();
        assertThat(TlsAlertInfo.fromFailure(ends.server())).as("the server sent it, it did not receive it").isNull();
        assertThat(TlsEngineFailure.noPeerCertificate(ends.server())).isFalse();
    }

    /** Neither engine sends a certificate whose issuer the server's CA list does not name. */
    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void aClientCertificateFromAnotherCa(SslProvider provider) throws Exception {
        HeldCertificate stranger = HeldCertificate.builder().commonName("stranger").purpose(Purpose.CLIENT)
                .signedBy(TestPki.OTHER_ROOT).build();
        Ends ends = handshake(server(provider, "TLSv1.2"), client(provider, stranger, "TLSv1.2"));

        assertThat(TlsEngineFailure.noPeerCertificate(ends.server())).as(ends.toString()).isTrue();
        // In TLS 1.2 each engine has its own alert for a missing certificate.
        TlsAlertInfo alert = TlsAlertInfo.fromFailure(ends.client());
        assertThat(alert).isEqualTo(provider == SslProvider.JDK
                ? new TlsAlertInfo(42, "bad_certificate") : new TlsAlertInfo(40, "handshake_failure"));
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void aServerCertificateFromAnotherCa(SslProvider provider) throws Exception {
        SslContext client = SslContextBuilder.forClient().sslProvider(provider).protocols("TLSv1.2")
                .keyManager(CLIENT.keyPair().getPrivate(), CLIENT.chainWithoutRoot().toArray(X509Certificate[]::new))
                .trustManager(TestPki.OTHER_ROOT.certificate()).build();
        Ends ends = handshake(server(provider, "TLSv1.2"), client);

        TlsAlertInfo alert = TlsAlertInfo.fromFailure(ends.server());
        // What a client sends when it refuses the server's certificate: BoringSSL says internal_error.
        assertThat(alert).as(ends.toString()).isEqualTo(provider == SslProvider.JDK
                ? new TlsAlertInfo(46, "certificate_unknown") : new TlsAlertInfo(80, "internal_error"));
        assertThat(TlsAlertInfo.fromFailure(ends.client())).as("the client sent it, it did not receive it").isNull();
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void noCommonVersion(SslProvider provider) throws Exception {
        Ends ends = handshake(server(provider, "TLSv1.3"), client(provider, CLIENT, "TLSv1.2"));

        assertThat(TlsEngineFailure.of(ends.server())).as(ends.toString()).contains(TlsEngineFailure.NO_SHARED_PROTOCOL);
        TlsAlertInfo alert = TlsAlertInfo.fromFailure(ends.client());
        assertThat(alert).as(ends.toString()).isEqualTo(new TlsAlertInfo(70, "protocol_version"));
        assertThat(alert.noCommonVersionOrCipher()).isTrue();
        assertThat(alert.aboutCertificate()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void plainHttpIsNotTls(SslProvider provider) throws Exception {
        CompletableFuture<Throwable> serverFailure = new CompletableFuture<>();
        Channel server = serve(server(provider, "TLSv1.3"), serverFailure);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Throwable failure = serverFailure.get(10, TimeUnit.SECONDS);
            assertThat(TlsEngineFailure.of(failure)).as(String.valueOf(failure)).contains(TlsEngineFailure.NOT_TLS);
        } finally {
            server.close().syncUninterruptibly();
        }
    }

    /** The failure each end saw: a handshake that failed, or the first exception after it. */
    record Ends(Throwable server, Throwable client) {
        @Override
        public String toString() {
            return "server: " + server + "; client: " + client;
        }
    }

    private static SslContext server(SslProvider provider, String protocol) throws Exception {
        return SslContextBuilder.forServer(TestPki.SERVER.keyPair().getPrivate(),
                        TestPki.SERVER.chainWithoutRoot().toArray(X509Certificate[]::new))
                .sslProvider(provider).protocols(protocol).clientAuth(ClientAuth.REQUIRE)
                .trustManager(TestPki.ROOT.certificate()).build();
    }

    private static SslContext client(SslProvider provider, HeldCertificate identity, String protocol) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(provider).protocols(protocol)
                .trustManager(TestPki.ROOT.certificate());
        if (identity != null) {
            builder.keyManager(identity.keyPair().getPrivate(), identity.chainWithoutRoot().toArray(X509Certificate[]::new));
        }
        return builder.build();
    }

    private static Ends handshake(SslContext serverContext, SslContext clientContext) throws Exception {
        CompletableFuture<Throwable> serverFailure = new CompletableFuture<>();
        Channel server = serve(serverContext, serverFailure);
        try {
            Throwable client = clientFailure(clientContext, port(server), 10_000);
            return new Ends(serverFailure.get(10, TimeUnit.SECONDS), client);
        } finally {
            server.close().syncUninterruptibly();
        }
    }

    private static Channel serve(SslContext context, CompletableFuture<Throwable> failure) throws InterruptedException {
        return new ServerBootstrap().group(GROUP).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(context.newHandler(channel.alloc()), new FirstFailure(failure));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    private static Throwable clientFailure(SslContext context, int port, long handshakeTimeoutMillis) throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Channel channel = bootstrap(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                SslHandler ssl = context.newHandler(channel.alloc(), "localhost", port);
                ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
                channel.pipeline().addLast(ssl, new FirstFailure(failure));
            }
        }).connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
        try {
            return failure.get(20, TimeUnit.SECONDS);
        } finally {
            channel.close().syncUninterruptibly();
        }
    }

    private static Bootstrap bootstrap(io.netty.channel.ChannelHandler handler) {
        return new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000).handler(handler);
    }

    private static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Records the handshake's failure, or the first exception once it succeeded (a TLS 1.3 alert comes after). */
    private static final class FirstFailure extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Throwable> failure;

        FirstFailure(CompletableFuture<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
                failure.complete(completion.cause());
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failure.complete(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            failure.complete(null);
        }
    }

}
