package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.Limits;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.Programs;

/**
 * 64 MiB through the gateway each way, over HTTP/2 and HTTP/1.1: the upstream receives every byte
 * of an upload in order, and the client every byte of a download. (The gateway streams with
 * backpressure rather than buffering; this checks that what streams arrives intact.)
 */
class StreamingTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final int SIZE = 64 * 1024 * 1024;
    private static Path upload;
    private static String uploadSha256;

    @BeforeAll
    static void writeUpload() throws Exception {
        upload = fixture.scratch().resolve("upload.bin");
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(upload)) {
            for (long written = 0; written < SIZE; written += buffer.length) {
                for (int i = 0; i < buffer.length; i++) {
                    buffer[i] = TestUpstream.pattern(written + i);
                }
                out.write(buffer);
                digest.update(buffer);
            }
        }
        uploadSha256 = HexFormat.of().formatHex(digest.digest());
    }

    private static RunningGateway gateway(TlsProvider provider, TestUpstream upstream) throws Exception {
        Limits defaults = Limits.defaults();
        return fixture.gateway(provider).upstream("api", upstream.uri()).route(Route.of("/", "api", List.of()))
                .limits(new Limits(defaults.maxHeaderBytes(), 2L * SIZE, defaults.maxConnections(),
                        defaults.maxConcurrentStreams()))
                .start();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void upload(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream);

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/upload")
                .args(protocol, "--data-binary", "@" + upload).maxTime(120).run();

        assertThat(curl.exitCode()).as(curl.describe()).isZero();
        assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        assertThat(curl.body()).isEqualTo("received " + SIZE + " bytes\n");
        assertThat(curl.stderr()).containsIgnoringCase("x-body-sha256: " + uploadSha256);
        assertThat(upstream.requests()).singleElement().satisfies(request -> {
            assertThat(request.bodyBytes()).isEqualTo(SIZE);
            assertThat(request.bodySha256()).isEqualTo(uploadSha256);
        });
    }

    /** Without a Content-Length (chunked on HTTP/1.1, DATA frames until END_STREAM on HTTP/2). */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void uploadWithoutLength(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream);

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/upload")
                .args(protocol, "-T", upload.toString(), "-X", "POST", "-H", "Transfer-Encoding: chunked")
                .maxTime(120).run();

        assertThat(curl.exitCode()).as(curl.describe()).isZero();
        assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        assertThat(curl.stderr()).doesNotContainIgnoringCase("> content-length:");
        assertThat(curl.body()).isEqualTo("received " + SIZE + " bytes\n");
        assertThat(upstream.requests()).singleElement()
                .satisfies(request -> assertThat(request.bodySha256()).isEqualTo(uploadSha256));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void download(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = gateway(provider, upstream);
        Path downloaded = fixture.scratch().resolve("download-" + gateway.listener() + ".bin");

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, "/download/" + SIZE)
                .args(protocol, "-o", downloaded.toString()).maxTime(120).run();

        try {
            assertThat(curl.exitCode()).as(curl.describe()).isZero();
            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            assertThat(Files.size(downloaded)).isEqualTo(SIZE);
            assertThat(sha256(downloaded)).isEqualTo(uploadSha256); // the same pattern
        } finally {
            Files.deleteIfExists(downloaded);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1024 * 1024];
        try (var in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
