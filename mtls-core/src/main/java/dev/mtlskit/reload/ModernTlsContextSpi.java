package dev.mtlskit.reload;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A JDK TLS context set up for mTLS: every engine, socket and server socket it makes, and its
 * default parameters (which the JDK's HttpClient copies), enable TLS 1.3 and 1.2 only; on the
 * server side they require a client certificate.
 *
 * <p>Behind it is one JDK context per snapshot of the material, made when the first connection
 * after a reload is opened. Its key and trust managers follow the material anyway; what the fresh
 * context adds is an empty session cache and new session-ticket keys: a resumed session keeps the
 * certificates of the handshake that made it, so without them a client would go on showing its
 * old certificate, and a server would let a client it no longer trusts resume. (Dropping cached
 * sessions is not enough: a server cannot drop the TLS 1.3 tickets it handed out.) Engines and
 * sockets made before a reload keep their context.
 */
final class ModernTlsContextSpi extends SSLContextSpi {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The JDK context made for one snapshot. */
    private record Generation(TlsMaterial material, SSLContext context) {
    }

    private final ConnectionEnd side;
    private final ReloadingTlsMaterial material;
    private final Function<TlsMaterial, SSLContext> contexts;
    private final AtomicReference<Generation> generation;

    private ModernTlsContextSpi(ConnectionEnd side, ReloadingTlsMaterial material, Function<TlsMaterial, SSLContext> contexts) {
        this.side = side;
        this.material = material;
        this.contexts = contexts;
        TlsMaterial first = material.current();
        this.generation = new AtomicReference<>(new Generation(first, contexts.apply(first)));
    }

    /**
     * The context users get: a plain {@link SSLContext} backed by this SPI.
     *
     * @param contexts makes an initialised JDK context for a snapshot (its trust is that snapshot's; its key
     *     manager may follow {@code material})
     */
    static SSLContext context(ConnectionEnd side, ReloadingTlsMaterial material, Function<TlsMaterial, SSLContext> contexts) {
        ModernTlsContextSpi spi = new ModernTlsContextSpi(side, material, contexts);
        SSLContext first = spi.delegate();
        return new SSLContext(spi, first.getProvider(), first.getProtocol()) {
        };
    }

    /** The JDK context for the current snapshot, made now if the material changed since the last connection. */
    private SSLContext delegate() {
        Generation current = generation.get();
        TlsMaterial now = material.current();
        if (current.material() == now) {
            return current.context();
        }
        Generation next = new Generation(now, contexts.apply(now));
        // Two first connections after a reload may both make one; the loser's is dropped unused.
        return generation.compareAndSet(current, next) ? next.context() : generation.get().context();
    }

    @Override
    protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
            throws KeyManagementException {
        throw new KeyManagementException("this context takes its keys and trust from its ReloadingTlsMaterial "
                + "and cannot be initialised again: make another with ReloadingSslContexts.jdk(...)");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return new SocketFactory();
    }

    /** Server sockets stay with the context of the snapshot current when they were made (see the class comment). */
    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new ServerSocketFactory(delegate().getServerSocketFactory());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return configure(delegate().createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return configure(delegate().createSSLEngine(host, port));
    }

    /** The current snapshot's: settings made on it do not carry over to the next. */
    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return delegate().getServerSessionContext();
    }

    /** The current snapshot's: settings made on it do not carry over to the next. */
    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return delegate().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return configure(generation.get().context().getDefaultSSLParameters());
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return configure(generation.get().context().getSupportedSSLParameters());
    }

    private SSLParameters configure(SSLParameters parameters) {
        parameters.setProtocols(allowed(parameters.getProtocols()));
        if (side == ConnectionEnd.SERVER) {
            parameters.setNeedClientAuth(true);
        }
        return parameters;
    }

    private SSLEngine configure(SSLEngine engine) {
        engine.setEnabledProtocols(allowed(engine.getEnabledProtocols()));
        if (side == ConnectionEnd.SERVER) {
            engine.setNeedClientAuth(true); // kept when the caller switches the engine to server mode
        }
        return engine;
    }

    private SSLSocket configure(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        ssl.setEnabledProtocols(allowed(ssl.getEnabledProtocols()));
        if (side == ConnectionEnd.SERVER) {
            ssl.setNeedClientAuth(true);
        }
        return ssl;
    }

    private ServerSocket configure(ServerSocket socket) {
        SSLServerSocket ssl = (SSLServerSocket) socket;
        ssl.setEnabledProtocols(allowed(ssl.getEnabledProtocols()));
        if (side == ConnectionEnd.SERVER) {
            ssl.setNeedClientAuth(true);
        }
        return ssl;
    }

    /** The enabled versions that are TLS 1.2 or newer, in their order. */
    static String[] allowed(String[] protocols) {
        return Arrays.stream(protocols).filter(PROTOCOLS::contains).toArray(String[]::new);
    }

    /** Hands out sockets configured as above. */
    private final class SocketFactory extends SSLSocketFactory {

        /** Each socket from the context of the snapshot current when it is made. */
        private SSLSocketFactory sockets() {
            return delegate().getSocketFactory();
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return sockets().getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return sockets().getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return configure(sockets().createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return configure(sockets().createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            return configure(sockets().createSocket(socket, consumed, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return configure(sockets().createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return configure(sockets().createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return configure(sockets().createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return configure(sockets().createSocket(address, port, localAddress, localPort));
        }
    }

    /** Hands out server sockets configured as above. */
    private final class ServerSocketFactory extends SSLServerSocketFactory {
        private final SSLServerSocketFactory sockets;

        ServerSocketFactory(SSLServerSocketFactory sockets) {
            this.sockets = sockets;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return sockets.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return sockets.getSupportedCipherSuites();
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return configure(sockets.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return configure(sockets.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return configure(sockets.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return configure(sockets.createServerSocket(port, backlog, address));
        }
    }
}
