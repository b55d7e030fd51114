package dev.mtlskit.gateway.config;

import static dev.mtlskit.gateway.config.Fixtures.CLIENTS_CA;
import static dev.mtlskit.gateway.config.Fixtures.GATEWAY_CLIENT;
import static dev.mtlskit.gateway.config.Fixtures.INTERNAL_CA;
import static dev.mtlskit.gateway.config.Fixtures.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Route;

/**
 * docs/gateway.yaml, copied next to the files it names, loads as documented and warns only about
 * the partners' listener accepting certificates without clientAuth.
 */
class DocumentedExampleTest {

    private static final Path EXAMPLE = Path.of("..", "docs", "gateway.yaml");
    private static final Path CONFIGURATION_MD = Path.of("..", "docs", "configuration.md");

    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleIsValid() throws Exception {
        Path yaml = Files.copy(EXAMPLE, dir.resolve("gateway.yaml"));
        Files.createDirectory(dir.resolve("logs"));
        Fixtures.chain(dir.resolve("server.crt"), SERVER);
        Fixtures.key(dir.resolve("server.key"), SERVER.keyPair().getPrivate());
        Fixtures.certificates(dir.resolve("clients-ca.pem"), CLIENTS_CA.certificate());
        Fixtures.certificates(dir.resolve("partners.pem"), Fixtures.publicRoot());
        Fixtures.crl(dir.resolve("clients-ca.crl"), CLIENTS_CA);
        Fixtures.certificates(dir.resolve("internal-ca.pem"), INTERNAL_CA.certificate());
        Fixtures.pkcs12(dir.resolve("internal.p12"), SERVER, "p12-secret");
        Fixtures.text(dir.resolve("internal.pass"), "p12-secret\n");
        Fixtures.chain(dir.resolve("gateway-client.crt"), GATEWAY_CLIENT);
        Fixtures.encryptedKey(dir.resolve("gateway-client.key"), GATEWAY_CLIENT.keyPair().getPrivate(), "key-secret");
        Fixtures.text(dir.resolve("gateway-client.pass"), "key-secret\n");

        GatewayConfig config = GatewayConfigLoader.load(yaml);

        assertThat(config.source()).isEqualTo(yaml);
        assertThat(config.accessLog()).isEqualTo(dir.resolve("logs/access.log").toString());
        assertThat(config.upstreams().keySet()).containsExactly("orders", "billing");
        UpstreamConfig orders = config.upstreams().get("orders");
        assertThat(orders.uri()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(orders.maxConnections()).isEqualTo(64);
        assertThat(orders.responseIdleTimeout()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(orders.maxResponseHeaderBytes()).isEqualTo(32 * 1024);
        UpstreamConfig billing = config.upstreams().get("billing");
        assertThat(billing.uri()).isEqualTo(URI.create("https://billing.internal.example:8443"));
        assertThat(billing.caFiles()).containsExactly(dir.resolve("internal-ca.pem"));
        assertThat(((KeySource.PemFiles) billing.clientKey()).certificate()).isEqualTo(dir.resolve("gateway-client.crt"));
        assertThat(billing.clientKey().password().describe()).isEqualTo("key_pass_file: " + dir.resolve("gateway-client.pass"));

        assertThat(config.listeners()).extracting(ListenerConfig::name).containsExactly("public", "partners",
                "internal");
        ListenerConfig public_ = config.listeners().get(0);
        assertThat(public_.address()).isEqualTo(new InetSocketAddress("0.0.0.0", 8443));
        assertThat(tls(public_).clientAuth()).isEqualTo(ClientAuthMode.REQUIRE);
        assertThat(tls(public_).clientCaFiles()).containsExactly(dir.resolve("clients-ca.pem"));
        assertThat(tls(public_).acceptMissingClientAuthEku()).isFalse();
        assertThat(tls(public_).crlFiles()).containsExactly(dir.resolve("clients-ca.crl"));
        assertThat(public_.identityHeaders()).isEqualTo(new IdentityHeaderConfig(IdentityHeaderConfig.Format.XFCC, true, false));
        assertThat(public_.limits()).isEqualTo(new Limits(16 * 1024, 8 * 1024 * 1024, 10_000, 100));
        assertThat(public_.timeouts()).isEqualTo(Timeouts.defaults());
        List<Route> routes = public_.policy().routes();
        assertThat(routes).extracting(Route::pathPrefix).containsExactly("/orders/", "/billing/");
        assertThat(routes.get(0).methods()).isEqualTo(Set.of("GET", "POST"));
        assertThat(routes.get(0).allow()).extracting(AllowRule::describe).containsExactly(
                "cn=acme-shop and o=Acme", "uri=spiffe://example.org/ns/prod/*");
        assertThat(routes.get(1).allow()).extracting(AllowRule::describe).containsExactly(
                "cn=billing-batch and sha256=3e1a9c5b440d7f218ab6c3e9125f70ad4b9821c60ef3571da266b809ce34f17a");

        ListenerConfig partners = config.listeners().get(1);
        assertThat(partners.address()).isEqualTo(new InetSocketAddress("0.0.0.0", 8444));
        assertThat(tls(partners).clientCaFiles()).containsExactly(dir.resolve("partners.pem"));
        assertThat(tls(partners).acceptMissingClientAuthEku()).isTrue();
        assertThat(partners.policy().routes()).extracting(Route::pathPrefix).containsExactly("/partner/");
        assertThat(partners.policy().routes().get(0).allow()).extracting(AllowRule::describe).containsExactly(
                "dns=api.partner.example and issuer=CN=R12,O=Let's Encrypt,C=US",
                "email=ops@partner.example and issuer=CN=Partner Mail CA,O=Partner");

        ListenerConfig internal = config.listeners().get(2);
        assertThat(internal.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 9443));
        assertThat(((KeySource.KeyStoreFile) tls(internal).serverKey()).keyStore()).isEqualTo(dir.resolve("internal.p12"));
        assertThat(tls(internal).clientAuth()).isEqualTo(ClientAuthMode.EXPLAIN);
        assertThat(internal.identityHeaders()).isEqualTo(new IdentityHeaderConfig(IdentityHeaderConfig.Format.RFC9440, false, true));
        assertThat(internal.policy().route("GET", "/anything")).map(Route::upstream).contains("orders");
        assertThat(internal.timeouts().handshake()).isEqualTo(Duration.ofSeconds(10));

        assertThat(ConfigWarnings.of(config)).containsExactly("listener partners: accept_missing_client_auth_eku is on: "
                + "client certificates whose extended key usage lacks clientAuth (e.g. server certificates) are accepted "
                + "as client certificates; turn it off once clients have certificates issued for clientAuth");
    }

    /**
     * The worked example of "Partners with public-CA certificates" in docs/configuration.md loads,
     * and without its issuer: line fails with the error quoted there.
     */
    @Test
    void thePartnersExampleOfTheDocumentationIsValidAndItsErrorIsQuotedExactly() throws Exception {
        String markdown = Files.readString(CONFIGURATION_MD);
        String section = markdown.substring(markdown.indexOf("## Partners with public-CA certificates"));
        String example = block(section, "```yaml\n");
        String quotedError = block(section.substring(section.indexOf("**Safe by construction.**")), "```\n").strip();
        Fixtures.chain(dir.resolve("server.crt"), SERVER);
        Fixtures.key(dir.resolve("server.key"), SERVER.keyPair().getPrivate());
        X509Certificate root = Fixtures.publicRoot();
        Fixtures.certificates(dir.resolve("public-roots.pem"), root);
        Path yaml = dir.resolve("gateway.yaml");
        Files.writeString(yaml, example);

        ListenerConfig partners = GatewayConfigLoader.load(yaml).listeners().get(0);

        assertThat(tls(partners).acceptMissingClientAuthEku()).isTrue();
        assertThat(partners.policy().routes().get(0).allow()).extracting(AllowRule::describe).containsExactly(
                "dns=partner.example and issuer=CN=Sectigo Public Server Authentication CA DV R36,O=Sectigo Limited,C=GB");

        Files.writeString(yaml, example.replaceAll("(?m)^ *issuer: .*\n", ""));
        // The documentation shows ISRG Root X1; a JDK without it makes the fixture pick another root.
        String rootName = root.getSubjectX500Principal().getName().replaceFirst(",.*", "");
        assertThatThrownBy(() -> GatewayConfigLoader.load(yaml)).isInstanceOf(ConfigException.class)
                .hasMessage(yaml + quotedError.replace("CN=ISRG Root X1", rootName).substring("gateway.yaml".length()));
    }

    /** The text of the first fenced block that opens with {@code fence}. */
    private static String block(String markdown, String fence) {
        int start = markdown.indexOf(fence) + fence.length();
        return markdown.substring(start, markdown.indexOf("```", start));
    }

    /** The TLS settings of an mTLS listener. */
    private static TlsConfig tls(ListenerConfig listener) {
        return ((ListenerKind.MutualTls) listener.kind()).tls();
    }
}
