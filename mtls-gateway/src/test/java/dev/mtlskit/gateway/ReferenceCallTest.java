package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.testing.Programs;

/**
 * The call the README promises, made with curl as a user would: mutual TLS with the client
 * certificate, answered by the built-in echo naming the client. Over HTTP/2, HTTP/1.1 and TLS 1.2,
 * on both TLS engines.
 */
class ReferenceCallTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/esim-messaging/3/ES4/ES4SmSrService";

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void http2(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, PATH).args("--data", "test").run();

        assertSuccessfulCall(curl);
        assertThat(curl.stderr()).as(curl.describe()).contains("ALPN: server accepted h2");
        JsonNode echo = JSON.readTree(curl.body());
        assertThat(echo.path("protocol").asText()).isEqualTo("HTTP/2");
        assertThat(echo.path("tls").asText()).isEqualTo("TLSv1.3");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void http11(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, PATH).args("--http1.1", "--data", "test").run();

        assertSuccessfulCall(curl);
        assertThat(curl.stderr()).as(curl.describe()).contains("ALPN: server accepted http/1.1");
        assertThat(JSON.readTree(curl.body()).path("protocol").asText()).isEqualTo("HTTP/1.1");
    }

    /** TLS 1.2 shows each step of the mutual handshake in curl's transcript. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void tls12(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();

        Programs.Result curl = fixture.curl(gateway, fixture.pki().acme, PATH)
                .args("--tlsv1.2", "--tls-max", "1.2", "--data", "test").run();

        assertSuccessfulCall(curl);
        assertThat(curl.stderr()).as(curl.describe())
                .contains("TLSv1.2 (IN), TLS handshake, Request CERT (13)")
                .contains("TLSv1.2 (IN), TLS handshake, Server finished (14)")
                .contains("TLSv1.2 (OUT), TLS handshake, Certificate (11)")
                .contains("TLSv1.2 (OUT), TLS handshake, CERT verify (15)")
                .contains("SSL connection using TLSv1.2")
                .doesNotContain("TLSv1.3 (");
        assertThat(JSON.readTree(curl.body()).path("tls").asText()).isEqualTo("TLSv1.2");
    }

    private static void assertSuccessfulCall(Programs.Result curl) throws Exception {
        assertThat(curl.exitCode()).as(curl.describe()).isZero();
        assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        assertThat(curl.stderr()).as(curl.describe())
                .contains("Request CERT")
                .contains("SSL certificate verify ok")
                .contains("subject: CN=localhost");
        assertThat(curl.body()).as(curl.describe()).contains("\"subject\":\"CN=acme\"");
        JsonNode echo = JSON.readTree(curl.body());
        assertThat(echo.path("method").asText()).isEqualTo("POST");
        assertThat(echo.path("path").asText()).isEqualTo(PATH);
        assertThat(echo.path("body_bytes").asLong()).isEqualTo(4);
        JsonNode client = echo.path("client");
        assertThat(client.path("subject").asText()).isEqualTo("CN=acme");
        assertThat(client.path("issuer").asText()).isEqualTo(GatewayPki.ROOT_SUBJECT);
        assertThat(client.path("uris").get(0).asText()).isEqualTo(GatewayPki.ACME_URI);
        assertThat(echo.path("identity_headers").path("x-forwarded-client-cert").asText())
                .startsWith("Hash=" + client.path("sha256").asText() + ";");
    }
}
