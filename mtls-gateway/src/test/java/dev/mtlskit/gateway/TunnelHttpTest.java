package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.tls.wire.TlsVersion;
import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.tunnel.Tunnel;
import dev.mtlskit.gateway.tunnel.TunnelConfig;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.policy.Route;
import dev.mtlskit.reload.ReloadResult;
import dev.mtlskit.reload.TlsFiles;

/**
 * {@code mtls tunnel} in HTTP mode, end to end with real sockets: a plain HTTP/1.1 client (the
 * "legacy app") → the tunnel → a gateway that requires client certificates → a recording API.
 */
class TunnelHttpTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestsReachTheServerAsTheClientOverOneKeptAliveConnection() throws Exception {
        TestUpstream api = fixture.upstream();
        RunningGateway server = fixture.gateway(TlsProvider.OPENSSL).upstream("api", api.uri())
                .route(Route.of("/", "api", List.of())).start();
        CountingRelay relay = fixture.closeAfterTest(new CountingRelay(server.port()));
        Tunnel tunnel = tunnel(URI.create("https://localhost:" + relay.port()), fixture.pki().acme, builder -> { });

        // Two clients (two local connections), several requests each, one with a body.
        for (int client = 0; client < 2; client++) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(local(tunnel, "/orders/" + client + i + "?q=1"))
                        .header("X-Forwarded-Client-Cert", "Subject=\"CN=forged\"").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            byte[] body = new byte[300_000];
            new java.util.Random(7).nextBytes(body);
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(local(tunnel, "/upload"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.body()).isEqualTo("received 300000 bytes\n");
            assertThat(posted.headers().firstValue("X-Body-Sha256")).hasValue(sha256(body));
        }
        // An app that treats the tunnel as a proxy sends an absolute URL: the API gets the path.
        String raw = exchange(tunnel, "GET http://127.0.0.1:" + tunnel.address().getPort() + "/absolute?x=2 HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 200");

