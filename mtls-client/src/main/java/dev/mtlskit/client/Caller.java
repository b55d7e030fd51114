package dev.mtlskit.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.tls.netty.ConnectFailure;
import dev.mtlskit.tls.wire.TlsWireTracer;
import dev.mtlskit.tls.wire.TlsVersion;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

/**
 * Makes one HTTPS request with a client certificate and records every step as {@link CallEvent}s:
 * the TCP connection, the TLS handshake (with the server's certificate checked by the strict
 * validator and the CA names the server accepts), and the HTTP exchange. A failure is a result,
 * not an exception: the events say how far the call got.
 *
 * <p>One event loop per call: this is a command-line client, so the response body is written to
 * its sink on that loop.
 */
public final class Caller {

    private final Clock clock;
    private final SslProvider engine;

    public Caller() {
        this(Clock.systemUTC());
    }

    /** A caller on BoringSSL where netty-tcnative loads (it gives the key log that decrypts TLS 1.3 traces), else the JDK's TLS. */
    public Caller(Clock clock) {
        this(clock, OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK);
    }

    /** A caller on the TLS engine {@code engine} ({@link SslProvider#OPENSSL} or {@link SslProvider#JDK}). */
    public Caller(Clock clock, SslProvider engine) {
        this.clock = requireNonNull(clock, "clock");
        if (engine != SslProvider.OPENSSL && engine != SslProvider.JDK) {
            throw new IllegalArgumentException("engine: " + engine + " (expected: OPENSSL or JDK)");
        }
        this.engine = engine;
    }

