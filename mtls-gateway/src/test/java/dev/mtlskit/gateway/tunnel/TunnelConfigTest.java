package dev.mtlskit.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.mtlskit.reload.TlsFiles;

class TunnelConfigTest {

    private static final TlsFiles FILES = TlsFiles.builder().certificateChain(Path.of("c.crt")).privateKey(Path.of("c.key"))
            .addTrustedCertificates(Path.of("ca.crt")).build();

    @Test
    void theTargetGetsItsDefaultPortAndKeepsItsName() {
        TunnelConfig config = TunnelConfig.builder(URI.create("https://api.example.com/"), FILES).build();
        assertThat(config.target()).isEqualTo(URI.create("https://api.example.com:443"));
        assertThat(config.host()).isEqualTo("api.example.com");
        assertThat(config.listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(TunnelConfig.builder(URI.create("https://[::1]:8443"), FILES).build().host()).isEqualTo("::1");
    }

    @Test
    void targetsThatCannotBeTunnelledAreRefusedWithTheReason() {
        assertThatThrownBy(() -> TunnelConfig.builder(URI.create("http://api.example.com"), FILES).build())
                .hasMessageContaining("expected: https://host[:port]");
        assertThatThrownBy(() -> TunnelConfig.builder(URI.create("https://api.example.com/v1"), FILES).build())
                .hasMessageContaining("the app's paths are forwarded as they are");
        assertThatThrownBy(() -> TunnelConfig.builder(URI.create("tls://db.example.com:5432"), FILES).build())
                .hasMessageContaining("expected: https://host[:port])");
        assertThat(TunnelConfig.builder(URI.create("tls://db.example.com:5432"), FILES).mode(TunnelConfig.Mode.TCP).build()
                .port()).isEqualTo(5432);
    }

    @Test
    void onlyLoopbackAddressesAreLoopback() {
        assertThat(Tunnel.isLoopback(new InetSocketAddress("127.0.0.1", 1))).isTrue();
        assertThat(Tunnel.isLoopback(InetSocketAddress.createUnresolved("localhost", 1))).isTrue();
        assertThat(Tunnel.isLoopback(new InetSocketAddress("0.0.0.0", 1))).isFalse();
    }
}
