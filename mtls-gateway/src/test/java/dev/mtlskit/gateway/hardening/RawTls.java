package dev.mtlskit.gateway.hardening;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import dev.mtlskit.gateway.GatewayPki;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * Blocking JDK TLS sockets to a gateway on loopback, for the raw clients: a client certificate,
 * the test CA as the only trust anchor, and the ALPN protocol asked for.
 */
public final class RawTls {

    private RawTls() {
    }

    /** A JDK TLS context presenting {@code client} (its certificate and key) and trusting the test CA. */
    public static SSLContext context(GatewayPki pki, GatewayPki.Client client) throws SSLException {
        return context(client.certificate(), client.key(), pki.caCertificate);
    }

    public static SSLContext context(Path certificate, Path key, Path trustedCa) throws SSLException {
        JdkSslContext context = (JdkSslContext) SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .keyManager(certificate.toFile(), key.toFile()).trustManager(trustedCa.toFile()).build();
        return context.context();
    }

    /**
     * Connects to 127.0.0.1:{@code port} and completes the handshake, offering {@code alpn}; the
     * socket times out reads after {@code readTimeoutMillis}.
     */
    public static SSLSocket connect(SSLContext context, int port, String alpn, int readTimeoutMillis) throws IOException {
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {alpn});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        if (!alpn.equals(socket.getApplicationProtocol())) {
            socket.close();
            throw new IOException("the gateway chose ALPN " + socket.getApplicationProtocol() + ", not " + alpn);
        }
        return socket;
    }

    /** Whether {@code failure} (of a read or write) means the peer closed or reset the connection. */
    static boolean isClosedByPeer(IOException failure) {
        return failure instanceof SocketException || failure instanceof SSLException
                || List.of("Broken pipe", "Connection reset").stream()
                        .anyMatch(text -> String.valueOf(failure.getMessage()).contains(text));
    }
}
