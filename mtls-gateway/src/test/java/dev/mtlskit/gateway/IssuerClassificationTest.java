package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.testing.Programs;
import dev.mtlskit.testing.TestPki;

/**
 * A client certificate whose issuer the listener cannot find: UNKNOWN_ISSUER, naming the CAs the
 * listener trusts, when the issuer is nothing the listener knows (alert unknown_ca); MISSING_INTERMEDIATE
 * only when the issuer is an intermediate the listener knows to lead to a trusted CA (one of its own
 * chain, or one an accepted client sent before). The same in explain mode's 401, its access-log line
 * (with the offered subject) and the rejection line.
 */
class IssuerClassificationTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRUSTED = GatewayPki.ROOT_SUBJECT;

    private static LogCapture rejected;
    private static LogCapture access;
    private static GatewayPki.Client stranger;
    private static GatewayPki.Client chained;
    private static GatewayPki.Client forgetful;
    private static Path serverChain;
    private static Path serverKey;
    private static String issuing;

    @BeforeAll
    static void certificates() throws Exception {
        rejected = LogCapture.of("mtls.rejected");
        access = LogCapture.of("mtls.access");
        Path directory = fixture.scratch();
        HeldCertificate otherCa = TestPki.root("Partner Clients CA");
        stranger = client(directory, "stranger", TestPki.client("stranger", otherCa), false);
        HeldCertificate intermediate = TestPki.intermediate("Test Issuing CA 7", fixture.pki().root);
        issuing = intermediate.certificate().getSubjectX500Principal().getName();
        chained = client(directory, "chained", TestPki.client("chained", intermediate), true);
        forgetful = client(directory, "forgetful", TestPki.client("forgetful", intermediate), false);
        HeldCertificate server = TestPki.server(intermediate, "localhost");
        serverChain = TestPki.writeCertificates(directory.resolve("issuing-server-chain.crt"), server.certificate(),
                intermediate.certificate());
        serverKey = TestPki.writeKey(directory.resolve("issuing-server.key"), server.keyPair().getPrivate());
    }

    private static GatewayPki.Client client(Path directory, String name, HeldCertificate held, boolean withIntermediate)
            throws Exception {
        Path certificate = withIntermediate
                ? TestPki.writeCertificates(directory.resolve(name + ".crt"), held.chainWithoutRoot().toArray(X509Certificate[]::new))
                : TestPki.writeCertificates(directory.resolve(name + ".crt"), held.certificate());
        Path key = TestPki.writeKey(directory.resolve(name + ".key"), held.keyPair().getPrivate());
        return new GatewayPki.Client(name, certificate, key, held.certificate());
    }

    @AfterAll
    static void stopCapturing() {
        rejected.close();
        access.close();
    }

    private static JsonNode explained(RunningGateway gateway, GatewayPki.Client client) throws Exception {
        Programs.Result curl = fixture.curl(gateway, client, "/hello").run();
        assertThat(curl.status()).as(curl.describe()).isEqualTo(401);
        return JSON.readTree(curl.body());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anIssuerTheListenerDoesNotKnowIsUnknownAndTheAnswerNamesTheTrustedCas(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).clientAuth(ClientAuthMode.EXPLAIN).start();

        JsonNode problem = explained(gateway, stranger);

        assertThat(problem.path("code").asText()).isEqualTo("UNKNOWN_ISSUER");
        assertThat(problem.path("detail").asText()).isEqualTo("The client certificate CN=stranger was issued by"
                + " CN=Partner Clients CA,O=mtls-kit tests, which is not a trusted CA here (the trusted CAs: " + TRUSTED
                + "), and its certificate was not sent with it.");
        assertThat(problem.path("fix").asText()).isEqualTo("use a client certificate issued by " + TRUSTED
                + ", or have CN=Partner Clients CA,O=mtls-kit tests (or the root CA above it) trusted; if"
                + " CN=Partner Clients CA,O=mtls-kit tests is an intermediate below a trusted CA, send it with the"
                + " certificate (full chain, leaf first)");
        JsonNode entry = JSON.readTree(access.awaitLine("\"listener\":\"" + gateway.listener() + "\""));
        assertThat(entry.path("status").asInt()).isEqualTo(401);
        assertThat(entry.path("code").asText()).isEqualTo("UNKNOWN_ISSUER");
        assertThat(entry.path("offered").asText()).isEqualTo("CN=stranger");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void inRequireModeAnUnknownIssuerGetsUnknownCaAndTheLineNamesTheOfferedSubject(TlsProvider provider)
            throws Exception {
        RunningGateway gateway = fixture.gateway(provider).start();

        Programs.Result curl = fixture.curl(gateway, stranger, "/hello").args("--tls-max", "1.2").run();

        assertThat(curl.exitCode()).as(curl.describe()).isNotZero();
        assertThat(curl.stderr()).as(curl.describe())
                .contains("(IN), TLS alert, " + (provider == TlsProvider.OPENSSL ? "unknown CA" : "certificate unknown"));
        assertThat(rejected.awaitLine(gateway.logMarker())).matches("rejected " + Pattern.quote(gateway.logMarker())
                + " 127\\.0\\.0\\.1:\\d+ UNKNOWN_ISSUER: The client certificate CN=stranger was issued by CN=Partner"
                + " Clients CA,O=mtls-kit tests, which is not a trusted CA here \\(the trusted CAs: " + Pattern.quote(TRUSTED)
                + "\\), and its certificate was not sent with it\\. Fix: use a client certificate issued by .+"
                + " \\[offered CN=stranger, issued by CN=Partner Clients CA,O=mtls-kit tests, expires .+\\]");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anIntermediateAnAcceptedClientSentIsKnownThenAndAClientThatForgetsItIsToldToSendIt(TlsProvider provider)
            throws Exception {
        RunningGateway gateway = fixture.gateway(provider).clientAuth(ClientAuthMode.EXPLAIN).start();

        JsonNode before = explained(gateway, forgetful);
        Programs.Result withChain = fixture.curl(gateway, chained, "/hello").run();
        JsonNode after = explained(gateway, forgetful);

        assertThat(before.path("code").asText()).as("nothing known of the intermediate yet").isEqualTo("UNKNOWN_ISSUER");
        assertThat(withChain.status()).as(withChain.describe()).isEqualTo(200);
        assertThat(after.path("code").asText()).isEqualTo("MISSING_INTERMEDIATE");
        assertThat(after.path("detail").asText()).isEqualTo("The chain stops at the client certificate CN=forgetful:"
                + " its issuer " + issuing + ", an intermediate CA below the trusted " + TRUSTED + ", was not sent with it.");
        assertThat(after.path("fix").asText()).isEqualTo("send the intermediate " + issuing
                + " together with the certificate (full chain, leaf first)");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anIntermediateOfTheServersOwnChainIsKnownFromTheStart(TlsProvider provider) throws Exception {
        RunningGateway gateway = fixture.gateway(provider)
                .serverKey(KeySource.pem(serverChain, serverKey, PasswordSource.none())).start();

        Programs.Result curl = fixture.curl(gateway, forgetful, "/hello").args("--tls-max", "1.2").run();

        assertThat(curl.exitCode()).as(curl.describe()).isNotZero();
        assertThat(curl.stderr()).as(curl.describe())
                .contains("(IN), TLS alert, " + (provider == TlsProvider.OPENSSL ? "unknown CA" : "certificate unknown"));
        assertThat(rejected.awaitLine(gateway.logMarker())).contains(" MISSING_INTERMEDIATE: The chain stops at the client"
                + " certificate CN=forgetful: its issuer " + issuing + ", an intermediate CA below the trusted " + TRUSTED
                + ", was not sent with it. Fix: send the intermediate " + issuing + " together with the certificate (full"
                + " chain, leaf first) [offered CN=forgetful, issued by " + issuing + ", expires ");
    }
}
