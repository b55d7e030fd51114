package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.tunnel.Tunnel;
import dev.mtlskit.gateway.tunnel.TunnelConfig;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.reload.ReloadingSslContexts;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.reload.ConnectionEnd;
import dev.mtlskit.reload.TlsFiles;

/**
 * {@code mtls tunnel --tcp}: bytes from a plain socket reach an mTLS server unchanged, in both
 * directions, with half-closes passed on and large transfers paced by backpressure.
 */
class TunnelTcpTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @Test
    void anHttpRequestWrittenOnARawSocketReachesTheGatewayAsTheClient() throws Exception {
        RunningGateway server = fixture.gateway(TlsProvider.OPENSSL).start(); // require mode, echo
        Tunnel tunnel = tcpTunnel(URI.create("https://localhost:" + server.port()), fixture.pki().caCertificate);
        int size = 8 * 1024 * 1024;

        String answer;
        try (Socket socket = connect(tunnel)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /raw/bytes HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + size
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 200").contains("\"path\":\"/raw/bytes\"", "\"body_bytes\":" + size,
                "\"subject\":\"CN=acme\"");
    }

    @Test
    void halfClosesPassBothWaysAndLargeTransfersArriveIntact() throws Exception {
        try (HalfCloseServer server = new HalfCloseServer(4 * 1024 * 1024)) {
            Tunnel tunnel = tcpTunnel(URI.create("https://localhost:" + server.port()), fixture.pki().caCertificate);
            byte[] request = new byte[3 * 1024 * 1024 + 17];
            new Random(11).nextBytes(request);

            byte[] answer;
            try (Socket socket = connect(tunnel)) {
                socket.getOutputStream().write(request);
                socket.shutdownOutput(); // the server answers only once it read to the end
                answer = socket.getInputStream().readAllBytes();
            }

            String header = sha256(request) + " " + request.length + "\n";
            assertThat(new String(answer, 0, header.length(), StandardCharsets.US_ASCII)).isEqualTo(header);
            assertThat(answer.length).isEqualTo(header.length() + server.answerBytes);
            for (int i = 0; i < server.answerBytes; i++) {
                if (answer[header.length() + i] != TestUpstream.pattern(i)) {
                    throw new AssertionError("answer byte " + i + " differs");
                }
            }
            assertThat(server.clientSubject.get(10, TimeUnit.SECONDS)).isEqualTo("CN=acme");
        }
    }

    @Test
    void aServerThatDoesNotReadStopsTheClientInsteadOfFillingTheTunnelsMemory() throws Exception {
        try (HalfCloseServer server = new HalfCloseServer(0)) {
            server.holdReading();
            Tunnel tunnel = tcpTunnel(URI.create("https://localhost:" + server.port()), fixture.pki().caCertificate);
            long total = 64L * 1024 * 1024;
            AtomicLong written = new AtomicLong();
            try (Socket socket = connect(tunnel)) {
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        OutputStream out = socket.getOutputStream();
                        byte[] chunk = new byte[64 * 1024];
                        while (written.get() < total) {
                            out.write(chunk);
                            written.addAndGet(chunk.length);
                        }
                        socket.shutdownOutput();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                // Without backpressure the tunnel would read it all into memory; with it, the writer
                // stalls once the socket buffers on the way (a few MB each) and the tunnel's are full.
                long last = -1;
                while (written.get() != last && !writer.isDone()) {
                    last = written.get();
                    Thread.sleep(500);
                }
                assertThat(writer).as("the writer is blocked (%d bytes written)", written.get()).isNotDone();
                assertThat(written.get()).isLessThan(total / 2);

                server.releaseReading();
                writer.get(60, TimeUnit.SECONDS);
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(answer).endsWith(" " + total + "\n");
            }
        }
    }

    @Test
    void aFailedHandshakeClosesTheLocalConnectionAndIsLoggedWithItsCode() throws Exception {
        RunningGateway server = fixture.gateway(TlsProvider.OPENSSL).start();
        HeldCertificate otherRoot = HeldCertificate.builder().commonName("Some Other Root").certificateAuthority(0).build();
        Path otherCa = fixture.scratch().resolve("other-ca-" + UUID.randomUUID() + ".crt");
        PemWriter.writeCertificates(otherCa, List.of(otherRoot.certificate()));
        Tunnel tunnel = tcpTunnel(URI.create("tls://localhost:" + server.port()), otherCa);

        try (LogCapture log = LogCapture.of("mtls.upstream"); Socket socket = connect(tunnel)) {
            assertThat(socket.getInputStream().read()).as("the tunnel closed the local connection").isEqualTo(-1);
            // The server sent its certificate alone: its issuer is neither sent nor trusted.
            assertThat(log.awaitLine("tunnel: tls://localhost:" + server.port() + " MISSING_INTERMEDIATE: "))
                    .contains("CN=localhost");
        }
    }

    @Test
    void listeningOnLocalhostAcceptsBothLoopbackAddresses() throws Exception {
        RunningGateway server = fixture.gateway(TlsProvider.OPENSSL).start();
        GatewayPki.Client client = fixture.pki().acme;
        Tunnel tunnel = fixture.closeAfterTest(Tunnel.start(TunnelConfig.builder(URI.create("https://localhost:" + server.port()),
                        TlsFiles.builder().certificateChain(client.certificate()).privateKey(client.key())
                                .addTrustedCertificates(fixture.pki().caCertificate).build())
                .mode(TunnelConfig.Mode.TCP).listen(InetSocketAddress.createUnresolved("localhost", 0)).build()));
        List<InetAddress> loopbacks = new ArrayList<>(List.of(InetAddress.getByName("127.0.0.1")));
        if (ipv6LoopbackWorks()) {
            loopbacks.add(InetAddress.getByName("::1"));
        }
        for (InetAddress loopback : loopbacks) {
            try (Socket socket = new Socket(loopback, tunnel.address().getPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write("GET /via HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as("through " + loopback).startsWith("HTTP/1.1 200").contains("\"subject\":\"CN=acme\"");
            }
        }
    }

    private static boolean ipv6LoopbackWorks() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Tunnel tcpTunnel(URI target, Path trusted) throws Exception {
        GatewayPki.Client client = fixture.pki().acme;
        return fixture.closeAfterTest(Tunnel.start(TunnelConfig.builder(target, TlsFiles.builder()
                        .certificateChain(client.certificate()).privateKey(client.key()).addTrustedCertificates(trusted).build())
                .mode(TunnelConfig.Mode.TCP).listen(new InetSocketAddress("127.0.0.1", 0)).build()));
    }

    private static Socket connect(Tunnel tunnel) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), tunnel.address().getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static String sha256(byte[] bytes) {
        MessageDigest digest = TestUpstream.sha256();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }

    /**
     * The JDK's TLS server (strict validation of the client through mtls-kit's trust manager)
     * for one connection: reads until the client's end of input, answers "SHA-256 SIZE\n" and
     * then {@code answerBytes} bytes of {@link TestUpstream#pattern}, and closes.
     */
    private static final class HalfCloseServer implements AutoCloseable {
        final int answerBytes;
        final CompletableFuture<String> clientSubject = new CompletableFuture<>();
        private final CountDownLatch reading = new CountDownLatch(1);
        private volatile boolean hold;
        private final SSLServerSocket server;
        private final Thread thread;

        HalfCloseServer(int answerBytes) throws IOException {
            this.answerBytes = answerBytes;
            ReloadingTlsMaterial material = ReloadingTlsMaterial.load(TlsFiles.builder()
                    .certificateChain(fixture.pki().serverCertificate).privateKey(fixture.pki().serverKey)
                    .addTrustedCertificates(fixture.pki().caCertificate).build());
            server = (SSLServerSocket) ReloadingSslContexts.jdk(material, ConnectionEnd.SERVER).getServerSocketFactory()
                    .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
            server.setNeedClientAuth(true);
            thread = new Thread(this::serve, "half-close-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** After the handshake, reads nothing until {@link #releaseReading()}. */
        void holdReading() {
            hold = true;
        }

        void releaseReading() {
            reading.countDown();
        }

        private void serve() {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(30_000);
                socket.startHandshake();
                clientSubject.complete(((X509Certificate) socket.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName());
                if (hold && !reading.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                InputStream in = socket.getInputStream();
                MessageDigest digest = TestUpstream.sha256();
                long size = 0;
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
                OutputStream out = socket.getOutputStream();
                out.write((HexFormat.of().formatHex(digest.digest()) + " " + size + "\n").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < answerBytes; sent += chunk.length) {
                    int n = Math.min(chunk.length, answerBytes - sent);
                    for (int i = 0; i < n; i++) {
                        chunk[i] = TestUpstream.pattern(sent + i);
                    }
                    out.write(chunk, 0, n);
                }
                out.flush();
            } catch (IOException | RuntimeException | InterruptedException e) {
                clientSubject.completeExceptionally(e);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
