package dev.mtlskit.gateway.config;

import static dev.mtlskit.gateway.config.Fixtures.CLIENTS_CA;
import static dev.mtlskit.gateway.config.Fixtures.OTHER_SERVER;
import static dev.mtlskit.gateway.config.Fixtures.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mtlskit.policy.Route;
import dev.mtlskit.testing.TestPki;

/** Every problem a configuration can have, each reported exactly: file:line, the key, what is wrong, the fix. */
class GatewayConfigLoaderTest {

    /** A minimal valid configuration; tests append or replace lines. Line numbers in comments. */
    private static final String MINIMAL = """
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
            """;

    @TempDir
    Path dir;
    private Path yaml;

    @BeforeEach
    void files() throws Exception {
        yaml = dir.resolve("gateway.yaml");
        TestPki.writeChain(dir.resolve("server.crt"), SERVER);
        TestPki.writeKey(dir.resolve("server.key"), SERVER.keyPair().getPrivate());
        TestPki.writeKey(dir.resolve("other.key"), OTHER_SERVER.keyPair().getPrivate());
        TestPki.writeCertificates(dir.resolve("clients.pem"), CLIENTS_CA.certificate());
    }

    // ---- valid ----

    @Test
    void aMinimalConfigurationGetsTheDefaults() throws Exception {
        Files.writeString(yaml, MINIMAL);

        GatewayConfig config = GatewayConfigLoader.load(yaml);

        assertThat(config.source()).isEqualTo(yaml);
        assertThat(config.accessLog()).isEqualTo("-");
        assertThat(config.upstreams()).containsOnlyKeys("orders");
        assertThat(config.upstreams().get("orders")).isEqualTo(new UpstreamConfig("orders",
                URI.create("http://127.0.0.1:8081"), null, List.of(), UpstreamConfig.DEFAULT_MAX_CONNECTIONS));
        ListenerConfig listener = config.listeners().get(0);
        assertThat(listener.name()).isEqualTo("public");
        assertThat(listener.address()).isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        TlsConfig tls = tls(listener);
        assertThat(((KeySource.PemFiles) tls.serverKey()).certificate()).isEqualTo(dir.resolve("server.crt"));
        assertThat(((KeySource.PemFiles) tls.serverKey()).key()).isEqualTo(dir.resolve("server.key"));
        assertThat(tls.serverKey().password().isPresent()).isFalse();
        assertThat(tls.clientCaFiles()).containsExactly(dir.resolve("clients.pem"));
        assertThat(tls.clientAuth()).isEqualTo(ClientAuthMode.REQUIRE);
        assertThat(tls.protocols()).isEqualTo(TlsConfig.DEFAULT_PROTOCOLS);
        assertThat(tls.cipherSuites()).isEmpty();
        assertThat(tls.alpn()).isEqualTo(TlsConfig.DEFAULT_ALPN);
        assertThat(tls.provider()).isEqualTo(TlsProvider.OPENSSL);
        assertThat(tls.crlFiles()).isEmpty();
        assertThat(tls.acceptMissingClientAuthEku()).isFalse();
        assertThat(tls.acceptV1ClientCerts()).isFalse();
        assertThat(listener.policy().routes()).containsExactly(Route.of("/", "orders", List.of()));
        assertThat(listener.identityHeaders()).isEqualTo(IdentityHeaderConfig.defaults());
        assertThat(listener.limits()).isEqualTo(Limits.defaults());
        assertThat(listener.timeouts()).isEqualTo(Timeouts.defaults());
    }

    @Test
    void readsSizesDurationsAndAddressesInEveryForm() throws Exception {
        Files.writeString(yaml, MINIMAL.replace("127.0.0.1:0", "\"[::1]:0\"") + """
                    limits:
                      max_header_size: 512
                      max_body_size: 1g
                      max_connections: 20
                      max_concurrent_streams: 5
                    timeouts:
                      handshake: 500ms
                      idle: 2m
                      upstream_connect: 1s
                      request: 1h
                      shutdown_grace: 0s
                """);

        ListenerConfig listener = GatewayConfigLoader.load(yaml).listeners().get(0);

        assertThat(listener.address()).isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        assertThat(listener.limits()).isEqualTo(new Limits(512, 1L << 30, 20, 5));
        assertThat(listener.timeouts()).isEqualTo(new Timeouts(Duration.ofMillis(500), Duration.ofMinutes(2),
                Duration.ofSeconds(1), Duration.ofHours(1), Duration.ZERO));
    }

