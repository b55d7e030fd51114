package dev.mtlskit.gateway.config;

import static dev.mtlskit.gateway.config.Fixtures.CLIENTS_CA;
import static dev.mtlskit.gateway.config.Fixtures.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.gateway.Gateway;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.TestPki;

/**
 * A listener that trusts a public root for clients does not start unless every route singles out
 * its partners: each unsafe route or rule is an error at its line, naming the bundle, the root, the
 * route and the fix. Private CAs keep every rule they had. A configuration built in code is held to
 * the same rule by {@link Gateway#start}.
 */
class PublicRootRulesTest {

    private static final String HEADER = """
            upstreams:
              orders:
                url: http://127.0.0.1:8081
            listeners:
              - name: partners
                listen: 127.0.0.1:0
                tls:
                  cert: server.crt
                  key: server.key
                  client_ca: [clients.pem, partners.pem]
                routes:
            """;

    @TempDir
    Path dir;
    private Path yaml;
    private String holds;

    @BeforeEach
    void files() throws Exception {
        yaml = dir.resolve("gateway.yaml");
        TestPki.writeChain(dir.resolve("server.crt"), SERVER);
        TestPki.writeKey(dir.resolve("server.key"), SERVER.keyPair().getPrivate());
        TestPki.writeCertificates(dir.resolve("clients.pem"), CLIENTS_CA.certificate());
        X509Certificate root = TestPki.publicRoot();
        TestPki.writeCertificates(dir.resolve("partners.pem"), root);
        holds = "client CA bundle partners.pem holds the public root CN=" + commonName(root);
    }

    @Test
    void eachRouteAndRuleThatLetsStrangersInIsAnErrorAtItsLine() throws Exception {
        Files.writeString(yaml, HEADER + """
                      - path: /api/
                        upstream: orders
                      - path: /partner/
                        upstream: orders
                        allow:
                          - dns: api.partner.example
                            issuer: CN=R12,O=Let's Encrypt,C=US
                          - dns: other.partner.example
                          - cn: partner
                            issuer: CN=R12,O=Let's Encrypt,C=US
                          - spki: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
                """);

        assertThatThrownBy(() -> GatewayConfigLoader.load(yaml)).isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).errors()).asList().containsExactly(
                        yaml + ":12: routes[0]: " + holds + ": route /api/ has no allow rule, so any certificate this "
                                + "public CA ever issued can call it: add allow rules that name each partner by "
                                + "subjectAltName and issuing CA, e.g. {dns: partner.example, issuer: \"CN=R3,O=Let's "
                                + "Encrypt,C=US\"}, or pin its certificate (sha256: or spki:); or trust the public root "
                                + "on a listener of its own",
                        yaml + ":19: routes[1].allow[1]: " + holds + ": route /partner/ has the allow rule "
                                + "dns=other.partner.example, which names no issuer, so a certificate for that name from "
                                + "any CA under this public root can call it: add issuer: with the DN of the CA that "
                                + "issued the partner's certificate (mtls inspect shows it), e.g. {dns: partner.example, "
                                + "issuer: \"CN=R3,O=Let's Encrypt,C=US\"}, or pin the certificate (sha256: or spki:)",
                        yaml + ":20: routes[1].allow[2]: " + holds + ": route /partner/ has the allow rule cn=partner "
                                + "and issuer=CN=R12,O=Let's Encrypt,C=US, which neither pins a certificate (sha256, "
                                + "spki) nor requires a subjectAltName (dns, uri, email) with its issuer, so "
                                + "certificates this public CA issued to others can match it: name the partner by dns: "
                                + "(or uri:, email:) together with issuer:, e.g. {dns: partner.example, issuer: "
                                + "\"CN=R3,O=Let's Encrypt,C=US\"}, or pin its certificate (sha256: or spki:)");
    }

    @Test
    void rulesThatSingleOutPartnersStartAndAnonymousRoutesNeedNone() throws Exception {
        Files.writeString(yaml, (HEADER + """
                      - path: /partner/
                        upstream: orders
                        allow:
                          - dns: api.partner.example
                            issuer: CN=R12,O=Let's Encrypt,C=US
                          - uri: spiffe://partner.example/*
                            issuer: CN=Partner CA
                          - sha256: 3e1a9c5b440d7f218ab6c3e9125f70ad4b9821c60ef3571da266b809ce34f17a
                      - path: /status
                        upstream: orders
                        anonymous: true
                """).replace("client_ca: [clients.pem, partners.pem]",
                "client_ca: [clients.pem, partners.pem]\n      client_auth: optional"));

        assertThat(GatewayConfigLoader.load(yaml).listeners().get(0).policy().routes()).hasSize(2);
    }

    @Test
    void privateCasKeepEveryRuleTheyHad() throws Exception {
        Files.writeString(yaml, HEADER.replace("[clients.pem, partners.pem]", "clients.pem") + """
                      - path: /api/
                        upstream: orders
                      - path: /shop/
                        upstream: orders
                        allow:
                          - cn: acme-shop
                          - o: Acme
                """);

        assertThat(GatewayConfigLoader.load(yaml).listeners().get(0).policy().routes()).hasSize(2);
    }

    @Test
    void aConfigurationBuiltInCodeIsHeldToTheSameRuleWhenTheGatewayStarts() {
        TlsConfig tls = TlsConfig.builder(KeySource.pem(dir.resolve("server.crt"), dir.resolve("server.key"),
                PasswordSource.none()), List.of(dir.resolve("partners.pem"))).build();
        Policy policy = new Policy(List.of(Route.of("/", "orders",
                List.of(AllowRule.builder().dnsName("partner.example").build()))));
        GatewayConfig config = new GatewayConfig(List.of(ListenerConfig.builder("partners",
                new InetSocketAddress("127.0.0.1", 0), tls, policy).build()),
                Map.of("orders", UpstreamConfig.echo("orders")), null, null);

        String expected = "listener partners: " + holds + ": route / has the allow rule dns=partner.example, which "
                + "names no issuer, so a certificate for that name from any CA under this public root can call it: add "
                + "issuer: with the DN of the CA that issued the partner's certificate (mtls inspect shows it), e.g. "
                + "{dns: partner.example, issuer: \"CN=R3,O=Let's Encrypt,C=US\"}, or pin the certificate (sha256: or "
                + "spki:)";
        assertThat(PublicRootRules.problems(config)).containsExactly(expected);
        assertThatThrownBy(() -> Gateway.start(config, 1)).isInstanceOf(ConfigException.class).hasMessage(expected);
    }

    private static String commonName(X509Certificate certificate) throws Exception {
        String cn = null;
        for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                cn = rdn.getValue().toString();
            }
        }
        return cn;
    }
}
