package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.testing.Programs;
import dev.mtlskit.testing.TutorialPki;

/**
 * The tutorials' client certificate, X.509 version 1 (openssl x509 -req without -extfile), against
 * the gateway with curl: refused by default with a certificate alert and one line naming
 * V1_CERTIFICATE and the fix (explain mode: the same in the 401), the printed command makes a
 * certificate the gateway accepts, and {@code accept_v1_client_certs} (logged at start) accepts v1
 * leaves and a v1 client CA but never a v1 intermediate.
 */
class V1ClientCertificateTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1_MESSAGE = "The client certificate CN=tutorial-client is an X.509 version 1"
            + " certificate, which carries no extensions (no basicConstraints, key usage or extended key usage), so it"
            + " cannot say what it may be used for.";

    private static TutorialPki pki;
    private static LogCapture rejected;
    private static LogCapture access;
    private static LogCapture started;

    @BeforeAll
    static void tutorialPki() throws Exception {
        Path directory = fixture.scratch().resolve("tutorial");
        Files.createDirectories(directory);
        pki = TutorialPki.create(directory);
        rejected = LogCapture.of("mtls.rejected");
        access = LogCapture.of("mtls.access");
        started = LogCapture.of("mtls.gateway");
    }

    @AfterAll
    static void stopCapturing() {
        rejected.close();
        access.close();
        started.close();
    }

    private static GatewayFixture.Builder gateway(TlsProvider provider, String clientCa) {
        return fixture.gateway(provider)
                .serverKey(KeySource.pem(pki.file("server.crt"), pki.file("server.key"), PasswordSource.none()))
                .clientCas(pki.file(clientCa));
    }

    private static Programs.Result curl(RunningGateway gateway, Path certificate, Path key, String... more) throws Exception {
        return fixture.curl().args("-v", "-sS", "--resolve", "localhost:" + gateway.port() + ":127.0.0.1",
                        "--cacert", pki.file("ca.crt").toString(), "-w", "\n%{http_code}",
                        "--cert", certificate.toString(), "--key", key.toString())
                .args(more).args(gateway.url("/hello")).run();
    }

    private static Programs.Result curl(RunningGateway gateway, String name, String... more) throws Exception {
        return curl(gateway, pki.file(name + ".crt"), pki.file(name + ".key"), more);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aV1ClientCertificateIsRefusedWithACertificateAlertAndOneLineNamingCodeAndFix(TlsProvider provider)
            throws Exception {
        RunningGateway gateway = gateway(provider, "ca.crt").start();

        Programs.Result curl = curl(gateway, "client", "--tls-max", "1.2");

        assertThat(curl.exitCode()).as(curl.describe()).isNotZero();
        assertThat(curl.stderr()).as(curl.describe())
                .contains("(IN), TLS alert, " + (provider == TlsProvider.OPENSSL ? "unsupported certificate" : "certificate unknown"))
                .doesNotContain("internal error");
        String line = rejected.awaitLine(gateway.logMarker());
        assertThat(line).matches("rejected " + Pattern.quote(gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+ V1_CERTIFICATE: "
                + Pattern.quote(V1_MESSAGE + " Fix: reissue it as an X.509 v3 certificate: openssl x509 -req makes version 1"
                + " unless -extfile gives it extensions, e.g. with the CSR and the CA's certificate and key: printf '")
                + ".* -out client\\.crt; a server that must accept v1 client certificates from its own private CA can:"
                + " mtls serve --accept-v1-client-certs \\[offered CN=tutorial-client, issued by CN=Tutorial CA, expires .+\\]");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void explainModeAnswers401WithTheSameCodeAndFixAndThePrintedCommandMakesACertificateTheGatewayAccepts(
            TlsProvider provider, @org.junit.jupiter.api.io.TempDir Path rerun) throws Exception {
        RunningGateway explain = gateway(provider, "ca.crt").clientAuth(ClientAuthMode.EXPLAIN).start();

        Programs.Result curl = curl(explain, "client");

        assertThat(curl.status()).as(curl.describe()).isEqualTo(401);
        JsonNode problem = JSON.readTree(curl.body());
        assertThat(problem.path("code").asText()).isEqualTo("V1_CERTIFICATE");
        assertThat(problem.path("detail").asText()).isEqualTo(V1_MESSAGE);
        String fix = problem.path("fix").asText();
        assertThat(fix).startsWith("reissue it as an X.509 v3 certificate: openssl x509 -req makes version 1 unless"
                + " -extfile gives it extensions");
        JsonNode entry = JSON.readTree(access.awaitLine("\"listener\":\"" + explain.listener() + "\""));
        assertThat(entry.path("code").asText()).isEqualTo("V1_CERTIFICATE");
        assertThat(entry.path("offered").asText()).isEqualTo("CN=tutorial-client");

        pki.copy(rerun, "ca.crt", "ca.key", "client.csr");
        TutorialPki.shell(rerun, TutorialPki.command(fix, "client.crt"));
        RunningGateway strict = gateway(provider, "ca.crt").start();
        Programs.Result reissued = curl(strict, rerun.resolve("client.crt"), pki.file("client.key"));
        assertThat(reissued.status()).as(reissued.describe()).isEqualTo(200);
        assertThat(reissued.body()).contains("CN=tutorial-client");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void withTheOptionAV1LeafIsAcceptedAndTheListenerWarnsAtStart(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider, "ca.crt").acceptV1ClientCerts().start();

        Programs.Result curl = curl(gateway, "client");

        assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        assertThat(curl.body()).contains("CN=tutorial-client");
        assertThat(started.lines("listener " + gateway.listener() + ": accept_v1_client_certs is on")).containsExactly(
                "listener " + gateway.listener() + ": accept_v1_client_certs is on: X.509 version 1 client certificates"
                        + " (no extensions: any purpose, any key usage) issued by the client CAs are accepted; a v1"
                        + " intermediate is still refused. Turn it off once the CA issues v3 certificates (openssl x509"
                        + " -req with -extfile)");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void withTheOptionAV1IntermediateIsStillRefused(TlsProvider provider) throws Exception {
        RunningGateway gateway = gateway(provider, "ca.crt").acceptV1ClientCerts().start();

        Programs.Result curl = curl(gateway, pki.file("below-v1-chain.crt"), pki.file("below-v1.key"));

        assertThat(curl.exitCode()).as(curl.describe()).isNotZero();
        assertThat(rejected.awaitLine(gateway.logMarker())).contains(" V1_CERTIFICATE: The intermediate CA"
                + " CN=Tutorial Issuing CA is an X.509 version 1 certificate").contains("[offered CN=below-v1-client,");
    }

    @Test
    void aV1ClientCaIsAcceptedWithTheOptionOnly() throws Exception {
        RunningGateway strict = gateway(TlsProvider.OPENSSL, "v1-root.crt").start();
        RunningGateway accepting = gateway(TlsProvider.OPENSSL, "v1-root.crt").acceptV1ClientCerts().start();

        Programs.Result refused = curl(strict, "v1-root-client");
        Programs.Result accepted = curl(accepting, "v1-root-client");

        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(rejected.awaitLine(strict.logMarker())).contains(" V1_CERTIFICATE: The trusted root CA"
                + " CN=Tutorial V1 Root is an X.509 version 1 certificate");
        assertThat(accepted.status()).as(accepted.describe()).isEqualTo(200);
        assertThat(List.of(accepted.body())).allMatch(body -> body.contains("CN=v1-root-client"));
    }
}