    /**
     * Runs the call. Local files are read first: a missing or broken certificate, key or CA file
     * throws {@link dev.mtlskit.material.MaterialException} naming the file before anything is sent.
     *
     * @param listener sees each event as it happens (on the network thread; keep it quick)
     * @param body receives the response body
     */
    public CallResult call(CallRequest request, Consumer<CallEvent> listener, OutputStream body) {
        requireNonNull(request, "request");
        requireNonNull(listener, "listener");
        requireNonNull(body, "body");
        KeyMaterial material = request.hasClientCertificate()
                ? request.keyFile() == null ? KeyMaterial.loadCertificateFile(request.certificateFile(), request.keyPassword())
                        : KeyMaterial.load(request.certificateFile(), request.keyFile(), request.keyPassword())
                : null;
        List<X509Certificate> anchors = trustAnchors(request.caFile());
        if (request.body() instanceof RequestBody.FromFile file) {
            file.length(); // a missing body file is reported now, not after the handshake
        }
        List<CallEvent> events = Collections.synchronizedList(new ArrayList<>());
        Consumer<CallEvent> sink = event -> {
            events.add(event);
            listener.accept(event);
        };
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            SslContext context = clientContext(request, material, anchors, sink);
            List<InetAddress> addresses;
            try {
                addresses = addresses(request);
            } catch (UnknownHostException e) {
                sink.accept(new CallEvent.ConnectFailed(InetSocketAddress.createUnresolved(request.host(), request.port()),
                        ConnectFailure.ofConnect(e)));
                return new CallResult(request, events);
            }
            // As curl's --connect-timeout: one limit for the TCP connection and the TLS handshake together.
            long deadline = System.nanoTime() + request.connectTimeout().toNanos();
            Channel channel = connect(group, request, addresses, deadline, sink);
            if (channel == null) {
                return new CallResult(request, events);
            }
            sink.accept(new CallEvent.TlsSetup(alpn(request), trustSource(request.caFile()),
                    material == null ? List.of() : material.chain(),
                    request.certificateFile() == null ? null : request.certificateFile().toString(),
                    protocols(request)));
            CompletableFuture<Void> done = new CompletableFuture<>();
            CallHandler handler = new CallHandler(request, sink, body, done);
            TlsWireTracer tracer = new TlsWireTracer(event -> sink.accept(new CallEvent.Wire(event)));
            KeyLogTap.install(context, tracer);
            SslHandler ssl = context.newHandler(channel.alloc(), request.host(), request.port());
            ssl.setHandshakeTimeout(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            channel.eventLoop().execute(() -> {
                if (!channel.isActive()) {
                    // Closed by the server between connect and now: no handshake will start or fail.
                    sink.accept(new CallEvent.HandshakeFailed(
                            "the server closed the connection before the TLS handshake began", null));
                    done.complete(null);
                    return;
                }
                // The call handler goes in before TLS: adding TLS to a connected channel starts the handshake,
                // and a handshake that fails at once (a reset) reports it before a handler added later could see it.
                channel.pipeline().addLast("wire", new WireTap(tracer));
                channel.pipeline().addLast("call", handler);
                channel.pipeline().addBefore("call", "tls", ssl);
            });
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // recorded as an event by the handler
            }
            channel.close().syncUninterruptibly();
            // channelInactive may still be queued: close the tracer now, so that what it held is in the result.
            channel.eventLoop().submit(tracer::onClose).syncUninterruptibly();
            return new CallResult(request, events);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private Channel connect(EventLoopGroup group, CallRequest request, List<InetAddress> addresses, long deadline,
                            Consumer<CallEvent> sink) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        // TLS and HTTP handlers are added once connected (see call).
                    }
                });
        long limit = request.connectTimeout().toMillis(); // the first address has it all (it is what timeouts quote)
        for (InetAddress address : addresses) {
            InetSocketAddress target = new InetSocketAddress(address, request.port());
            sink.accept(new CallEvent.Connecting(request.host(), target));
            bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, limit));
            ChannelFuture future = bootstrap.connect(target).awaitUninterruptibly();
            if (future.isSuccess()) {
                sink.accept(new CallEvent.Connected(request.host(), target));
                return future.channel();
            }
            sink.accept(new CallEvent.ConnectFailed(target, ConnectFailure.ofConnect(future.cause())));
            limit = remainingMillis(deadline);
        }
        return null;
    }

    /** What is left of the connect timeout, at least 1 ms (a limit already spent still ends the next step at once). */
    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static List<InetAddress> addresses(CallRequest request) throws UnknownHostException {
        InetAddress fixed = request.resolve().get(request.host() + ":" + request.port());
        if (fixed != null) {
            return List.of(fixed);
        }
        return List.of(InetAddress.getAllByName(request.host()));
    }

    private SslContext clientContext(CallRequest request, KeyMaterial material, List<X509Certificate> anchors,
                                     Consumer<CallEvent> sink) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(engine)
                    .protocols(protocols(request))
                    // Names are checked by the strict validator in the trust manager, with its reason codes.
                    .endpointIdentificationAlgorithm(null)
                    .keyManager(new RecordingKeyManager(material, sink))
                    .trustManager(new RecordingTrustManager(anchors, trustSource(request.caFile()), request.host(),
                            request.serverCheck(), sink, clock, engine))
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn(request)))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    static List<String> protocols(CallRequest request) {
        return TlsVersion.TLS_1_2.equals(request.tlsMax()) ? List.of("TLSv1.2") : List.of("TLSv1.3", "TLSv1.2");
    }

    static List<String> alpn(CallRequest request) {
        return request.http() == CallRequest.HttpVersions.HTTP1_ONLY
                ? List.of(ApplicationProtocolNames.HTTP_1_1)
                : List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
    }

    private static String trustSource(Path caFile) {
        return caFile == null ? "the JDK's default CA certificates" : caFile.toString();
    }

    /** The CAs from {@code caFile}, or the JDK's default roots when it is null. */
    static List<X509Certificate> trustAnchors(Path caFile) {
        if (caFile != null) {
            return CertificateBundle.load(caFile, PasswordSource.none("--cacert")).asWritten();
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return List.of(x509.getAcceptedIssuers());
                }
            }
            return List.of();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the JDK's default CA certificates: " + e.getMessage(), e);
        }
    }

    static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the response body: " + e.getMessage(), e);
        }
    }
}
