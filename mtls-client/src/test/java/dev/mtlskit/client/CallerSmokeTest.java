package dev.mtlskit.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.pki.DevPki;

class CallerSmokeTest {

    @TempDir
    Path dir;

    @Test
    void callsOpenSslServer() throws Exception {
        DevPki.ensure(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-www",
                "-cert", dir.resolve("server.crt").toString(), "-key", dir.resolve("server.key").toString(),
                "-Verify", "1", "-CAfile", dir.resolve("ca.crt").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            for (int i = 0; i < 100; i++) {
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    break;
                } catch (java.io.IOException e) {
                    Thread.sleep(50);
                }
            }
            CallRequest request = CallRequest.builder(URI.create("https://localhost:" + port + "/"))
                    .clientCertificate(dir.resolve("client.crt"), dir.resolve("client.key"), PasswordSource.none())
                    .caFile(dir.resolve("ca.crt"))
                    .resolve(java.util.Map.of("localhost:" + port, java.net.InetAddress.getByName("127.0.0.1")))
                    .build();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            CallResult result = new Caller().call(request, e -> { }, body);
            assertThat(result.stage()).isEqualTo(CallResult.Stage.RESPONDED);
            assertThat(result.certificateRequest()).isPresent();
        } finally {
            server.destroy();
        }
    }
}
