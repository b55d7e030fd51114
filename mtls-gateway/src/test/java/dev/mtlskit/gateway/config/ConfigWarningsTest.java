package dev.mtlskit.gateway.config;

import static dev.mtlskit.gateway.config.Fixtures.CLIENTS_CA;
import static dev.mtlskit.gateway.config.Fixtures.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWarningsTest {

    @TempDir
    Path dir;
    private Path yaml;
    private String rootName;

    @BeforeEach
    void files() throws Exception {
        yaml = dir.resolve("gateway.yaml");
        Fixtures.chain(dir.resolve("server.crt"), SERVER);
        Fixtures.key(dir.resolve("server.key"), SERVER.keyPair().getPrivate());
        Fixtures.certificates(dir.resolve("clients.pem"), CLIENTS_CA.certificate());
        X509Certificate root = Fixtures.publicRoot();
        Fixtures.certificates(dir.resolve("partners.pem"), root);
        rootName = commonName(root);
    }

    @Test
    void warnsWhenAPublicRootLetsAnyoneIntoARoute() throws Exception {
        Files.writeString(yaml, """
                upstreams:
                  orders:
                    url: http://127.0.0.1:8081
                listeners:
                  - name: public
                    listen: 127.0.0.1:0
                    tls:
                      cert: server.crt
                      key: server.key
                      client_ca: [clients.pem, partners.pem]
                      accept_missing_client_auth_eku: true
                    routes:
                      - path: /api/
                        upstream: orders
                      - path: /partner/
                        upstream: orders
                        allow:
                          - dns: api.partner.example
                            issuer: CN=R12,O=Let's Encrypt,C=US
                """);

        assertThat(ConfigWarnings.of(GatewayConfigLoader.load(yaml))).containsExactly(
                "listener public: client CA bundle partners.pem holds the public root CN=" + rootName + ": route /api/ "
                        + "has no allow rule, so any certificate this public CA ever issued can call it; add allow "
                        + "rules that name the clients (e.g. dns: partner.example and issuer: the DN of the CA that "
                        + "issued its certificate)",
                "listener public: accept_missing_client_auth_eku is on: client certificates whose extended key usage "
                        + "lacks clientAuth (e.g. server certificates) are accepted as client certificates; turn it "
                        + "off once clients have certificates issued for clientAuth");
    }

    @Test
    void privateCasAloneNeedNoAllowRules() throws Exception {
        Files.writeString(yaml, """
                upstreams:
                  orders:
                    url: http://127.0.0.1:8081
                listeners:
                  - name: public
                    listen: 127.0.0.1:0
                    tls:
                      cert: server.crt
                      key: server.key
                      client_ca: clients.pem
                    routes:
                      - path: /
                        upstream: orders
                """);

        assertThat(ConfigWarnings.of(GatewayConfigLoader.load(yaml))).isEmpty();
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