    @Test
    void readsTheSlowClientSettings() throws Exception {
        Files.writeString(yaml, MINIMAL + """
                    limits:
                      max_handshakes_per_source: 4
                    timeouts:
                      client_hello: 2s
                      request_header: 5s
                      request_body: 1m
                      max_connection_age: 0s
                """);

        ListenerConfig listener = GatewayConfigLoader.load(yaml).listeners().get(0);

        assertThat(listener.limits().maxHandshakesPerSource()).isEqualTo(4);
        assertThat(listener.timeouts()).isEqualTo(Timeouts.defaults().withSlowClients(Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ZERO));
    }

    @Test
    void readsTheOnlineRevocationSettingsOffByDefault() throws Exception {
        Files.writeString(yaml, MINIMAL);
        assertThat(tls(GatewayConfigLoader.load(yaml).listeners().get(0)).revocation()).isEqualTo(RevocationConfig.OFF);
        assertThat(RevocationConfig.OFF.enabled()).isFalse();

        Files.writeString(yaml, MINIMAL.replace("      client_ca: clients.pem\n", """
                      client_ca: clients.pem
                      revocation:
                        ocsp: hard
                        crl_fetch: soft
                        timeout: 2s
                        refresh: 10m
                """));
        RevocationConfig revocation = tls(GatewayConfigLoader.load(yaml).listeners().get(0)).revocation();
        assertThat(revocation).isEqualTo(new RevocationConfig(dev.mtlskit.revocation.RevocationMode.HARD,
                dev.mtlskit.revocation.RevocationMode.SOFT, Duration.ofSeconds(2), Duration.ofMinutes(10)));
        assertThat(revocation.enabled()).isTrue();
    }

    @Test
    void theDrainDelayIsFiveSecondsUnlessTheFileSaysOtherwise() throws Exception {
        Files.writeString(yaml, MINIMAL);
        assertThat(GatewayConfigLoader.load(yaml).drainDelay()).isEqualTo(Duration.ofSeconds(5));
        Files.writeString(yaml, "drain_delay: 0s\n" + MINIMAL);
        assertThat(GatewayConfigLoader.load(yaml).drainDelay()).isZero();
        Files.writeString(yaml, "drain_delay: 30s\n" + MINIMAL);
        assertThat(GatewayConfigLoader.load(yaml).withAdminListener().drainDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(errors("drain_delay: soon\n" + MINIMAL)).containsExactly(at(1) + "drain_delay: \"soon\" is not a duration: "
                + "write a number with a unit, e.g. 500ms, 10s, 2m or 1h");
    }

    @Test
    void aWrongRevocationSettingIsNamedWithItsLine() throws Exception {
        assertThat(errors(MINIMAL.replace("      client_ca: clients.pem\n", """
                      client_ca: clients.pem
                      revocation:
                        ocsp: strict
                        crl_fech: hard
                        timeout: 0s
                """))).containsExactly(
                at(12) + "tls.revocation.ocsp: \"strict\" is not one of off, soft, hard",
                at(13) + "tls.revocation: unknown key \"crl_fech\": did you mean \"crl_fetch\"?",
                at(14) + "tls.revocation.timeout: must be longer than 0 (e.g. 10s)");
    }

    @Test
    void slowClientDefaults() {
        assertThat(Limits.defaults().maxHandshakesPerSource()).isEqualTo(128);
        assertThat(Timeouts.defaults()).extracting(Timeouts::clientHello, Timeouts::requestHeader, Timeouts::requestBody,
                Timeouts::maxConnectionAge).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofHours(1));
    }

    @ParameterizedTest
    @CsvSource({"8443, 0.0.0.0, 8443", "':8443', 0.0.0.0, 8443", "'*:9443', 0.0.0.0, 9443",
            "'10.0.0.1:443', 10.0.0.1, 443", "'[fd00::1]:443', fd00::1, 443"})
    void listenAddresses(String listen, String host, int port) throws Exception {
        Files.writeString(yaml, MINIMAL.replace("127.0.0.1:0", "\"" + listen + "\""));

        assertThat(GatewayConfigLoader.load(yaml).listeners().get(0).address())
                .isEqualTo(new InetSocketAddress(InetAddress.getByName(host), port));
    }

    @Test
    void relativePathsAreRelativeToTheConfigurationFile() throws Exception {
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Path file = conf.resolve("gateway.yaml");
        Files.writeString(file, "access_log: ../logs/access.log\n" + MINIMAL
                .replace("cert: server.crt", "cert: ../server.crt")
                .replace("key: server.key", "key: " + dir.resolve("server.key"))
                .replace("client_ca: clients.pem", "client_ca: [../clients.pem]"));

        GatewayConfig config = GatewayConfigLoader.load(file);

        TlsConfig tls = tls(config.listeners().get(0));
        assertThat(((KeySource.PemFiles) tls.serverKey()).certificate()).isEqualTo(conf.resolve("../server.crt"));
        assertThat(((KeySource.PemFiles) tls.serverKey()).key()).isEqualTo(dir.resolve("server.key"));
        assertThat(tls.clientCaFiles()).containsExactly(conf.resolve("../clients.pem"));
        assertThat(Path.of(config.accessLog()).normalize()).isEqualTo(logs.resolve("access.log"));
    }