        assertThat(relay.connections()).as("TCP connections from the tunnel to the server").isEqualTo(1);
        List<TestUpstream.Request> seen = api.requests();
        assertThat(seen).hasSize(9);
        assertThat(seen.get(0).path()).isEqualTo("/orders/00");
        assertThat(seen.get(0).rawQuery()).isEqualTo("q=1");
        assertThat(seen.get(8).path()).isEqualTo("/absolute");
        for (TestUpstream.Request request : seen) {
            // The server knows itself by its own name, not by the app's localhost:PORT.
            assertThat(request.header("host")).containsExactly("localhost:" + relay.port());
            // The server verified the tunnel's client certificate; the app's forged header never arrived.
            assertThat(request.header("x-forwarded-client-cert")).singleElement().asString().contains("Subject=\"CN=acme\"")
                    .doesNotContain("forged");
            // The tunnel is the app's client, not a proxy: only the server's gateway adds an address.
            assertThat(request.header("x-forwarded-for")).containsExactly("127.0.0.1");
        }
    }

    @Test
    void replacedCertificateFilesAreUsedWithoutRestartAndBrokenOnesAreNot() throws Exception {
        TestUpstream api = fixture.upstream();
        RunningGateway server = fixture.gateway(TlsProvider.OPENSSL).upstream("api", api.uri())
                .route(Route.of("/", "api", List.of())).start();
        CountingRelay relay = fixture.closeAfterTest(new CountingRelay(server.port()));
        Path directory = Files.createDirectories(fixture.scratch().resolve("reload-" + UUID.randomUUID()));
        Path certificate = directory.resolve("client.crt");
        Path key = directory.resolve("client.key");
        Files.copy(fixture.pki().acme.certificate(), certificate);
        Files.copy(fixture.pki().acme.key(), key);
        LogCapture reloadLog = fixture.closeAfterTest(LogCapture.of("mtls.reload"));
        Tunnel tunnel = fixture.closeAfterTest(Tunnel.start(TunnelConfig.builder(URI.create("https://localhost:" + relay.port()),
                        TlsFiles.builder().certificateChain(certificate).privateKey(key)
                                .addTrustedCertificates(fixture.pki().caCertificate).build())
                .listen(new java.net.InetSocketAddress("127.0.0.1", 0)).reloadInterval(Duration.ofMillis(50)).build()));
        BlockingQueue<ReloadResult> reloads = new LinkedBlockingQueue<>();
        tunnel.material().addListener(reloads::add);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        assertThat(identitySeen(http, tunnel, api)).contains("CN=acme\"");

        replace(certificate, "-----BEGIN CERTIFICATE-----\nbroken\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(next(reloads, ReloadResult.Failed.class).error().getMessage()).contains(certificate.toString());
        assertThat(identitySeen(http, tunnel, api)).as("a broken file keeps the certificate in use").contains("CN=acme\"");
        // The lines are the gateway's own for its listeners and upstreams, with the tunnel's name.
        assertThat(reloadLog.awaitLine("reload failed: tunnel: CERTIFICATE_FILES_UNUSABLE: " + certificate))
                .contains("; still presenting CN=acme, serial ");

        HeldCertificate renewed = HeldCertificate.builder().commonName("acme-renewed").purpose(Purpose.CLIENT)
                .signedBy(fixture.pki().root).build();
        replace(key, PemWriter.privateKey(renewed.keyPair().getPrivate()).getBytes(StandardCharsets.US_ASCII));
        replace(certificate, PemWriter.certificates(List.of(renewed.certificate())).getBytes(StandardCharsets.US_ASCII));
        ReloadResult.Changed changed = next(reloads, ReloadResult.Changed.class);
        assertThat(changed.current().leaf().getSubjectX500Principal().getName()).isEqualTo("CN=acme-renewed");
        assertThat(reloadLog.awaitLine("reloaded tunnel: certificate CN=acme-renewed, serial "))
                .contains(", expires " + renewed.certificate().getNotAfter().toInstant() + " (was serial ");

        assertThat(identitySeen(http, tunnel, api)).as("the next request, same local connection").contains("CN=acme-renewed\"");
        assertThat(relay.connections()).as("the connection made with the old certificate was not reused").isEqualTo(2);
    }

    @Test
    void anUntrustedServerGets502WithTheReasonCodeAndOneLogLine() throws Exception {
        // The server sends its root along, so the validator reaches a self-signed root it does not trust.
        Path chainWithRoot = fixture.scratch().resolve("server-and-root-" + UUID.randomUUID() + ".crt");
        Files.writeString(chainWithRoot, Files.readString(fixture.pki().serverCertificate)
                + Files.readString(fixture.pki().caCertificate));
        RunningGateway server = fixture.gateway(TlsProvider.OPENSSL).serverCertificate(chainWithRoot).start();
        HeldCertificate otherRoot = HeldCertificate.builder().commonName("Some Other Root").certificateAuthority(0).build();
        Path otherCa = fixture.scratch().resolve("other-ca-" + UUID.randomUUID() + ".crt");
        PemWriter.writeCertificates(otherCa, List.of(otherRoot.certificate()));
        URI target = URI.create("https://localhost:" + server.port());
        Tunnel tunnel = fixture.closeAfterTest(Tunnel.start(TunnelConfig.builder(target, TlsFiles.builder()
                        .certificateChain(fixture.pki().acme.certificate()).privateKey(fixture.pki().acme.key())
                        .addTrustedCertificates(otherCa).build())
                .listen(new java.net.InetSocketAddress("127.0.0.1", 0)).build()));

        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local(tunnel, "/orders")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("code").asText()).isEqualTo("UNTRUSTED_ROOT");
            assertThat(problem.path("detail").asText()).contains(target.toString(), "certificate was refused");
            assertThat(problem.path("fix").asText()).isNotBlank();
            String line = log.awaitLine("tunnel: " + target + " UNTRUSTED_ROOT: ");
            assertThat(line).contains("mtls-kit Test Root CA").doesNotContain("\n");
            assertThat(log.lines("tunnel: " + target)).hasSize(1);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"1.2", "1.3"})
    void aRefusedClientCertificateGets502ClientCertRejected(String version) throws Exception {
        TlsVersion tlsMax = TlsVersion.parse(version);
        RunningGateway server = fixture.gateway(TlsProvider.OPENSSL).start();
        URI target = URI.create("https://localhost:" + server.port());
        // TLS 1.3: the server's alert arrives after the client's handshake ended, with the request.
        LogCapture reloadLog = fixture.closeAfterTest(LogCapture.of("mtls.reload"));
        Tunnel tunnel = tunnel(target, fixture.pki().expired, builder -> builder.tlsMax(tlsMax));
        assertThat(reloadLog.lines("tunnel: the client certificate CN=expired-client")).as("warned at start").contains(
                "tunnel: the client certificate CN=expired-client expired on " + fixture.pki().expired.leaf()
                        .getNotAfter().toInstant() + ": servers refuse it; renew it: the new files are used as soon as "
                        + "they are written");

        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local(tunnel, "/orders")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
            assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("CLIENT_CERT_REJECTED");
            assertThat(log.awaitLine("tunnel: " + target + " CLIENT_CERT_REJECTED: ")).contains("alert");
        }
    }

    @Test
    void anUnreachableTargetGets502ConnectionRefused() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Tunnel tunnel = tunnel(URI.create("https://localhost:" + closedPort), fixture.pki().acme, builder -> { });

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local(tunnel, "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("CONNECTION_REFUSED");
    }

    @Test
    void aTunnelOtherHostsCanReachIsAllowedOnlyWhenAskedForAndWarnedAbout() throws Exception {
        GatewayPki.Client client = fixture.pki().acme;
        URI target = URI.create("https://localhost:1");
        assertThatThrownBy(() -> tunnel(target, client, builder -> builder.listen(new java.net.InetSocketAddress("0.0.0.0", 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("listen 0.0.0.0:0: not a loopback address");
        try (LogCapture log = LogCapture.of("mtls.tunnel")) {
            tunnel(target, client, builder -> builder.listen(new java.net.InetSocketAddress("0.0.0.0", 0)).unsafeListen(true));
            assertThat(log.lines("--unsafe-listen")).containsExactly("tunnel: --unsafe-listen: 0.0.0.0:0 is not a loopback "
                    + "address: whoever can connect to it makes requests as CN=acme; firewall the port");
        }
    }

    private static Tunnel tunnel(URI target, GatewayPki.Client client, Consumer<TunnelConfig.Builder> settings) throws Exception {
        TunnelConfig.Builder builder = TunnelConfig.builder(target, TlsFiles.builder().certificateChain(client.certificate())
                        .privateKey(client.key()).addTrustedCertificates(fixture.pki().caCertificate).build())
                .listen(new java.net.InetSocketAddress("127.0.0.1", 0));
        settings.accept(builder);
        return fixture.closeAfterTest(Tunnel.start(builder.build()));
    }

    private static URI local(Tunnel tunnel, String path) {
        return URI.create("http://127.0.0.1:" + tunnel.address().getPort() + path);
    }

    /** The XFCC header the API received for a new request through the tunnel. */
    private static String identitySeen(HttpClient http, Tunnel tunnel, TestUpstream api) throws Exception {
        int before = api.requests().size();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(local(tunnel, "/whoami")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<TestUpstream.Request> requests = api.requests();
        assertThat(requests).hasSize(before + 1);
        return requests.get(before).header("x-forwarded-client-cert").get(0);
    }

    /** Writes next to the file, then renames over it: readers see the old or the new content, never half. */
    private static void replace(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static <T extends ReloadResult> T next(BlockingQueue<ReloadResult> reloads, Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            ReloadResult result = reloads.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(result)) {
                return type.cast(result);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " reload within 20 s");
    }

    /** Writes {@code request} on a new socket to the tunnel and reads until the end of the answer (the connection closes). */
    private static String exchange(Tunnel tunnel, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tunnel.address().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(byte[] bytes) {
        MessageDigest digest = TestUpstream.sha256();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }
}
