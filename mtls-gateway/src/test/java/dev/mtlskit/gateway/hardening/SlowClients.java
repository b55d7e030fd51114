package dev.mtlskit.gateway.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import dev.mtlskit.gateway.GatewayPki;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.PasswordSource;

/**
 * Clients that are slow or stop half-way, on real loopback sockets: TLS with the test PKI's acme
 * certificate (the JDK's engine), or plain TCP for handshakes that never finish. Each can start
 * from another loopback address (127.0.0.2) to be a different source.
 */
final class SlowClients {

    static final InetAddress LOCAL = address("127.0.0.1");
    /** Another source on the same machine (Linux routes all of 127/8 to loopback). */
    static final InetAddress OTHER_LOCAL = address("127.0.0.2");

    private final SSLContext tls;
    /** Trusts the gateway, offers no certificate. */
    private final SSLContext anonymous;

    SlowClients(GatewayPki pki) throws Exception {
        GatewayPki.Client acme = pki.acme;
        KeyMaterial key = KeyMaterial.load(acme.certificate(), acme.key(), PasswordSource.none());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("acme", key.privateKey(), new char[0], key.chain().toArray(Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateBundle.load(pki.caCertificate, PasswordSource.none()).asWritten().get(0));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, trustManagers.getTrustManagers(), null);
    }

    /** A TCP connection from {@code local} to the gateway on 127.0.0.1, reads timing out after 10 s. */
    static Socket tcp(InetAddress local, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress(LOCAL, port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** A TLS connection as acme, HTTP/1.1 by ALPN, handshake done. */
    SSLSocket tls(InetAddress local, int port) throws IOException {
        Socket tcp = tcp(local, port);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    /** A client without a certificate: connects, tries the handshake, and waits for the gateway to close. */
    void withoutCertificate(int port) throws IOException {
        try (Socket tcp = tcp(LOCAL, port);
             SSLSocket socket = (SSLSocket) anonymous.getSocketFactory().createSocket(tcp, "127.0.0.1", port, true)) {
            try {
                socket.startHandshake();
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                closedWithin(socket, Duration.ofSeconds(5));
            } catch (IOException refused) {
                // the gateway's alert: expected
            }
        }
    }

    /** Java's HTTP client as acme (HTTP/2 by ALPN), from 127.0.0.1. */
    HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A well-behaved client: {@code GET path} from {@code local}; the whole answer (status line first). */
    String get(InetAddress local, int port, String path) throws IOException {
        try (SSLSocket socket = tls(local, port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return readToEnd(socket, Duration.ofSeconds(10));
        }
    }

    /**
     * The start of a TLS record that announces a 512-byte ClientHello, and the first few bytes of
     * it: a handshake that can never finish, as a slow or hostile client leaves it.
     */
    static byte[] partialClientHello() {
        return new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x11, 0x22, 0x33};
    }

    /** Everything the peer sends until it closes (or resets), or until {@code limit} has passed. */
    static String readToEnd(Socket socket, Duration limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + limit.toNanos();
        socket.setSoTimeout(100);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
            } catch (SocketTimeoutException notYet) {
                // keep waiting
            } catch (IOException reset) {
                break;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Whether the peer closed (or reset) the connection within {@code limit}; what it sent meanwhile is dropped. */
    static boolean closedWithin(Socket socket, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        socket.setSoTimeout(50);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException notYet) {
                // keep waiting
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    static void closeAll(List<? extends Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
