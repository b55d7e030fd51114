package dev.mtlskit.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.trust.RejectedCertificateException;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.testing.EchoServer;
import dev.mtlskit.testing.EndpointFiles;
import dev.mtlskit.testing.SecretVolume;
import dev.mtlskit.testing.TestPki;

/**
 * A reloading client context against a real mTLS server (the JDK's HTTPS server with plain PKIX,
 * no mtls-kit code): each request is a new connection, and the server reports the certificate it
 * saw. The context is made once per test; only the files change.
 */
class ReloadingSslContextsTest {

    private static final HeldCertificate ALICE = TestPki.client("alice");
    private static final HeldCertificate BOB = TestPki.client("bob");

    @TempDir
    Path tmp;

    private EchoServer server;
    private ReloadingTlsMaterial material;

    @BeforeEach
    void startServer() throws Exception {
        server = EchoServer.start(TestPki.plainContext(TestPki.SERVER, TestPki.ROOT));
    }

    @AfterEach
    void stop() {
        server.close();
        if (material != null) {
            material.close();
        }
    }

    @Test
    void firstCertificateIsPresented() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        material = ReloadingTlsMaterial.load(files.tlsFiles());
        HttpClient client = EchoServer.client(ReloadingSslContexts.jdk(material, ConnectionEnd.CLIENT));

        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=alice");
        assertThat(EchoServer.call(client, server.uri("127.0.0.1"))).isEqualTo("CN=alice");
    }

    @Test
    void replacedFilesReachTheNextConnectionWithTheSameContext() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        material = ReloadingTlsMaterial.load(files.tlsFiles());
        HttpClient client = EchoServer.client(ReloadingSslContexts.jdk(material, ConnectionEnd.CLIENT));
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=alice");

        files.replace(BOB);
        ReloadResult result = material.reloadNow();

        assertThat(result).isInstanceOf(ReloadResult.Changed.class);
        assertThat(TestPki.subject(result.current().leaf())).isEqualTo("CN=bob");
        // Same HttpClient, same SSLContext: a new connection (and no resumed session) shows the new certificate.
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=bob");
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=bob");
    }

    @Test
    void anRsaCertificateCanReplaceAnEcOne() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        material = ReloadingTlsMaterial.load(files.tlsFiles());
        HttpClient client = EchoServer.client(ReloadingSslContexts.jdk(material, ConnectionEnd.CLIENT));
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=alice");

        HeldCertificate carol = HeldCertificate.builder().commonName("carol-rsa").keyType(KeyType.RSA_2048)
                .purpose(Purpose.CLIENT).signedBy(TestPki.ROOT).build();
        files.replace(carol);
        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

        // The key manager offers the key for the key types the handshake asks for: now RSA, not EC.
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=carol-rsa");
    }

    @Test
    void kubernetesSecretSwapIsReloaded() throws Exception {
        SecretVolume volume = SecretVolume.create(tmp, ALICE);
        material = ReloadingTlsMaterial.load(volume.tlsFiles());
        HttpClient client = EchoServer.client(ReloadingSslContexts.jdk(material, ConnectionEnd.CLIENT));
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=alice");

        volume.update(BOB);

        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=bob");
    }

    @Test
    void brokenFilesKeepTheOldCertificateUntilGoodOnesArrive() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        material = ReloadingTlsMaterial.load(files.tlsFiles());
        HttpClient client = EchoServer.client(ReloadingSslContexts.jdk(material, ConnectionEnd.CLIENT));

        TestPki.replaceAtomically(files.certificate(), "this is not a certificate\n");
        ReloadResult garbage = material.reloadNow();
        assertThat(garbage).isInstanceOfSatisfying(ReloadResult.Failed.class, failed -> {
            assertThat(failed.error().file()).isEqualTo(files.certificate());
            assertThat(failed.error()).hasMessageStartingWith(files.certificate() + " holds no certificate");
            assertThat(TestPki.subject(failed.current().leaf())).isEqualTo("CN=alice");
        });
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=alice");

        // Half-way through an update: the new certificate is in place, its key is not yet.
        TestPki.replaceAtomically(files.certificate(), TestPki.pem(BOB));
        ReloadResult halfWritten = material.reloadNow();
        assertThat(halfWritten).isInstanceOfSatisfying(ReloadResult.Failed.class, failed -> {
            assertThat(failed.error().file()).isEqualTo(files.key());
            assertThat(failed.error()).hasMessageContaining(files.key() + " (EC P-256) does not match "
                    + files.certificate());
        });
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=alice");

        TestPki.replaceAtomically(files.key(), TestPki.keyPem(BOB));
        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);
        assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=bob");
    }

    @Test
    void newCaInTheTrustBundleIsTrustedAfterReload() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        material = ReloadingTlsMaterial.load(files.tlsFiles());
        HttpClient client = EchoServer.client(ReloadingSslContexts.jdk(material, ConnectionEnd.CLIENT));
        try (EchoServer otherServer = EchoServer.start(TestPki.plainContext(TestPki.server(TestPki.OTHER_ROOT, "localhost"),
                TestPki.ROOT))) {
            assertThatThrownBy(() -> EchoServer.call(client, otherServer.uri("localhost")))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasRootCauseInstanceOf(RejectedCertificateException.class)
                    .rootCause().hasMessageStartingWith(Reason.MISSING_INTERMEDIATE + ": ");

            TestPki.replaceAtomically(files.ca(), TestPki.pem(TestPki.ROOT, TestPki.OTHER_ROOT));
            assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

            assertThat(EchoServer.call(client, otherServer.uri("localhost"))).isEqualTo("CN=alice");
            assertThat(EchoServer.call(client, server.uri("localhost"))).isEqualTo("CN=alice");
        }
    }

    @Test
    void serverNameIsCheckedAgainstTheHostConnectedTo() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        material = ReloadingTlsMaterial.load(files.tlsFiles());
        HttpClient client = EchoServer.client(ReloadingSslContexts.jdk(material, ConnectionEnd.CLIENT));
        try (EchoServer elsewhere = EchoServer.start(TestPki.plainContext(TestPki.server(TestPki.ROOT, "api.example"), TestPki.ROOT))) {
            assertThatThrownBy(() -> EchoServer.call(client, elsewhere.uri("localhost")))
                    .isInstanceOf(SSLHandshakeException.class)
                    .rootCause().isInstanceOf(RejectedCertificateException.class)
                    .hasMessageStartingWith(Reason.NAME_MISMATCH + ": ");
            // The certificate has IP address 127.0.0.1 too.
            assertThat(EchoServer.call(client, elsewhere.uri("127.0.0.1"))).isEqualTo("CN=alice");
        }
    }

    @Test
    void contextsEnableTls12AndNewerOnlyAndServersRequireAClientCertificate() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        material = ReloadingTlsMaterial.load(files.tlsFiles());
        SSLContext client = ReloadingSslContexts.jdk(material, ConnectionEnd.CLIENT);
        SSLContext serverSide = ReloadingSslContexts.jdk(material, ConnectionEnd.SERVER);

        for (SSLContext context : new SSLContext[] {client, serverSide}) {
            SSLParameters defaults = context.getDefaultSSLParameters();
            assertThat(defaults.getProtocols()).isNotEmpty().isSubsetOf("TLSv1.3", "TLSv1.2");
            assertThat(context.getSupportedSSLParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(context.createSSLEngine("localhost", 443).getEnabledProtocols()).isSubsetOf("TLSv1.3", "TLSv1.2");
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                assertThat(socket.getEnabledProtocols()).isSubsetOf("TLSv1.3", "TLSv1.2");
            }
        }
        assertThat(serverSide.getDefaultSSLParameters().getNeedClientAuth()).isTrue();
        assertThat(serverSide.createSSLEngine().getNeedClientAuth()).isTrue();
        assertThatThrownBy(() -> client.init(null, null, null))
                .hasMessageContaining("cannot be initialised again");
    }
}