    @Test
    void theAccessLogGoesToStandardOutputUnlessTurnedOffAsWithTheFlags() throws Exception {
        Files.writeString(yaml, MINIMAL);
        assertThat(GatewayConfigLoader.load(yaml).accessLog()).isEqualTo("-");
        Files.writeString(yaml, "access_log: off\n" + MINIMAL);
        assertThat(GatewayConfigLoader.load(yaml).accessLog()).isNull();
        Files.writeString(yaml, "access_log: \"-\"\n" + MINIMAL);
        assertThat(GatewayConfigLoader.load(yaml).accessLog()).isEqualTo("-");
    }

    @Test
    void anAdminListenerOnLoopbackIsPlainHttpAndElsewhereNeedsMutualTls() throws Exception {
        Files.writeString(yaml, "admin:\n  listen: 127.0.0.1:9901\n  clients_tracked: 20\n" + MINIMAL);
        AdminConfig admin = GatewayConfigLoader.load(yaml).admin();
        assertThat(admin.listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 9901));
        assertThat(admin.tls()).isNull();
        assertThat(admin.clientsTracked()).isEqualTo(20);

        assertThat(errors("admin:\n  listen: 0.0.0.0:9901\n" + MINIMAL)).containsExactly(at(2) + "admin.listen 0.0.0.0 is "
                + "not a loopback address: other hosts could read the gateway's status; listen on 127.0.0.1 (or "
                + "localhost), or protect it with admin.tls (mutual TLS) and admin.allow");
        assertThat(errors("admin:\n  listen: 127.0.0.1:9901\n  allow:\n    - cn: prometheus\n" + MINIMAL))
                .containsExactly(at(2) + "admin.allow needs admin.tls: a plain-HTTP admin listener knows no client identity");
        assertThat(errors("admin:\n  listen: 127.0.0.1:9901\n" + MINIMAL.replace("upstreams:\n  orders:", "upstreams:\n  admin:")
                .replace("upstream: orders", "upstream: admin")))
                .anySatisfy(error -> assertThat(error).contains("upstream admin: the name is the admin listener's: choose another name"));
    }

    @Test
    void upstreamsGetAnExplicitPortAndEchoIsBuiltIn() throws Exception {
        Files.writeString(yaml, MINIMAL.replace("""
                  orders:
                    url: http://127.0.0.1:8081
                """, """
                  orders:
                    url: http://orders.internal
                  secure:
                    url: HTTPS://billing.internal/
                    ca: clients.pem
                    client_cert:
                      cert: server.crt
                      key: server.key
                  echo:
                    url: "echo:"
                """));

        GatewayConfig config = GatewayConfigLoader.load(yaml);

        assertThat(config.upstreams().keySet()).containsExactly("orders", "secure", "echo");
        assertThat(config.upstreams().get("orders").uri()).isEqualTo(URI.create("http://orders.internal:80"));
        UpstreamConfig secure = config.upstreams().get("secure");
        assertThat(secure.uri()).isEqualTo(URI.create("https://billing.internal:443"));
        assertThat(secure.isHttps()).isTrue();
        assertThat(secure.caFiles()).containsExactly(dir.resolve("clients.pem"));
        assertThat(secure.clientKey()).isEqualTo(KeySource.pem(dir.resolve("server.crt"), dir.resolve("server.key"),
                secure.clientKey().password()));
        assertThat(config.upstreams().get("echo").isEcho()).isTrue();
    }

    @Test
    void readsAPasswordFromAFileAndAKeystore() throws Exception {
        TestPki.writeEncryptedKey(dir.resolve("encrypted.key"), SERVER.keyPair().getPrivate(), "s3cret");
        Fixtures.text(dir.resolve("key.pass"), "s3cret\n");
        TestPki.writePkcs12(dir.resolve("server.p12"), SERVER, "s3cret");
        Files.writeString(yaml, MINIMAL.replace("key: server.key", "key: encrypted.key\n      key_pass_file: key.pass")
                + """
                  - name: internal
                    listen: 127.0.0.1:0
                    tls:
                      keystore: server.p12
                      key_pass_file: key.pass
                      client_ca: clients.pem
                    routes:
                      - path: /
                        upstream: orders
                """);

        GatewayConfig config = GatewayConfigLoader.load(yaml);

        assertThat(tls(config.listeners().get(0)).serverKey().password().describe())
                .isEqualTo("key_pass_file: " + dir.resolve("key.pass"));
        assertThat(((KeySource.KeyStoreFile) tls(config.listeners().get(1)).serverKey()).keyStore()).isEqualTo(dir.resolve("server.p12"));
    }

    // ---- keys and types ----

    @Test
    void unknownKeysAreRefusedWithTheKeysThatAreExpected() throws Exception {
        assertThat(errors("""
                upstreams_:
                  orders:
                    url: http://127.0.0.1:8081
                listeners:
                  - name: public
                    listen: 127.0.0.1:0
                    tls:
                      cert: server.crt
                      key: server.key
                      client_ca: clients.pem
                      clientauth: require
                    routes:
                      - path: /
                        upstream: orders
                        allow:
                          - cn: acme
                            common_name: acme
                """)).containsExactly(
                at(1) + "unknown key \"upstreams_\": did you mean \"upstreams\"?",
                at(11) + "tls: unknown key \"clientauth\": did you mean \"client_auth\"?",
                at(14) + "routes[0].upstream: unknown upstream \"orders\" (no upstreams are defined: add it under "
                        + "upstreams:)",
                at(17) + "routes[0].allow[0]: unknown key \"common_name\" (expected one of: cn, ou, o, dns, uri, email, "
                        + "ip, issuer, sha256, spki)");
    }

    @Test
    void aTypoOfARequiredKeyIsOneErrorNamingTheKeyMeant() throws Exception {
        assertThat(errors("""
                upstreams:
                  orders:
                    url: http://127.0.0.1:8081
                listeners:
                  - name: public
                    listen: 127.0.0.1:0
                    tls:
                      cret: server.crt
                      key: server.key
                      clent_ca: clients.pem
                    routes:
                      - path: /
                        upstream: orders
                """)).containsExactly(
                at(8) + "tls: unknown key \"cret\": did you mean \"cert\"?",
                at(10) + "tls: unknown key \"clent_ca\": did you mean \"client_ca\"?");
        assertThat(errors("""
                upstreams:
                  orders:
                    url: http://127.0.0.1:8081
                Listeners:
                  - name: public
                """)).containsExactly(at(4) + "unknown key \"Listeners\": did you mean \"listeners\"?");
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() throws Exception {
        assertThat(errors("""
                upstreams:
                  orders: http://127.0.0.1:8081
                listeners:
                  - name: public
                    listen: [127.0.0.1, 8443]
                    tls:
                      cert: server.crt
                      key: server.key
                      client_ca: clients.pem
                      accept_missing_client_auth_eku: yes
                    limits:
                      max_connections: ten
                    timeouts: 10s
                    routes:
                      path: /
                """)).containsExactly(
                at(2) + "upstreams.orders: expected an upstream (url:, ca:, client_cert:, max_connections:), found "
                        + "\"http://127.0.0.1:8081\"",
                at(5) + "listen: expected a single value, found a list",
                at(10) + "tls.accept_missing_client_auth_eku: expected true or false, found \"yes\"",
                at(12) + "limits.max_connections: expected a whole number above 0, found \"ten\"",
                at(13) + "timeouts: expected a mapping (handshake:, idle:, upstream_connect:, ...), found \"10s\"",
                at(15) + "routes: expected a list, found a mapping");
    }

    @Test
    void requiredKeysAreNamedWhereTheyAreMissing() throws Exception {
        assertThat(errors("""
                upstreams:
                  orders:
                    max_connections: 8
                listeners:
                  - listen: 127.0.0.1:0
                  - name: second
                    listen: 127.0.0.1:0
                    tls:
                      cert: server.crt
                      client_ca: clients.pem
                    routes:
                      - upstream: orders
                """)).containsExactly(
                at(2) + "upstreams.orders: missing required key \"url\"",
                at(5) + "listeners[0]: missing required key \"name\"",
                at(5) + "listeners[0]: missing required key \"tls\"",
                at(5) + "listeners[0]: missing required key \"routes\"",
                at(8) + "tls: missing required key \"key\" (the private key of cert)",
                at(12) + "routes[0]: missing required key \"path\"");
    }

    @Test
    void emptyValuesAreRefused() throws Exception {
        assertThat(errors(MINIMAL.replace("name: public", "name: \"\"").replace("client_ca: clients.pem", "client_ca: ''")
                .replace("""
                    routes:
                      - path: /
                        upstream: orders
                """, "    routes:\n"))).containsExactly(
                at(5) + "name: is empty",
                at(10) + "tls.client_ca: is empty",
                at(11) + "routes: has no value");
        assertThat(errors(MINIMAL.replace("client_ca: clients.pem", "client_ca: []"))).containsExactly(
                at(10) + "tls.client_ca: is empty: name at least one CA bundle that issues client certificates");
    }

    @Test
    void enumerationsListWhatTheyAccept() throws Exception {
        assertThat(errors(MINIMAL.replace("client_ca: clients.pem", """
                client_ca: clients.pem
                      client_auth: requir
                      provider: boringssl""") + """
                    identity_header:
                      format: envoy
                """)).containsExactly(
                at(11) + "tls.client_auth: \"requir\" is not one of require, optional, explain",
                at(12) + "tls.provider: \"boringssl\" is not one of openssl, jdk",
                at(17) + "identity_header.format: \"envoy\" is not one of xfcc, rfc9440");
    }

    @Test
    void duplicateKeysListenerNamesAndPortsAreRefused() throws Exception {
        assertThat(errors("""
                upstreams:
                  orders:
                    url: http://127.0.0.1:8081
                    url: http://127.0.0.1:8082
                listeners:
                  - name: public
                    listen: 127.0.0.1:8443
                    tls: {cert: server.crt, key: server.key, client_ca: clients.pem}
                    routes: [{path: /, upstream: orders}]
                  - name: public
                    listen: 0.0.0.0:8443
                    tls: {cert: server.crt, key: server.key, client_ca: clients.pem}
                    routes: [{path: /, upstream: orders}]
                """)).containsExactly(
                at(4) + "upstreams.orders: key \"url\" appears twice (first on line 3): keep one",
                at(10) + "name: \"public\" is already the name of the listener on line 6: give each listener its own name",
                at(11) + "listen: port 8443 is already used by listener \"public\" (line 7): give each listener its own "
                        + "port");
    }

    @Test
    void badNamesAndAddressesAreRefused() throws Exception {
        assertThat(errors(MINIMAL.replace("name: public", "name: public gateway")
                .replace("127.0.0.1:0", "localhost"))).containsExactly(
                at(5) + "name: \"public gateway\" is not a plain name: use letters, digits, dots, hyphens and "
                        + "underscores (it names the listener in logs and metrics)",
                at(6) + "listen: \"localhost\" is not an address: write [host]:port, e.g. 0.0.0.0:8443, 127.0.0.1:8443, "
                        + "[::]:8443 or :8443");
        assertThat(errors(MINIMAL.replace("127.0.0.1:0", "127.0.0.1:70000")))
                .containsExactly(at(6) + "listen: port 70000 is above 65535");
    }

    // ---- values ----

    @Test
    void durationsAndSizesNeedTheirUnits() throws Exception {
        assertThat(errors(MINIMAL + """
                    limits:
                      max_header_size: 3g
                      max_body_size: 16 MB
                    timeouts:
                      idle: 10
                      request: 0s
                      shutdown_grace: 0s
                """)).containsExactly(
                at(15) + "limits.max_header_size: \"3g\" is too large (at most 2147483647 bytes)",
                at(16) + "limits.max_body_size: \"16 MB\" is not a size: write a number of bytes with an optional unit, "
                        + "e.g. 512, 16k, 1m or 1g",
                at(18) + "timeouts.idle: \"10\" is not a duration: write a number with a unit, e.g. 500ms, 10s, 2m or 1h",
                at(19) + "timeouts.request: must be longer than 0 (e.g. 10s)");
    }

    @Test
    void anUpstreamsResponseLimitsAreSettings() throws Exception {
        Files.writeString(yaml, MINIMAL.replace("url: http://127.0.0.1:8081", """
                url: http://127.0.0.1:8081
                    response_idle_timeout: 2m
                    max_response_header_size: 64k"""));

        UpstreamConfig orders = GatewayConfigLoader.load(yaml).upstreams().get("orders");

        assertThat(orders.responseIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(orders.maxResponseHeaderBytes()).isEqualTo(64 * 1024);
        assertThat(UpstreamConfig.http("x", URI.create("http://127.0.0.1:1")).responseIdleTimeout())
                .as("default, as nginx's proxy_read_timeout").isEqualTo(Duration.ofSeconds(60));
        assertThat(UpstreamConfig.http("x", URI.create("http://127.0.0.1:1")).maxResponseHeaderBytes()).isEqualTo(16384);
    }

    @Test
    void anUpstreamsResponseLimitsAreChecked() throws Exception {
        assertThat(errors(MINIMAL.replace("url: http://127.0.0.1:8081", """
                url: http://127.0.0.1:8081
                    response_idle_timeout: 0s
                    max_response_header_size: 100"""))).containsExactly(
                at(4) + "upstreams.orders.response_idle_timeout: must be longer than 0 (e.g. 10s)",
                at(5) + "upstreams.orders.max_response_header_size: must be at least 1k (a status line and a few headers)");
        assertThat(errors(MINIMAL.replace("url: http://127.0.0.1:8081", """
                url: http://127.0.0.1:8081
                    max_response_header_size: 2m"""))).containsExactly(
                at(4) + "upstreams.orders.max_response_header_size: \"2m\" is too large (at most 1048576 bytes)");
    }

    @Test
    void onlyTls12And13AndTheGatewaysAlpnProtocols() throws Exception {
        assertThat(errors(MINIMAL.replace("client_ca: clients.pem", """
                client_ca: clients.pem
                      protocols: [TLSv1.1, TLSv1.3, TLSv1.3]
                      alpn: [h3]"""))).containsExactly(
                at(11) + "tls.protocols[0]: \"TLSv1.1\" is not allowed: use TLSv1.3 and/or TLSv1.2",
                at(11) + "tls.protocols[2]: \"TLSv1.3\" is listed twice",
                at(12) + "tls.alpn[0]: \"h3\" is not a protocol the gateway speaks: use h2 and/or http/1.1");
    }

    @Test
    void routesAreCheckedAgainstUpstreamsTheClientAuthModeAndEachOther() throws Exception {
        assertThat(errors("""
                upstreams:
                  orders:
                    url: http://127.0.0.1:8081
                  billing:
                    url: http://127.0.0.1:8082
                listeners:
                  - name: public
                    listen: 127.0.0.1:0
                    tls:
                      cert: server.crt
                      key: server.key
                      client_ca: clients.pem
                    routes:
                      - path: /api
                        upstream: order
                      - path: api
                        methods: [GET, post]
                        upstream: orders
                        anonymous: true
                      - path: /api/
                        upstream: orders
                        allow:
                          - {}
                          - uri: spiffe://example.org/a*
                      - path: /a/../b
                        upstream: billing
                """)).containsExactly(
                at(15) + "routes[0].upstream: unknown upstream \"order\" (defined: orders, billing)",
                at(16) + "routes[1].path: path \"api\" does not start with /: write e.g. /api",
                at(17) + "routes[1].methods[1]: method \"post\" is not an upper-case HTTP method (expected e.g. GET or "
                        + "POST)",
                at(19) + "routes[1].anonymous: only listeners with client_auth: optional let clients without a "
                        + "certificate in (this one is require): remove anonymous, or make the listener optional",
                at(20) + "routes[2].path: \"/api/\" is already routed for the same methods by the route on line 14: "
                        + "merge the two, or give them different methods",
                at(23) + "routes[2].allow[0]: an allow rule needs at least one condition (one of cn, ou, o, dns, uri, "
                        + "email, ip, issuer, sha256, spki): a rule without conditions would let every client in; to "
                        + "allow any verified client, give the route no allow rules",
                at(24) + "routes[2].allow[1].uri: \"spiffe://example.org/a*\" has a wildcard that is not a trailing /*: "
                        + "write e.g. spiffe://example.org/* for every ID in a trust domain",
                at(25) + "routes[3].path: path \"/a/../b\" is not in canonical form (requests are matched after "
                        + "resolving . and .. and merging slashes): write /b");
    }

    @Test
    void everyKindOfAllowRuleValueIsChecked() throws Exception {
        assertThat(errors(MINIMAL + """
                        allow:
                          - dns: "*.com"
                            ip: 10.0.0.1/8
                          - sha256: ab:cd
                            spki: c2hvcnQ=
                            issuer: Partner CA
                            email: ops
                            cn: ""
                """)).containsExactly(
                at(15) + "routes[0].allow[0].dns: \"*.com\" is a wildcard over a whole top-level domain: name the "
                        + "domain, e.g. *.partner.example",
                at(16) + "routes[0].allow[0].ip: \"10.0.0.1/8\" has bits set after the prefix length: write 10.0.0.0/8",
                at(17) + "routes[0].allow[1].sha256: \"ab:cd\" is not a SHA-256 fingerprint: expected 64 hex digits, "
                        + "colons allowed (mtls inspect prints it as SHA-256)",
                at(18) + "routes[0].allow[1].spki: \"c2hvcnQ=\" is not an SPKI pin: expected the base64 SHA-256 of the "
                        + "public key, 44 characters (mtls inspect prints it as SPKI pin)",
                at(19) + "routes[0].allow[1].issuer: \"Partner CA\" is not a distinguished name: write it as RFC 2253, "
                        + "e.g. CN=Partner CA,O=Partner (mtls inspect shows a certificate's issuer)",
                at(20) + "routes[0].allow[1].email: \"ops\" is not an e-mail address (expected e.g. ops@example.org)",
                at(21) + "routes[0].allow[1].cn: is empty");
    }

    @Test
    void identityHeaderOptionsMustFitTheFormat() throws Exception {
        assertThat(errors(MINIMAL + """
                    identity_header:
                      format: rfc9440
                      include_cert: true
                """)).containsExactly(at(16) + "identity_header.include_cert: is only for format xfcc (RFC 9440 always "
                + "sends Client-Cert): remove it");
    }

    // ---- files ----

    @Test
    void everyFileMustExistAndLoad() throws Exception {
        assertThat(errors(MINIMAL.replace("cert: server.crt", "cert: missing.crt")
                .replace("client_ca: clients.pem", "client_ca: [clients.pem, nope.pem]\n      crl: [server.key]")))
                .containsExactly(
                        at(8) + "tls.cert: " + dir.resolve("missing.crt") + " does not exist: check the path",
                        at(10) + "tls.client_ca[1]: " + dir.resolve("nope.pem") + " does not exist: check the path",
                        at(11) + "tls.crl[0]: " + dir.resolve("server.key") + " holds no CRL (it looks like "
                                + "a private key): pass the CA's certificate revocation list (-----BEGIN X509 CRL-----)");
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsFoundAtStart() throws Exception {
        assertThat(errors(MINIMAL.replace("key: server.key", "key: other.key"))).containsExactly(
                at(9) + "tls.key: " + dir.resolve("other.key") + " (EC P-256) does not match " + dir.resolve("server.crt")
                        + " (EC P-256): use the key generated with this certificate (or the certificate issued for "
                        + "this key)");
    }

    @Test
    void passwordProblemsNameTheYamlKeys() throws Exception {
        TestPki.writeEncryptedKey(dir.resolve("encrypted.key"), SERVER.keyPair().getPrivate(), "s3cret");
        Fixtures.text(dir.resolve("wrong.pass"), "guess\n");
        String encrypted = MINIMAL.replace("key: server.key", "key: encrypted.key");

        assertThat(errors(encrypted)).containsExactly(at(9) + "tls.key: " + dir.resolve("encrypted.key")
                + " is encrypted: pass key_pass_file: FILE (or key_pass_env: VAR)");
        assertThat(errors(encrypted.replace("key: encrypted.key", "key: encrypted.key\n      key_pass_file: wrong.pass")))
                .containsExactly(at(9) + "tls.key: " + dir.resolve("encrypted.key") + ": wrong password (from "
                        + "key_pass_file: " + dir.resolve("wrong.pass") + ")");
        assertThat(errors(encrypted.replace("key: encrypted.key", "key: encrypted.key\n      key_pass_file: none.pass")))
                .containsExactly(at(10) + "tls.key_pass_file: password file " + dir.resolve("none.pass")
                        + " does not exist: check the path");
        String unset = "MTLS_KIT_TEST_UNSET_" + Long.toHexString(System.nanoTime());
        assertThat(errors(encrypted.replace("key: encrypted.key", "key: encrypted.key\n      key_pass_env: " + unset)))
                .containsExactly(at(10) + "tls.key_pass_env: environment variable " + unset + " is not set: export it "
                        + "with the password, or use key_pass_file: FILE");
    }

    @Test
    void certificateAndKeyOrAKeystoreNotBoth() throws Exception {
        assertThat(errors(MINIMAL.replace("key: server.key", "key: server.key\n      keystore: server.p12")))
                .containsExactly(at(10) + "tls.keystore: give either cert and key (PEM files) or keystore, not both");
        assertThat(errors(MINIMAL.replace("      cert: server.crt\n      key: server.key\n", ""))).containsExactly(
                at(7) + "tls: missing required keys \"cert\" and \"key\" (or \"keystore\")");
    }

    @Test
    void upstreamsAreCheckedLikeListeners() throws Exception {
        assertThat(errors(MINIMAL.replace("""
                  orders:
                    url: http://127.0.0.1:8081
                """, """
                  orders:
                    url: http://127.0.0.1:8081
                    ca: clients.pem
                  files:
                    url: ftp://files.example
                  based:
                    url: http://127.0.0.1:8081/base
                  secure:
                    url: https://billing.example
                    max_connections: 0
                    client_cert:
                      cert: server.crt
                      key: other.key
                  bad name:
                    url: "echo:"
                """))).containsExactly(
                at(4) + "upstreams.orders.ca: only https upstreams are verified with ca (this one is http)",
                at(6) + "upstreams.files.url: \"ftp://files.example\" is not an http or https URL: write "
                        + "http://host:port, https://host:port or \"echo:\"",
                at(8) + "upstreams.based.url: \"http://127.0.0.1:8081/base\" has a path, query or fragment: request "
                        + "paths are forwarded unchanged, so give only scheme, host and port",
                at(11) + "upstreams.secure.max_connections: expected a whole number above 0, found \"0\"",
                at(14) + "upstreams.secure.client_cert.key: " + dir.resolve("other.key") + " (EC P-256) does not match "
                        + dir.resolve("server.crt") + " (EC P-256): use the key generated with this certificate (or the "
                        + "certificate issued for this key)",
                at(15) + "upstreams.bad name: \"bad name\" is not a plain name: use letters, digits, dots, hyphens and "
                        + "underscores");
    }

    @Test
    void theAccessLogDirectoryMustExist() throws Exception {
        assertThat(errors("access_log: logs/access.log\n" + MINIMAL)).containsExactly(
                at(1) + "access_log: directory " + dir.resolve("logs") + " does not exist: create it, or write the log "
                        + "elsewhere");
    }

    // ---- the file itself ----

    @Test
    void yamlSyntaxErrorsNameTheLine() throws Exception {
        assertThat(errors("""
                listeners:
                  - name: public
                   listen: 127.0.0.1:0
                """)).containsExactly(at(3) + "not valid YAML: expected <block end>, but found '<block mapping start>' "
                + "(check the indentation, and quote values that contain \": \" or start with * & ! | > % @ `)");
    }

    @Test
    void anEmptyOrMissingFileOrAListIsRefused() throws Exception {
        assertThat(errors("")).containsExactly(at(1) + "the file is empty: it needs listeners: and upstreams: (see "
                + "docs/gateway.yaml)");
        assertThat(errors("- listeners\n")).containsExactly(at(1) + "expected a mapping with listeners:, upstreams: "
                + "and access_log:, found a list");
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> GatewayConfigLoader.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": does not exist: check the path");
    }

    @Test
    void theExceptionMessageHasOneErrorPerLine() throws Exception {
        Files.writeString(yaml, MINIMAL.replace("cert: server.crt", "cert: missing.crt")
                .replace("upstream: orders", "upstream: nowhere"));

        assertThatThrownBy(() -> GatewayConfigLoader.load(yaml)).isInstanceOf(ConfigException.class)
                .hasMessage(at(8) + "tls.cert: " + dir.resolve("missing.crt") + " does not exist: check the path\n"
                        + at(13) + "routes[0].upstream: unknown upstream \"nowhere\" (defined: orders)");
    }

    @Test
    void trustedProxiesAreAddressesOrRangesAndNoneByDefault() throws Exception {
        Files.writeString(yaml, MINIMAL + """
                    trusted_proxies: [10.0.0.0/8, 192.0.2.7, "fd00::/8"]
                """);
        TrustedProxies trusted = GatewayConfigLoader.load(yaml).listeners().get(0).trustedProxies();
        assertThat(trusted.trusts("10.1.2.3")).isTrue();
        assertThat(trusted.trusts("192.0.2.7")).isTrue();
        assertThat(trusted.trusts("192.0.2.8")).isFalse();
        assertThat(trusted.trusts("fd00::5")).isTrue();
        assertThat(trusted.trusts("127.0.0.1")).isFalse();

        Files.writeString(yaml, MINIMAL);
        assertThat(GatewayConfigLoader.load(yaml).listeners().get(0).trustedProxies()).isEqualTo(TrustedProxies.none());

        assertThat(errors(MINIMAL + """
                    trusted_proxies:
                      - 10.0.0.0/8
                      - proxy.internal
                      - 10.0.0.1/8
                """)).containsExactly(
                at(16) + "trusted_proxies[1]: \"proxy.internal\" is not an IP address or CIDR range (expected e.g. "
                        + "10.1.2.3, 10.0.0.0/8 or fd00::/8)",
                at(17) + "trusted_proxies[2]: \"10.0.0.1/8\" has bits set after the prefix length: write 10.0.0.0/8");
    }

    private List<String> errors(String content) throws Exception {
        Files.writeString(yaml, content);
        try {
            GatewayConfig config = GatewayConfigLoader.load(yaml);
            throw new AssertionError("expected errors, but it loaded: " + config);
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    private String at(int line) {
        return yaml + ":" + line + ": ";
    }

    /** The TLS settings of an mTLS listener. */
    private static TlsConfig tls(ListenerConfig listener) {
        return ((ListenerKind.MutualTls) listener.kind()).tls();
    }
}
