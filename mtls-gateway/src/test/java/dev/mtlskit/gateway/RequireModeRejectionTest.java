package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.ClientAuthMode;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.testing.Programs;

/**
 * In {@code require} mode a client without a valid certificate gets no HTTP answer at all (curl
 * fails), and the gateway logs one line naming the reason code and the certificate offered:
 * {@code rejected [LISTENER] ADDRESS CODE: message [offered SUBJECT, issued by ISSUER, expire(d|s) …]}.
 */
class RequireModeRejectionTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @RegisterExtension
    static final LogCapture rejected = LogCapture.of("mtls.rejected");

    /** The broken client certificates and what the gateway must say about each. */
    enum Broken {
        EXPIRED(pki -> pki.expired, "EXPIRED", "CN=expired-client", "certificate expired"),
        // TLS has no "not yet valid" alert: BoringSSL sends certificate_expired, as OpenSSL does.
        NOT_YET_VALID(pki -> pki.notYetValid, "NOT_YET_VALID", "CN=future-client", "certificate expired"),
        WRONG_PURPOSE(pki -> pki.serverOnly, "WRONG_PURPOSE", "CN=server-only", "unsupported certificate"),
        // The client sends its leaf and the rogue root: the chain reaches a self-signed root that is not trusted.
        UNTRUSTED_ROOT(pki -> pki.untrusted, "UNTRUSTED_ROOT", "CN=rogue", "unknown CA"),
        // The client sends only its leaf: its issuer (an intermediate under the trusted root, which the
        // listener never saw) is unknown to the listener (IssuerClassificationTest: when it knows it).
        UNKNOWN_ISSUER(pki -> pki.missingIntermediate, "UNKNOWN_ISSUER", "CN=orphan", "unknown CA");

        final Function<GatewayPki, GatewayPki.Client> client;
        final String code;
        final String subject;
        /**
         * The TLS alert curl -v shows with the BoringSSL engine (the JDK engine sends certificate_unknown).
         * Note that curl reports a received certificate_expired alert as if it had failed to verify
         * the server ("(60) SSL certificate verification failed"): only its -v transcript tells.
         */
        final String alert;

        Broken(Function<GatewayPki, GatewayPki.Client> client, String code, String subject, String alert) {
            this.client = client;
            this.code = code;
            this.subject = subject;
            this.alert = alert;
        }
    }

    /**
     * TLS 1.3 clients finish their handshake before the server has judged their certificate: curl
     * may send its request and find the connection closed (broken pipe) before it reads the
     * alert, so the alert itself is checked over TLS 1.2, where the server's Finished waits for it.
     */
    enum Version {
        TLS13(),
        TLS12("--tlsv1.2", "--tls-max", "1.2");

        final String[] curlArguments;

        Version(String... curlArguments) {
            this.curlArguments = curlArguments;
        }
    }

    static Stream<Arguments> engineAndVersion() {
        return Stream.of(TlsProvider.values())
                .flatMap(provider -> Stream.of(Version.values()).map(version -> Arguments.of(provider, version)));
    }

    static Stream<Arguments> brokenCertificates() {
        return engineAndVersion().flatMap(arguments -> Stream.of(Broken.values())
                .map(broken -> Arguments.of(arguments.get()[0], arguments.get()[1], broken)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("engineAndVersion")
    void noClientCertificate(TlsProvider provider, Version version) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).clientAuth(ClientAuthMode.REQUIRE).start();

        Programs.Result curl = fixture.curl(gateway, null, "/hello").args(version.curlArguments).run();

        assertThat(curl.exitCode()).as(curl.describe()).isNotZero();
        assertThat(curl.stdout()).as(curl.describe()).endsWith("000");
        if (version == Version.TLS12) {
            assertThat(curl.stderr()).as(curl.describe()).contains("TLS alert");
        }
        String line = rejected.awaitLine(gateway.logMarker());
        assertThat(line).matches("rejected " + Pattern.quote(gateway.logMarker())
                + " 127\\.0\\.0\\.1:\\d+ NO_CLIENT_CERT: the client sent no certificate");
        assertThat(rejected.lines(gateway.logMarker())).hasSize(1);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("brokenCertificates")
    void brokenClientCertificate(TlsProvider provider, Version version, Broken broken) throws Exception {
        RunningGateway gateway = fixture.gateway(provider).clientAuth(ClientAuthMode.REQUIRE).start();
        GatewayPki.Client client = broken.client.apply(fixture.pki());

        Programs.Result curl = fixture.curl(gateway, client, "/hello").args(version.curlArguments).run();

        assertThat(curl.exitCode()).as(curl.describe()).isNotZero();
        assertThat(curl.stdout()).as(curl.describe()).endsWith("000");
        String line = rejected.awaitLine(gateway.logMarker());
        String issuer = client.leaf().getIssuerX500Principal().getName();
        String expiry = broken == Broken.EXPIRED
                ? "expired " + Pattern.quote(client.leaf().getNotAfter().toInstant().toString()) + " \\(.+ ago\\)"
                : "expires " + Pattern.quote(client.leaf().getNotAfter().toInstant().toString());
        assertThat(line).matches("rejected " + Pattern.quote(gateway.logMarker()) + " 127\\.0\\.0\\.1:\\d+ "
                + broken.code + ": .+ \\[offered " + Pattern.quote(broken.subject) + ", issued by "
                + Pattern.quote(issuer) + ", " + expiry + "\\]");
        assertThat(rejected.lines(gateway.logMarker())).hasSize(1);
        if (broken == Broken.EXPIRED) {
            assertThat(line).contains("The client certificate CN=expired-client expired on");
        }
        if (version == Version.TLS12) {
            assertThat(curl.stderr()).as(curl.describe())
                    .contains("(IN), TLS alert, " + (provider == TlsProvider.OPENSSL ? broken.alert : "certificate unknown"));
        }
    }
}
