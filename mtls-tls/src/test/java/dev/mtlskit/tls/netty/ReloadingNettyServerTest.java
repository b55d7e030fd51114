package dev.mtlskit.tls.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.reload.ReloadResult;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.testing.EndpointFiles;
import dev.mtlskit.testing.Programs;
import dev.mtlskit.testing.TestPki;

import io.netty.channel.Channel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * A Netty server (BoringSSL and JDK) taking its context per connection from
 * {@link ReloadingNettyContexts}, against plain JDK clients that keep their context (and session
 * cache) across reloads, and against curl.
 */
class ReloadingNettyServerTest {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final HeldCertificate ALICE = TestPki.client("alice");
    private static final NettyPeers PEERS = new NettyPeers();

    @TempDir
    Path tmp;

    private EndpointFiles files;
    private ReloadingTlsMaterial material;
    private Channel server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        if (material != null) {
            material.close();
        }
    }

    @AfterAll
    static void stopPeers() {
        PEERS.close();
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void aClientRevokedByANewCrlIsRefusedAtItsNextConnection(SslProvider provider) throws Exception {
        start(provider);
        HttpClient alice = client(TestPki.plainContext(ALICE, TestPki.ROOT));
        assertThat(call(alice)).isEqualTo("CN=alice");
        assertThat(call(alice)).isEqualTo("CN=alice");

        TestPki.replaceAtomically(files.crl(), TestPki.crlPem(TestPki.ROOT, ALICE.certificate().getSerialNumber()));
        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

        // Alice's session tickets are from the old context: she gets a full handshake, and is refused.
        assertThatThrownBy(() -> call(alice)).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void aRenewedServerCertificateIsPresentedToTheNextConnection(SslProvider provider) throws Exception {
        start(provider);
        SSLContext client = TestPki.plainContext(ALICE, TestPki.ROOT);
        assertThat(serverCertificate(client).getSerialNumber()).isEqualTo(TestPki.SERVER.certificate().getSerialNumber());

        HeldCertificate renewed = TestPki.server(TestPki.ROOT, "localhost");
        files.replace(renewed);
        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

        assertThat(serverCertificate(client).getSerialNumber()).isEqualTo(renewed.certificate().getSerialNumber());
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void aClientWithoutCertificateOrFromAnotherCaIsRefused(SslProvider provider) throws Exception {
        start(provider);
        assertThatThrownBy(() -> call(client(TestPki.plainContext(null, TestPki.ROOT)))).isInstanceOf(IOException.class);
        HeldCertificate stranger = HeldCertificate.builder().commonName("stranger")
                .purpose(dev.mtlskit.pki.Purpose.CLIENT).signedBy(TestPki.OTHER_ROOT).build();
        assertThatThrownBy(() -> call(client(TestPki.plainContext(stranger, TestPki.ROOT))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void curlWithAClientCertificate() throws Exception {
        String curl = Programs.require("curl", "curl").toString();
        start(null);
        Path clientDirectory = java.nio.file.Files.createDirectory(tmp.resolve("curl"));
        EndpointFiles alice = EndpointFiles.write(clientDirectory, ALICE);
        Programs.Result result = Programs.run(List.of(curl, "-sS", "--cert", alice.certificate().toString(),
                "--key", alice.key().toString(), "--cacert", alice.ca().toString(),
                "https://localhost:" + NettyPeers.port(server) + "/"), RUN_TIMEOUT);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).isEqualTo("CN=alice");

        Programs.Result anonymous = Programs.run(List.of(curl, "-sS", "--cacert", alice.ca().toString(),
                "https://localhost:" + NettyPeers.port(server) + "/"), RUN_TIMEOUT);
        assertThat(anonymous.exitCode()).as(anonymous.describe()).isNotZero();
    }

    private void start(SslProvider provider) throws Exception {
        if (provider == SslProvider.OPENSSL) {
            assumeThat(OpenSsl.isAvailable()).as("BoringSSL (netty-tcnative) is not available here").isTrue();
        }
        files = EndpointFiles.write(tmp, TestPki.SERVER, TestPki.crlPem(TestPki.ROOT));
        material = ReloadingTlsMaterial.load(files.tlsFiles());
        ReloadingNettyContexts.Builder builder = ReloadingNettyContexts.forServer(material);
        if (provider != null) {
            builder.provider(provider);
        }
        server = PEERS.echoServer(builder.build());
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private String call(HttpClient client) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + NettyPeers.port(server) + "/"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private X509Certificate serverCertificate(SSLContext client) throws IOException {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", NettyPeers.port(server))) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
