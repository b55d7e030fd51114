package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.gateway.config.KeySource;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.TlsConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.gateway.config.ListenerKind;
import dev.mtlskit.material.MaterialException;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.Route;

/**
 * {@link Gateway#reload}: a new configuration applies to new requests at once (also on connections
 * already open), listeners come and go, a listener's new trust judges afresh, and a configuration
 * whose files cannot be used changes nothing.
 */
class ConfigReloadTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    private final String name = "cfg-" + UUID.randomUUID().toString().substring(0, 8);

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void anAllowRuleChangedByAReloadAppliesToTheNextRequestOnAnOpenConnection(TlsProvider provider) throws Exception {
        Gateway gateway = start(config(provider, List.of(listener(provider, name, allow("acme"))), echo()));
        GatewayPki pki = fixture.pki();
        try (OpenSslConnection open = OpenSslConnection.to(port(gateway, name), fixture.scratch(),
                pki.acme.certificate(), pki.acme.key())) {
            assertThat(open.get("/first")).startsWith("HTTP/1.1 200");

            gateway.reload(config(provider, List.of(listener(provider, name, allow("someone-else"))), echo()));

            assertThat(open.get("/second")).as("the same connection, the next request").startsWith("HTTP/1.1 403");
        }
        assertThat(call(gateway, name).status()).isEqualTo(403);

        gateway.reload(config(provider, List.of(listener(provider, name, allow("acme"))), echo()));
        assertThat(call(gateway, name).status()).isEqualTo(200);
    }

    @Test
    void listenersAddedAreBoundAndListenersRemovedStopAccepting() throws Exception {
        String second = name + "-second";
        Gateway gateway = start(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, allow("acme"))),
                echo()));
        try (LogCapture log = LogCapture.of("mtls.gateway")) {
            gateway.reload(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, allow("acme")),
                    listener(TlsProvider.OPENSSL, second, allow("acme"))), echo()));
            assertThat(call(gateway, second).status()).isEqualTo(200);
            int secondPort = port(gateway, second);
            assertThat(log.lines("configuration reloaded")).containsExactly(
                    "configuration reloaded: 2 listeners (1 kept, 1 added), 1 upstream; new requests use it");

            gateway.reload(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, allow("acme"))),
                    echo()));
            assertThat(gateway.addresses(second)).isEmpty();
            assertThat(log.lines("listener " + second + " removed")).hasSize(1);
            HttpsCall.Response refused = callPort(secondPort);
            assertThat(refused.completed()).as(refused.describe()).isFalse();
            assertThat(call(gateway, name).status()).isEqualTo(200);
        }
    }

    @Test
    void aListenersNewClientCasJudgeAfreshAClientTrustedBefore() throws Exception {
        Gateway gateway = start(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, allow("acme"))),
                echo()));
        assertThat(call(gateway, name).status()).isEqualTo(200); // judged valid, remembered

        Path otherCa = fixture.scratch().resolve(name + "-other-ca.crt");
        Files.writeString(otherCa, PemWriter.certificates(List.of(HeldCertificate.builder().commonName("Other CA")
                .certificateAuthority(0).build().certificate())));
        gateway.reload(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, allow("acme"), otherCa)),
                echo()));

        HttpsCall.Response refused = call(gateway, name);
        assertThat(refused.completed()).as(refused.describe()).isFalse();
    }

    @Test
    void aConfigurationWhoseFilesCannotBeUsedChangesNothing() throws Exception {
        Gateway gateway = start(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, allow("acme"))),
                echo()));
        Path missing = fixture.scratch().resolve(name + "-missing-ca.crt");
        GatewayConfig broken = config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name,
                allow("someone-else"), missing), listener(TlsProvider.OPENSSL, name + "-new", allow("acme"))), echo());

        assertThatThrownBy(() -> gateway.reload(broken)).isInstanceOf(MaterialException.class)
                .hasMessageContaining(missing.toString());

        assertThat(gateway.addresses(name + "-new")).as("nothing of the new configuration is bound").isEmpty();
        assertThat(call(gateway, name).status()).as("the old allow rule still applies").isEqualTo(200);
    }

    @Test
    void aRouteMovedToAnotherUpstreamSendsNewRequestsThere() throws Exception {
        TestUpstream before = fixture.upstream();
        TestUpstream after = fixture.upstream();
        Gateway gateway = start(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, "api",
                allow("acme"))), Map.of("api", UpstreamConfig.http("api", before.uri()))));
        assertThat(call(gateway, name).status()).isEqualTo(200);

        gateway.reload(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, "api", allow("acme"))),
                Map.of("api", UpstreamConfig.http("api", after.uri()))));
        assertThat(call(gateway, name).status()).isEqualTo(200);

        assertThat(before.requests()).hasSize(1);
        assertThat(after.requests()).hasSize(1);
    }

    @Test
    void aListenerRenamedOnItsPortKeepsServingThere() throws Exception {
        int port = freePort();
        Gateway gateway = start(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, allow("acme"),
                port)), echo()));
        assertThat(callPort(port).status()).isEqualTo(200);
        GatewayPki pki = fixture.pki();
        try (OpenSslConnection open = OpenSslConnection.to(port, fixture.scratch(), pki.acme.certificate(), pki.acme.key());
             LogCapture log = LogCapture.of("mtls.gateway")) {
            assertThat(open.get("/before")).startsWith("HTTP/1.1 200");

            gateway.reload(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name + "-renamed",
                    allow("acme"), port)), echo()));

            // The socket stays: the port is never free for another process to take, connections stay open.
            assertThat(log.lines("is now named")).containsExactly("listener " + name + " is now named " + name
                    + "-renamed, on 127.0.0.1:" + port);
            assertThat(open.get("/after")).startsWith("HTTP/1.1 200");
        }

        assertThat(gateway.addresses(name)).isEmpty();
        assertThat(port(gateway, name + "-renamed")).isEqualTo(port);
        assertThat(callPort(port).status()).isEqualTo(200);
    }

    @Test
    void aListenerWhoseAddressIsTakenChangesNothingAndSaysWhy() throws Exception {
        Gateway gateway = start(config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, allow("acme"))),
                echo()));
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            GatewayConfig next = config(TlsProvider.OPENSSL, List.of(listener(TlsProvider.OPENSSL, name, allow("nobody")),
                    listener(TlsProvider.OPENSSL, name + "-b", allow("acme"), taken.getLocalPort())), echo());

            assertThatThrownBy(() -> gateway.reload(next)).isInstanceOf(ListenerBindException.class)
                    .hasMessage("listener " + name + "-b cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": the address is in use (by another process, or by another listener): free it or "
                            + "choose another port");
        }
        assertThat(call(gateway, name).status()).as("the allow rule in force").isEqualTo(200);
    }

    // ---- helpers

    private static Gateway start(GatewayConfig config) throws Exception {
        return fixture.closeAfterTest(Gateway.start(config, 1, Map.of(), null));
    }

    private static int port(Gateway gateway, String listener) {
        return gateway.addresses(listener).get(0).getPort();
    }

    private static Map<String, UpstreamConfig> echo() {
        return Map.of("echo", UpstreamConfig.echo("echo"));
    }

    private static GatewayConfig config(TlsProvider provider, List<ListenerConfig> listeners,
                                        Map<String, UpstreamConfig> upstreams) {
        return new GatewayConfig(listeners, new LinkedHashMap<>(upstreams), null, null);
    }

    private static AllowRule allow(String commonName) {
        return AllowRule.builder().commonName(commonName).build();
    }

    private static ListenerConfig listener(TlsProvider provider, String name, AllowRule rule) {
        return listener(provider, name, "echo", rule, fixture.pki().caCertificate);
    }

    private static ListenerConfig listener(TlsProvider provider, String name, AllowRule rule, Path clientCas) {
        return listener(provider, name, "echo", rule, clientCas);
    }

    private static ListenerConfig listener(TlsProvider provider, String name, String upstream, AllowRule rule) {
        return listener(provider, name, upstream, rule, fixture.pki().caCertificate);
    }

    private static ListenerConfig listener(TlsProvider provider, String name, AllowRule rule, int port) {
        ListenerConfig on = listener(provider, name, rule);
        return ListenerConfig.builder(name, new InetSocketAddress("127.0.0.1", port), tls(on), on.policy())
                .identityHeaders(on.identityHeaders()).build();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static ListenerConfig listener(TlsProvider provider, String name, String upstream, AllowRule rule,
                                           Path clientCas) {
        GatewayPki pki = fixture.pki();
        TlsConfig tls = TlsConfig.builder(KeySource.pem(pki.serverCertificate, pki.serverKey, PasswordSource.none()),
                List.of(clientCas)).provider(provider).build();
        return ListenerConfig.builder(name, new InetSocketAddress("127.0.0.1", 0), tls,
                new Policy(List.of(Route.of("/", upstream, List.of(rule))))).identityHeaders(IdentityHeaderConfig.defaults())
                .build();
    }

    private static HttpsCall.Response call(Gateway gateway, String listener) {
        return callPort(port(gateway, listener));
    }

    private static HttpsCall.Response callPort(int port) {
        GatewayPki pki = fixture.pki();
        return new HttpsCall(URI.create("https://localhost:" + port + "/"), pki.caCertificate)
                .as(pki.acme.certificate(), pki.acme.key()).run();
    }

    /** The TLS settings of an mTLS listener. */
    private static TlsConfig tls(ListenerConfig listener) {
        return ((ListenerKind.MutualTls) listener.kind()).tls();
    }
}
