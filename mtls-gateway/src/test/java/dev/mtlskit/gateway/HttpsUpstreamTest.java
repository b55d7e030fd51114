package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.policy.Route;

/**
 * mTLS to the upstream too: the front gateway calls an HTTPS upstream (a second gateway that
 * requires client certificates) with its own client certificate, verifying the upstream's
 * certificate against the configured CA and name.
 */
class HttpsUpstreamTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void theGatewayPresentsItsOwnClientCertificateUpstream(TlsProvider provider) throws Exception {
        RunningGateway back = fixture.gateway(provider).start(); // require mode, echo
        GatewayPki.Client gatewayIdentity = fixture.pki().acme;
        URI backUri = URI.create("https://127.0.0.1:" + back.port());
        RunningGateway front = fixture.gateway(provider)
                .upstream(new UpstreamConfig("back", backUri,
                        KeySource.pem(gatewayIdentity.certificate(), gatewayIdentity.key(), PasswordSource.none()),
                        List.of(fixture.pki().caCertificate), 8))
                .route(Route.of("/", "back", List.of()))
                .start();

        HttpsCall.Response response = fixture.call(front, fixture.pki().acme, "/orders/7").run();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.path("path").asText()).isEqualTo("/orders/7");
        // The back gateway saw the front gateway's client certificate over its own mTLS handshake.
        assertThat(echo.path("client").path("subject").asText()).isEqualTo(gatewayIdentity.leaf()
                .getSubjectX500Principal().getName());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void withoutItsClientCertificateTheUpstreamRefusesAndTheClientGets502(TlsProvider provider) throws Exception {
        RunningGateway back = fixture.gateway(provider).start();
        RunningGateway front = fixture.gateway(provider)
                .upstream(new UpstreamConfig("back", URI.create("https://127.0.0.1:" + back.port()), null,
                        List.of(fixture.pki().caCertificate), 8))
                .route(Route.of("/", "back", List.of()))
                .start();

        HttpsCall.Response response = fixture.call(front, fixture.pki().acme, "/orders/7").run();

        assertThat(response.status()).as(response.describe()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void theGatewaysRenewedClientCertificateIsPresentedUpstreamWithoutARestart(TlsProvider provider) throws Exception {
        RunningGateway back = fixture.gateway(provider).start();
        Path certificate = fixture.scratch().resolve("upstream-client-" + provider + ".crt");
        Path key = fixture.scratch().resolve("upstream-client-" + provider + ".key");
        Files.copy(fixture.pki().acme.certificate(), certificate, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(fixture.pki().acme.key(), key, StandardCopyOption.REPLACE_EXISTING);
        String upstream = "back-" + provider.name().toLowerCase(java.util.Locale.ROOT);
        RunningGateway front = fixture.gateway(provider)
                .upstream(new UpstreamConfig(upstream, URI.create("https://127.0.0.1:" + back.port()),
                        KeySource.pem(certificate, key, PasswordSource.none()), List.of(fixture.pki().caCertificate), 8))
                .route(Route.of("/", upstream, List.of()))
                .start();
        assertThat(subjectSeenUpstream(front)).isEqualTo("CN=acme");

        HeldCertificate renewed = HeldCertificate.builder().commonName("gateway-renewed").purpose(Purpose.CLIENT)
                .signedBy(fixture.pki().root).build();
        try (LogCapture reloads = LogCapture.of("mtls.reload")) {
            replace(key, PemWriter.privateKey(renewed.keyPair().getPrivate()));
            replace(certificate, PemWriter.certificates(List.of(renewed.certificate())));
            assertThat(reloads.await("upstream " + upstream + ":", l -> l.contains("CN=gateway-renewed"),
                    Duration.ofSeconds(5))).isPresent();
        }
        assertThat(subjectSeenUpstream(front)).as("a new upstream connection, with the renewed certificate")
                .isEqualTo("CN=gateway-renewed");
    }

    @org.junit.jupiter.api.Test
    void aClientCertificateForAnUpstreamNearItsEndIsWarnedAboutAtStart() throws Exception {
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HeldCertificate ending = HeldCertificate.builder().commonName("gateway-ending").purpose(Purpose.CLIENT)
                .validity(now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(2)).plusSeconds(600))
                .signedBy(fixture.pki().root).build();
        Path certificate = fixture.scratch().resolve("ending-client.crt");
        Path key = fixture.scratch().resolve("ending-client.key");
        Files.writeString(certificate, PemWriter.certificates(List.of(ending.certificate())));
        Files.writeString(key, PemWriter.privateKey(ending.keyPair().getPrivate()));
        try (LogCapture reloads = LogCapture.of("mtls.reload")) {
            fixture.gateway(TlsProvider.OPENSSL)
                    .upstream(new UpstreamConfig("ending", URI.create("https://127.0.0.1:9"),
                            KeySource.pem(certificate, key, PasswordSource.none()), List.of(fixture.pki().caCertificate), 8))
                    .route(Route.of("/", "ending", List.of()))
                    .start();
            assertThat(reloads.lines("upstream ending:")).containsExactly("upstream ending: the client certificate "
                    + "CN=gateway-ending expires in 2 days (on " + ending.certificate().getNotAfter().toInstant()
                    + "): renew it before then: the new files are used as soon as they are written");
        }
    }

    private static String subjectSeenUpstream(RunningGateway front) throws Exception {
        HttpsCall.Response response = fixture.call(front, fixture.pki().acme, "/who").run();
        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        return JSON.readTree(response.body()).path("client").path("subject").asText();
    }

    private static void replace(Path file, String content) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
