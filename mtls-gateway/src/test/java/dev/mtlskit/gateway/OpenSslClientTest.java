package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.testing.Programs;

/**
 * What {@code openssl s_client} shows of the gateway's handshake: the acceptable client CA names
 * (the client CA's subject, so that clients pick the right certificate), a verified server
 * certificate; and that TLS 1.1 is refused (TLS 1.2 and 1.3 only).
 */
class OpenSslClientTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    /** The root's subject as OpenSSL prints it (its one-line form, in encoding order). */
    private static final String ROOT_ONELINE = "O = mtls-kit tests, CN = mtls-kit Test Root CA";

    @RegisterExtension
    static final LogCapture rejected = LogCapture.of("mtls.rejected");

    private static Programs.Result sClient(RunningGateway gateway, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Programs.require("openssl", "openssl (apt-get install openssl)").toString(),
                "s_client", "-connect", "127.0.0.1:" + gateway.port(), "-servername", "localhost",
                "-CAfile", fixture.pki().caCertificate.toString()));
        command.addAll(List.of(extra));
        // Standard input is empty: s_client ends after the handshake.
        return Programs.run(command, Duration.ofSeconds(30));
    }

    private static String[] acme() {
        return new String[] {"-cert", fixture.pki().acme.certificate().toString(),
                "-key", fixture.pki().acme.key().toString()};
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void acceptableClientCaNamesListTheClientCa(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();

        for (String version : List.of("-tls1_3", "-tls1_2")) {
            Programs.Result openssl = sClient(gateway, concat(acme(), version));

            assertThat(openssl.exitCode()).as(openssl.describe()).isZero();
            String out = openssl.stdout();
            assertThat(out).as(openssl.describe()).contains("Acceptable client certificate CA names\n" + ROOT_ONELINE + "\n");
            assertThat(out).as(openssl.describe()).contains("Verify return code: 0 (ok)");
            assertThat(out).as(openssl.describe()).contains(version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void briefHandshake(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();

        Programs.Result openssl = sClient(gateway, concat(acme(), "-brief"));

        assertThat(openssl.exitCode()).as(openssl.describe()).isZero();
        // -brief writes to standard error.
        assertThat(openssl.stderr()).as(openssl.describe())
                .contains("CONNECTION ESTABLISHED")
                .contains("Protocol version: TLSv1.3")
                .contains("Peer certificate: CN = localhost")
                .contains("Verification: OK");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tls11IsRefused(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();

        // SECLEVEL=0 lets this OpenSSL offer TLS 1.1 at all; -trace shows that it did.
        Programs.Result openssl = sClient(gateway, concat(acme(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-trace"));

        assertThat(openssl.stdout()).as(openssl.describe()).contains("ClientHello").contains("client_version=0x302 (TLS 1.1)");
        assertThat(openssl.exitCode()).as(openssl.describe()).isNotZero();
        assertThat(openssl.stdout()).as(openssl.describe())
                .contains("Level=fatal(2), description=protocol version(70)")
                .contains("no peer certificate available")
                .contains("Cipher is (NONE)");
        assertThat(openssl.stderr()).as(openssl.describe()).contains("alert protocol version");
        String line = rejected.awaitLine("handshake failed " + gateway.logMarker());
        // In words on both engines: no BoringSSL code, no Java class name.
        assertThat(line).matches("handshake failed " + java.util.regex.Pattern.quote(gateway.logMarker())
                + " 127\\.0\\.0\\.1:\\d+: the client offered no protocol version this gateway accepts \\(TLS 1\\.2 or TLS 1\\.3\\)");
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
