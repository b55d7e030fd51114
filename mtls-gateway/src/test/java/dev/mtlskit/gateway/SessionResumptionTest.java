package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.testing.Programs;

/**
 * A client that made a request can resume its session on the next connection (session tickets,
 * TLS 1.3 and 1.2, both engines), and the resumed connection still knows who the client is: the
 * echo answers with the client's identity although no certificate was sent this time.
 */
class SessionResumptionTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    static Stream<Arguments> engineAndVersion() {
        return Stream.of(TlsProvider.values()).flatMap(provider -> Stream.of(
                Arguments.of(provider, "-tls1_3"), Arguments.of(provider, "-tls1_2")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("engineAndVersion")
    void secondConnectionResumesAndKeepsTheIdentity(TlsProvider provider, String version) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();
        Path session = Files.createTempFile(fixture.scratch(), "session", ".pem");
        Files.delete(session);

        Programs.Result first = request(gateway, version, "-sess_out", session.toString());
        assertThat(first.stdout()).as(first.describe()).contains("New, TLSv1.").contains("HTTP/1.1 200");
        assertThat(session).as("session written after the first request\n" + first.describe()).isNotEmptyFile();

        Programs.Result second = request(gateway, version, "-sess_in", session.toString());
        assertThat(second.stdout()).as(second.describe()).contains("Reused, TLSv1.").contains("HTTP/1.1 200")
                .contains("\"common_name\":\"acme\"");
    }

    /** One request on a fresh connection with s_client, which waits for the answer (-ign_eof). */
    private static Programs.Result request(RunningGateway gateway, String version, String... extra) throws Exception {
        Path input = Files.createTempFile(fixture.scratch(), "request", ".txt");
        Files.writeString(input, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        List<String> command = new ArrayList<>(List.of(Programs.require("openssl", "openssl (apt-get install openssl)").toString(),
                "s_client", "-connect", "127.0.0.1:" + gateway.port(), "-servername", "localhost",
                "-CAfile", fixture.pki().caCertificate.toString(),
                "-cert", fixture.pki().acme.certificate().toString(), "-key", fixture.pki().acme.key().toString(),
                version, "-ign_eof"));
        command.addAll(List.of(extra));
        return Programs.run(command, Files.readString(input), Duration.ofSeconds(30));
    }
}
