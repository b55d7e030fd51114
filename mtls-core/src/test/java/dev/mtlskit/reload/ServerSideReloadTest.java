package dev.mtlskit.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.testing.EchoServer;
import dev.mtlskit.testing.TestPki;

/**
 * A reloading server context (the JDK's HTTPS server on it) against plain JDK clients that keep
 * their context, and so their session cache, across the reload: what the server trusts and what
 * it presents changes for the next connection.
 */
class ServerSideReloadTest {

    private static final HeldCertificate ALICE = TestPki.client("alice");

    @TempDir
    Path tmp;

    private Path serverCertificate;
    private Path serverKey;
    private Path crl;
    private ReloadingTlsMaterial material;
    private EchoServer server;

    @BeforeEach
    void start() throws Exception {
        serverCertificate = tmp.resolve("server.crt");
        serverKey = tmp.resolve("server.key");
        Path clientCa = tmp.resolve("client-ca.crt");
        crl = tmp.resolve("client-ca.crl");
        Files.writeString(serverCertificate, TestPki.pem(TestPki.SERVER));
        Files.writeString(serverKey, TestPki.keyPem(TestPki.SERVER));
        Files.writeString(clientCa, TestPki.pem(TestPki.ROOT));
        Files.writeString(crl, TestPki.crlPem(TestPki.ROOT));
        material = ReloadingTlsMaterial.load(TlsFiles.builder().certificateChain(serverCertificate).privateKey(serverKey)
                .addTrustedCertificates(clientCa).addCrl(crl).build());
        server = EchoServer.start(ReloadingSslContexts.jdk(material, ConnectionEnd.SERVER));
    }

    @AfterEach
    void stop() {
        server.close();
        material.close();
    }

    @Test
    void aClientRevokedByANewCrlIsRefusedAtItsNextConnection() throws Exception {
        HttpClient alice = EchoServer.client(TestPki.plainContext(ALICE, TestPki.ROOT));
        assertThat(EchoServer.call(alice, server.uri("localhost"))).isEqualTo("CN=alice");
        assertThat(EchoServer.call(alice, server.uri("localhost"))).isEqualTo("CN=alice");

        TestPki.replaceAtomically(crl, TestPki.crlPem(TestPki.ROOT, ALICE.certificate().getSerialNumber()));
        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

        // Even with a session ticket from before the reload in its cache, Alice gets a full handshake and is refused.
        assertThatThrownBy(() -> EchoServer.call(alice, server.uri("localhost"))).isInstanceOf(IOException.class);
    }

    @Test
    void aRenewedServerCertificateIsPresentedToTheNextConnection() throws Exception {
        SSLContext client = TestPki.plainContext(ALICE, TestPki.ROOT);
        assertThat(serverCertificateSeen(client)).isEqualTo(TestPki.SERVER.certificate().getSerialNumber());

        HeldCertificate renewed = TestPki.server(TestPki.ROOT, "localhost");
        TestPki.replaceAtomically(serverKey, TestPki.keyPem(renewed));
        TestPki.replaceAtomically(serverCertificate, TestPki.pem(renewed));
        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

        assertThat(serverCertificateSeen(client)).isEqualTo(renewed.certificate().getSerialNumber());
    }

    @Test
    void aClientWithoutCertificateIsRefused() throws Exception {
        SSLContext anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, TestPki.plainTrustManagers(TestPki.ROOT), null);
        assertThatThrownBy(() -> EchoServer.call(EchoServer.client(anonymous), server.uri("localhost")))
                .isInstanceOf(IOException.class);
    }

    private BigInteger serverCertificateSeen(SSLContext client) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", server.port())) {
            socket.startHandshake();
            SSLSession session = socket.getSession();
            return ((java.security.cert.X509Certificate) session.getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
