package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Route;

/**
 * The reference provider's set-up: one certificate from a public CA, renewed as public
 * certificates now are (extended key usage serverAuth only), serves its API and calls its
 * customers with it as a client certificate. A test root stands in for the public CA, with an
 * issuing intermediate like Sectigo's DV one.
 *
 * <ul>
 * <li>Without {@code accept_missing_client_auth_eku} the handshake is refused as {@code WRONG_PURPOSE}.</li>
 * <li>With it (logged at start, naming the listener) and a rule {@code dns + issuer}, the partner
 *     gets through and the upstream learns who called; another name from the same CA gets 403.</li>
 * <li>The gateway, holding that certificate, calls an HTTPS upstream that accepts it.</li>
 * </ul>
 */
class PublicCaPartnerTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTNER_DNS = "partner.example";

    private static LogCapture rejected;
    private static LogCapture started;
    /** The stand-in for the public root: the gateway's client CA bundle. */
    private static Path publicRoot;
    private static String issuingCa;
    private static GatewayPki.Client partner;
    private static GatewayPki.Client stranger;

    @BeforeAll
    static void publicCaAndItsCertificates() throws Exception {
        rejected = LogCapture.of("mtls.rejected");
        started = LogCapture.of("mtls.gateway");
        Path directory = fixture.scratch();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HeldCertificate root = HeldCertificate.builder().subject("C=GB,O=Test Public CA Limited,CN=Test Public Root R46")
                .certificateAuthority(1).validity(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(3650)))
                .build();
        HeldCertificate intermediate = HeldCertificate.builder()
                .subject("C=GB,O=Test Public CA Limited,CN=Test Public Server Authentication CA DV R36")
                .certificateAuthority(0)
                .extendedKeyUsage(List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth))
                .signedBy(root).build();
        publicRoot = directory.resolve("test-public-root.pem");
        PemWriter.writeCertificates(publicRoot, List.of(root.certificate()));
        issuingCa = intermediate.certificate().getSubjectX500Principal().getName();
        partner = serverOnly(directory, intermediate, PARTNER_DNS);
        stranger = serverOnly(directory, intermediate, "other.example");
    }

    /** A DV certificate as public CAs issue them from 2026: CN and DNS name, extendedKeyUsage serverAuth only. */
    private static GatewayPki.Client serverOnly(Path directory, HeldCertificate issuer, String dnsName) throws Exception {
        HeldCertificate held = HeldCertificate.builder().commonName(dnsName).addDnsName(dnsName)
                .purpose(Purpose.SERVER).signedBy(issuer).build();
        assertThat(held.certificate().getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_serverAuth.getId());
        Path certificate = directory.resolve(dnsName + "-chain.crt");
        Path key = directory.resolve(dnsName + ".key");
        PemWriter.writeCertificates(certificate, held.chainWithoutRoot()); // leaf and intermediate, as CAs deliver them
        PemWriter.writePrivateKey(key, held.keyPair().getPrivate());
        return new GatewayPki.Client(dnsName, certificate, key, held.certificate());
    }

    @AfterAll
    static void stopCapturing() {
        rejected.close();
        started.close();
    }

    private static Route partnerRoute(String upstream) {
        return Route.of("/", upstream, List.of(AllowRule.builder().dnsName(PARTNER_DNS).issuer(issuingCa).build()));
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void withoutTheOptionTheServerOnlyCertificateIsRefusedAsWrongPurpose(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).clientCas(publicRoot).route(partnerRoute(GatewayFixture.ECHO))
                .start();

        HttpsCall.Response response = fixture.call(gateway, partner, "/hello").run();

        assertThat(response.completed()).as(response.describe()).isFalse();
        String line = rejected.awaitLine(gateway.logMarker());
        assertThat(line).matches("rejected " + Pattern.quote(gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+ WRONG_PURPOSE: "
                + ".*serverAuth.* \\[offered " + Pattern.quote("CN=" + PARTNER_DNS) + ", issued by "
                + Pattern.quote(issuingCa) + ", .*\\]");
        assertThat(started.lines(gateway.listener())).as("no warning without the option")
                .noneMatch(logged -> logged.contains("accept_missing_client_auth_eku"));
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void withTheOptionAndItsRuleThePartnerGetsThroughAndTheUpstreamLearnsWhoCalled(TlsProvider provider)
            throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).clientCas(publicRoot).acceptMissingClientAuthEku()
                .upstream("api", upstream.uri()).route(partnerRoute("api")).start();

        HttpsCall.Response response = fixture.call(gateway, partner, "/es9plus/handleNotification").run();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        assertThat(upstream.requests()).hasSize(1);
        assertThat(upstream.requests().get(0).header("X-Forwarded-Client-Cert")).singleElement().asString()
                .contains("Subject=\"CN=" + PARTNER_DNS + "\"").contains("DNS=" + PARTNER_DNS);
        assertThat(rejected.lines(gateway.logMarker())).isEmpty();
        assertThat(started.await(gateway.listener(), line -> line.contains("accept_missing_client_auth_eku"),
                Duration.ofSeconds(10))).hasValue("listener "
                + gateway.listener() + ": accept_missing_client_auth_eku is on: client certificates whose extended key "
                + "usage lacks clientAuth (e.g. server certificates) are accepted as client certificates; turn it off "
                + "once clients have certificates issued for clientAuth");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anotherNameFromTheSamePublicCaIsNotAuthorized(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).clientCas(publicRoot).acceptMissingClientAuthEku()
                .route(partnerRoute(GatewayFixture.ECHO)).start();

        HttpsCall.Response response = fixture.call(gateway, stranger, "/hello").run();

        assertThat(response.status()).as(response.describe()).isEqualTo(403);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("NOT_AUTHORIZED");
        assertThat(problem.path("detail").asText()).contains("CN=other.example")
                .contains("dns=" + PARTNER_DNS + " and issuer=" + issuingCa);
    }

    /**
     * The provider's side: the gateway serves with the partner certificate and presents the same
     * certificate to its HTTPS upstream (a second gateway with the option on and the partner rule),
     * which sees it as the caller.
     */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void theGatewayCallsBackWithTheSameServerOnlyCertificate(TlsProvider provider) throws Exception {
        RunningGateway customer = fixture.gateway(provider).clientCas(publicRoot).acceptMissingClientAuthEku()
                .route(partnerRoute(GatewayFixture.ECHO)).start();
        KeySource oneCertificate = KeySource.pem(partner.certificate(), partner.key(), PasswordSource.none());
        RunningGateway providerGateway = fixture.gateway(provider).serverKey(oneCertificate)
                .upstream(new UpstreamConfig("customer", URI.create("https://127.0.0.1:" + customer.port()),
                        oneCertificate, List.of(fixture.pki().caCertificate), 8))
                .route(Route.of("/", "customer", List.of()))
                .start();

        // The provider's own client reaches it as partner.example, verified against the public root.
        HttpsCall.Response response = new HttpsCall(URI.create("https://" + PARTNER_DNS + ":" + providerGateway.port()
                + "/callback/7"), publicRoot).as(fixture.pki().acme.certificate(), fixture.pki().acme.key()).run();

        assertThat(response.status()).as(response.describe()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.path("path").asText()).isEqualTo("/callback/7");
        assertThat(echo.path("client").path("subject").asText()).isEqualTo("CN=" + PARTNER_DNS);
        assertThat(echo.path("client").path("issuer").asText()).isEqualTo(issuingCa);
    }
}
