package dev.mtlskit.tls.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.reload.ReloadResult;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.trust.RejectedCertificateException;
import dev.mtlskit.testing.EchoServer;
import dev.mtlskit.testing.EndpointFiles;
import dev.mtlskit.testing.TestPki;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;

/**
 * Netty clients (BoringSSL and JDK) taking their context from {@link ReloadingNettyContexts}, against
 * the JDK's HTTPS server with plain PKIX (no mtls-kit code), which reports the certificate it saw.
 */
class ReloadingNettyClientTest {

    private static final HeldCertificate ALICE = TestPki.client("alice");
    private static final HeldCertificate BOB = TestPki.client("bob");
    private static final NettyPeers PEERS = new NettyPeers();

    @TempDir
    Path tmp;

    private EchoServer server;
    private EndpointFiles files;
    private ReloadingTlsMaterial material;

    @BeforeEach
    void start() throws Exception {
        server = EchoServer.start(TestPki.plainContext(TestPki.SERVER, TestPki.ROOT));
        files = EndpointFiles.write(tmp, ALICE);
        material = ReloadingTlsMaterial.load(files.tlsFiles());
    }

    @AfterEach
    void stop() {
        server.close();
        material.close();
    }

    @AfterAll
    static void stopPeers() {
        PEERS.close();
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void newConnectionsGetTheNewCertificateAndOpenOnesKeepTheirs(SslProvider provider) throws Exception {
        ReloadingNettyContexts contexts = contexts(provider);
        SslContext first = contexts.get();
        assertThat(contexts.get()).isSameAs(first);
        assertThat(PEERS.call(contexts.get(), "localhost", server.port())).isEqualTo("CN=alice");

        try (NettyPeers.Connection before = PEERS.connect(contexts.get(), "localhost", server.port())) {
            files.replace(BOB);
            assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

            SslContext second = contexts.get();
            assertThat(second).isNotSameAs(first);
            assertThat(contexts.get()).isSameAs(second);
            assertThat(contexts.material().leaf()).isEqualTo(BOB.certificate());
            assertThat(PEERS.call(second, "localhost", server.port())).isEqualTo("CN=bob");
            // The connection made before the reload is untouched, and its context still works.
            assertThat(before.get("localhost")).isEqualTo("CN=alice");
            assertThat(PEERS.call(first, "localhost", server.port())).isEqualTo("CN=alice");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void aBrokenReloadKeepsTheContext(SslProvider provider) throws Exception {
        ReloadingNettyContexts contexts = contexts(provider);
        SslContext first = contexts.get();
        TestPki.replaceAtomically(files.certificate(), TestPki.pem(BOB)); // its key is not there yet
        assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Failed.class);

        assertThat(contexts.get()).isSameAs(first);
        assertThat(PEERS.call(contexts.get(), "localhost", server.port())).isEqualTo("CN=alice");
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"OPENSSL", "JDK"})
    void theServerIsCheckedStrictlyAndTrustFollowsTheCaFile(SslProvider provider) throws Exception {
        ReloadingNettyContexts contexts = contexts(provider);
        try (EchoServer wrongName = EchoServer.start(TestPki.plainContext(TestPki.server(TestPki.ROOT,
                "api.example"), TestPki.ROOT));
             EchoServer otherCa = EchoServer.start(TestPki.plainContext(TestPki.server(TestPki.OTHER_ROOT,
                     "localhost"), TestPki.ROOT))) {
            assertThatThrownBy(() -> PEERS.call(contexts.get(), "localhost", wrongName.port()))
                    .hasStackTraceContaining(RejectedCertificateException.class.getName() + ": "
                            + Reason.NAME_MISMATCH + ": ");
            assertThat(PEERS.call(contexts.get(), "127.0.0.1", wrongName.port())).isEqualTo("CN=alice");

            assertThatThrownBy(() -> PEERS.call(contexts.get(), "localhost", otherCa.port()))
                    .hasStackTraceContaining(RejectedCertificateException.class.getName() + ": "
                            + Reason.MISSING_INTERMEDIATE + ": ");
            TestPki.replaceAtomically(files.ca(), TestPki.pem(TestPki.ROOT, TestPki.OTHER_ROOT));
            assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);
            assertThat(PEERS.call(contexts.get(), "localhost", otherCa.port())).isEqualTo("CN=alice");
        }
    }

    private ReloadingNettyContexts contexts(SslProvider provider) throws Exception {
        if (provider == SslProvider.OPENSSL) {
            assumeThat(OpenSsl.isAvailable()).as("BoringSSL (netty-tcnative) is not available here").isTrue();
        }
        ReloadingNettyContexts contexts = ReloadingNettyContexts.forClient(material).provider(provider).build();
        assertThat(contexts.provider()).isEqualTo(provider);
        return contexts;
    }
}
