package dev.mtlskit.gateway.config;

import static dev.mtlskit.gateway.config.Fixtures.CLIENTS_CA;
import static dev.mtlskit.gateway.config.Fixtures.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.testing.TestPki;

/** Risky but valid settings are warned about at start, naming the listener. */
class ConfigWarningsTest {

    @TempDir
    Path dir;
    private Path yaml;

    @BeforeEach
    void files() throws Exception {
        yaml = dir.resolve("gateway.yaml");
        TestPki.writeChain(dir.resolve("server.crt"), SERVER);
        TestPki.writeKey(dir.resolve("server.key"), SERVER.keyPair().getPrivate());
        TestPki.writeCertificates(dir.resolve("clients.pem"), CLIENTS_CA.certificate());
        TestPki.writeCertificates(dir.resolve("partners.pem"), TestPki.publicRoot());
    }

    @Test
    void warnsThatTheListenerAcceptsV1ClientCertificates() throws Exception {
        Files.writeString(yaml, """
                upstreams:
                  orders:
                    url: http://127.0.0.1:8081
                listeners:
                  - name: legacy-clients
                    listen: 127.0.0.1:0
                    tls:
                      cert: server.crt
                      key: server.key
                      client_ca: clients.pem
                      accept_v1_client_certs: true
                    routes:
                      - path: /
                        upstream: orders
                """);

        GatewayConfig config = GatewayConfigLoader.load(yaml);

        assertThat(((ListenerKind.MutualTls) config.listeners().get(0).kind()).tls().acceptV1ClientCerts()).isTrue();
        assertThat(ConfigWarnings.of(config)).containsExactly("listener legacy-clients: accept_v1_client_certs is on:"
                + " X.509 version 1 client certificates (no extensions: any purpose, any key usage) issued by the client"
                + " CAs are accepted; a v1 intermediate is still refused. Turn it off once the CA issues v3 certificates"
                + " (openssl x509 -req with -extfile)");
    }

    @Test
    void warnsThatTheListenerAcceptsClientCertificatesWithoutClientAuth() throws Exception {
        Files.writeString(yaml, """
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
                      accept_missing_client_auth_eku: true
                    routes:
                      - path: /partner/
                        upstream: orders
                        allow:
                          - dns: api.partner.example
                            issuer: CN=R12,O=Let's Encrypt,C=US
                """);

        assertThat(ConfigWarnings.of(GatewayConfigLoader.load(yaml))).containsExactly(
                "listener partners: accept_missing_client_auth_eku is on: client certificates whose extended key usage "
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
}
