package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.Programs;

/**
 * A client cannot tell the upstream who it is: whatever identity headers it sends (in any case,
 * repeated, with underscores), the upstream sees only the gateway's own, made from the verified
 * certificate, and forwarding headers (X-Forwarded-For, Forwarded, X-Real-IP, X-Forwarded-Proto)
 * that name the real connection; only a trusted outer proxy's forwarding headers pass on.
 */
class IdentityHeaderSpoofingTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private static final String SPOOFED = "Hash=0000;Subject=\"CN=admin\";URI=spiffe://example.org/admin";
    private static final String SPOOFED_CERT = ":" + Base64.getEncoder().encodeToString("not a certificate".getBytes()) + ":";

    private static final String FORGED_ADDRESS = "198.51.100.66";

    /** Every identity header a client might forge, twice and in odd cases. */
    private static final List<String> FORGED_HEADERS = List.of(
            "X-Forwarded-Client-Cert: " + SPOOFED,
            "x-FORWARDED-client-CERT: By=spiffe://example.org/admin",
            "Client-Cert: " + SPOOFED_CERT,
            "CLIENT-CERT: " + SPOOFED_CERT,
            "client-cert-chain: " + SPOOFED_CERT,
            "Client-Cert-Chain: " + SPOOFED_CERT,
            // Some upstreams (CGI, WSGI, PHP) read X_Forwarded_Client_Cert as X-Forwarded-Client-Cert.
            "X_Forwarded_Client_Cert: " + SPOOFED,
            "Client_Cert: " + SPOOFED_CERT,
            "X_Forwarded_For: " + FORGED_ADDRESS,
            "X_Forwarded_Proto: http",
            "X-Forwarded-Proto: http",
            "X-Forwarded-For: 203.0.113.7",
            "X-Forwarded-For: " + FORGED_ADDRESS,
            "Forwarded: for=" + FORGED_ADDRESS + ";proto=http",
            "X-Real-IP: " + FORGED_ADDRESS,
            "X-Forwarded-Host: admin.internal",
            "X-Forwarded-Port: 80",
            "X-Forwarded-Prefix: /admin",
            "X_Real_IP: " + FORGED_ADDRESS);

    private Programs.Result callWithForgedHeaders(RunningGateway gateway, String protocol) throws Exception {
        Curl curl = fixture.curl(gateway, fixture.pki().acme, "/api/whoami").args(protocol);
        for (String header : FORGED_HEADERS) {
            curl.args("-H", header);
        }
        Programs.Result result = curl.run();
        assertThat(result.status()).as(result.describe()).isEqualTo(200);
        // The forged headers did leave curl, as written.
        assertThat(result.stderr()).as(result.describe()).containsIgnoringCase("x-forwarded-client-cert: " + SPOOFED);
        return result;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void upstreamSeesOnlyTheGatewaysXfcc(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).start();

        callWithForgedHeaders(gateway, protocol);

        TestUpstream.Request seen = single(upstream);
        String fingerprint = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(fixture.pki().acme.leaf().getEncoded()));
        assertThat(seen.header("x-forwarded-client-cert"))
                .containsExactly("Hash=" + fingerprint + ";Subject=\"CN=acme\";URI=" + GatewayPki.ACME_URI);
        assertNoForgedValue(seen);
        assertThat(seen.header("client-cert")).isEmpty();
        assertThat(seen.header("client-cert-chain")).isEmpty();
        assertForwardedHeaders(seen);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void rfc9440UpstreamSeesOnlyTheRealLeaf(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of()))
                .identityHeaders(new IdentityHeaderConfig(IdentityHeaderConfig.Format.RFC9440, false, false)).start();

        callWithForgedHeaders(gateway, protocol);

        TestUpstream.Request seen = single(upstream);
        assertThat(seen.header("client-cert"))
                .containsExactly(":" + Base64.getEncoder().encodeToString(fixture.pki().acme.leaf().getEncoded()) + ":");
        assertThat(seen.header("client-cert-chain")).isEmpty();
        assertThat(seen.header("x-forwarded-client-cert")).isEmpty();
        assertNoForgedValue(seen);
        assertForwardedHeaders(seen);
    }

    private static TestUpstream.Request single(TestUpstream upstream) {
        assertThat(upstream.requests()).hasSize(1);
        return upstream.requests().get(0);
    }

    private static void assertNoForgedValue(TestUpstream.Request seen) {
        List<String> forged = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : seen.headers().entrySet()) {
            for (String value : header.getValue()) {
                if (value.contains("admin") || value.contains(SPOOFED_CERT) || value.contains(FORGED_ADDRESS)
                        || header.getKey().startsWith("x_forwarded")) {
                    forged.add(header.getKey() + ": " + value);
                }
            }
        }
        assertThat(forged).as("forged identity headers the upstream received, of " + seen.headers()).isEmpty();
    }

    private static void assertForwardedHeaders(TestUpstream.Request seen) {
        // What the client said of its address is gone: only what the gateway saw remains.
        assertThat(seen.header("x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(seen.header("x-real-ip")).containsExactly("127.0.0.1");
        assertThat(seen.header("forwarded")).containsExactly("for=127.0.0.1;proto=https");
        assertThat(seen.header("x-forwarded-proto")).containsExactly("https");
        assertThat(seen.header("x-forwarded-host")).isEmpty();
        assertThat(seen.header("x-forwarded-port")).isEmpty();
        assertThat(seen.header("x-forwarded-prefix")).isEmpty();
    }

    /**
     * Behind a trusted outer proxy (here: every loopback address), its forwarding headers pass on
     * and the gateway appends the proxy's address; identity headers are still replaced.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(GatewayFixture.ENGINE_AND_PROTOCOL)
    void aTrustedProxysForwardingHeadersPassOn(TlsProvider provider, String protocol) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).trustedProxies("127.0.0.0/8", "::1").start();

        Programs.Result result = fixture.curl(gateway, fixture.pki().acme, "/api/whoami").args(protocol)
                .args("-H", "X-Forwarded-For: 203.0.113.7", "-H", "X-Forwarded-For: 198.51.100.1",
                        "-H", "Forwarded: for=203.0.113.7;proto=http", "-H", "X-Real-IP: 203.0.113.7",
                        "-H", "X-Forwarded-Proto: http", "-H", "X-Forwarded-Host: api.example",
                        "-H", "X-Forwarded-Client-Cert: " + SPOOFED, "-H", "X_Real_IP: 192.0.2.99")
                .run();

        assertThat(result.status()).as(result.describe()).isEqualTo(200);
        TestUpstream.Request seen = single(upstream);
        assertThat(seen.header("x-forwarded-for")).containsExactly("203.0.113.7, 198.51.100.1, 127.0.0.1");
        assertThat(seen.header("forwarded")).containsExactly("for=203.0.113.7;proto=http, for=127.0.0.1;proto=https");
        assertThat(seen.header("x-real-ip")).containsExactly("203.0.113.7");
        assertThat(seen.header("x-forwarded-proto")).containsExactly("http");
        assertThat(seen.header("x-forwarded-host")).containsExactly("api.example");
        assertThat(seen.header("x_real_ip")).isEmpty();
        assertThat(seen.header("x-forwarded-client-cert")).singleElement().asString().startsWith("Hash=")
                .doesNotContain("admin");
    }

    /** A trusted range that does not hold the client's address changes nothing. */
    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aClientOutsideTheTrustedRangesIsNotAProxy(TlsProvider provider) throws Exception {
        TestUpstream upstream = fixture.upstream();
        RunningGateway gateway = fixture.gateway(provider).upstream("api", upstream.uri())
                .route(Route.of("/", "api", List.of())).trustedProxies("10.0.0.0/8").start();

        callWithForgedHeaders(gateway, "--http2");

        TestUpstream.Request seen = single(upstream);
        assertNoForgedValue(seen);
        assertForwardedHeaders(seen);
    }
}
