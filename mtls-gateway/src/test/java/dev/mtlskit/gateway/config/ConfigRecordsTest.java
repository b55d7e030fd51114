package dev.mtlskit.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.Route;

/** The records refuse inconsistent values, also when built from flags instead of YAML. */
class ConfigRecordsTest {

    private static final KeySource SERVER_KEY = KeySource.pem(Path.of("server.crt"), Path.of("server.key"), null);
    private static final TlsConfig TLS = TlsConfig.builder(SERVER_KEY, List.of(Path.of("clients.pem"))).build();

    @Test
    void buildersStartWithTheDefaults() {
        ListenerConfig listener = ListenerConfig.builder("public", new InetSocketAddress(0), TLS,
                new Policy(List.of(Route.of("/", "echo", List.of())))).build();

        assertThat(TLS.clientAuth()).isEqualTo(ClientAuthMode.REQUIRE);
        assertThat(TLS.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(TLS.alpn()).containsExactly("h2", "http/1.1");
        assertThat(TLS.provider()).isEqualTo(TlsProvider.OPENSSL);
        assertThat(SERVER_KEY.password().isPresent()).isFalse();
        assertThat(listener.identityHeaders()).isEqualTo(IdentityHeaderConfig.defaults());
        assertThat(listener.limits()).isEqualTo(Limits.defaults());
        assertThat(listener.timeouts()).isEqualTo(Timeouts.defaults());
        assertThat(new GatewayConfig(List.of(listener), Map.of("echo", UpstreamConfig.echo("echo")), null, null)
                .upstreams()).containsKey("echo");
    }

    @Test
    void aPlainHttpListenerListensOnLoopbackOnlyUnlessToldOtherwise() {
        Policy policy = new Policy(java.util.List.of(dev.mtlskit.policy.Route.of("/", "echo", java.util.List.of())));
        assertThatThrownBy(() -> new ListenerConfig("local", new java.net.InetSocketAddress("0.0.0.0", 8080),
                new ListenerKind.Plaintext(false), policy, IdentityHeaderConfig.defaults(), Limits.defaults(),
                Timeouts.defaults(), TrustedProxies.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listener local: 0.0.0.0 is not a loopback address, and a plain-HTTP listener authenticates "
                        + "nobody: listen on 127.0.0.1, ::1 or localhost");
        for (java.net.InetSocketAddress local : java.util.List.of(new java.net.InetSocketAddress("127.0.0.1", 8080),
                new java.net.InetSocketAddress("::1", 8080), java.net.InetSocketAddress.createUnresolved("localhost", 8080))) {
            assertThat(new ListenerConfig("local", local, new ListenerKind.Plaintext(false), policy,
                    IdentityHeaderConfig.defaults(), Limits.defaults(), Timeouts.defaults(), TrustedProxies.none()).kind())
                    .isInstanceOf(ListenerKind.Plaintext.class);
        }
        assertThat(new ListenerConfig("shared", new java.net.InetSocketAddress("0.0.0.0", 8080),
                new ListenerKind.Plaintext(true), policy, IdentityHeaderConfig.defaults(), Limits.defaults(),
                Timeouts.defaults(), TrustedProxies.none()).address().getPort()).isEqualTo(8080);
    }

    @Test
    void aRouteMustNameAKnownUpstream() {
        ListenerConfig listener = ListenerConfig.builder("public", new InetSocketAddress(0), TLS,
                new Policy(List.of(Route.of("/", "orders", List.of())))).build();

        assertThatThrownBy(() -> new GatewayConfig(List.of(listener), Map.of("echo", UpstreamConfig.echo("echo")), null,
                null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listener public: route / names the unknown upstream orders (defined: echo)");
    }

    @Test
    void onlyTls12And13() {
        assertThatThrownBy(() -> TlsConfig.builder(SERVER_KEY, List.of()).protocols(List.of("TLSv1.1")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("protocols [TLSv1.1]: use TLSv1.3 and/or TLSv1.2");
    }

    @Test
    void upstreamsAreConsistent() {
        assertThat(UpstreamConfig.http("orders", URI.create("http://127.0.0.1:8081")).isHttps()).isFalse();
        assertThatThrownBy(() -> new UpstreamConfig("orders", URI.create("http://127.0.0.1:8081"), SERVER_KEY,
                List.of(), 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upstream orders: a client certificate and CA files are only for https upstreams");
        assertThatThrownBy(() -> UpstreamConfig.http("orders", URI.create("http://127.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upstream orders: http://127.0.0.1 needs a host and a port");
    }

    @Test
    void aKeySourceIsPemFilesOrAKeystore() {
        assertThat(KeySource.keyStore(Path.of("server.p12"), null)).isInstanceOf(KeySource.KeyStoreFile.class)
                .extracting(KeySource::password).isEqualTo(PasswordSource.none());
        assertThat(KeySource.pem(Path.of("server.crt"), Path.of("server.key"), PasswordSource.none()))
                .isInstanceOf(KeySource.PemFiles.class);
        assertThatThrownBy(() -> KeySource.pem(Path.of("server.crt"), null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("key");
    }

    @Test
    void timeoutsArePositive() {
        assertThatThrownBy(() -> new Timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeouts must be positive, not PT0S");
    }
}
