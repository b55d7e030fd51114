package dev.mtlskit.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.mtlskit.gateway.config.IdentityHeaderConfig;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

/** What passes to the upstream, header by header (the end-to-end tests cover what curl can send). */
class HeaderRulesTest {

    @Test
    void identityHeadersCannotArriveAsTrailers() {
        HttpHeaders trailers = new DefaultHttpHeaders()
                .add("X-Forwarded-Client-Cert", "Hash=forged")
                .add("client-cert", ":Zm9yZ2Vk:")
                .add("Client_Cert_Chain", ":Zm9yZ2Vk:")
                .add("X-Forwarded-For", "10.9.9.9")
                .add("Connection", "close")
                .add("Checksum", "abc");
        HeaderRules.sanitizeTrailers(trailers);
        assertThat(trailers.names()).containsExactly("Checksum");
    }

    @Test
    void aClientsForwardingHeadersAreReplacedWithWhatTheGatewaySaw() {
        HttpHeaders from = new DefaultHttpHeaders().add("X-Forwarded-For", "10.0.0.1").add("Forwarded", "for=10.0.0.1")
                .add("X-Real-IP", "10.0.0.1").add("X-Forwarded-Host", "evil").add("X-Forwarded-Proto", "http")
                .add("Accept", "*/*");
        HttpHeaders to = new DefaultHttpHeaders();
        HeaderRules.copyForUpstream(from, to, false);
        HeaderRules.addGatewayHeaders(to, null, new ClientPeer("2001:db8::7", "for=\"[2001:db8::7]\";proto=https", false));
        assertThat(to.get("x-forwarded-for")).isEqualTo("2001:db8::7");
        assertThat(to.get("x-real-ip")).isEqualTo("2001:db8::7");
        assertThat(to.get("forwarded")).isEqualTo("for=\"[2001:db8::7]\";proto=https");
        assertThat(to.get("x-forwarded-proto")).isEqualTo("https");
        assertThat(to.contains("x-forwarded-host")).isFalse();
        assertThat(to.get("accept")).isEqualTo("*/*");
    }

    @Test
    void aTrustedProxysForwardedForLinesAreKeptInOrderAndItsAddressAppended() {
        HttpHeaders from = new DefaultHttpHeaders().add("X-Forwarded-For", "10.0.0.1")
                .add("X-Forwarded-For", "10.0.0.2, 10.0.0.3").add("Forwarded", "for=10.0.0.1");
        HttpHeaders headers = new DefaultHttpHeaders();
        HeaderRules.copyForUpstream(from, headers, true);
        HeaderRules.addGatewayHeaders(headers, null, new ClientPeer("192.0.2.7", "for=192.0.2.7;proto=https", true));
        assertThat(headers.getAll("x-forwarded-for")).containsExactly("10.0.0.1, 10.0.0.2, 10.0.0.3, 192.0.2.7");
        assertThat(headers.getAll("forwarded")).containsExactly("for=10.0.0.1, for=192.0.2.7;proto=https");
        assertThat(headers.get("x-real-ip")).isEqualTo("192.0.2.7");
        assertThat(headers.get("x-forwarded-proto")).isEqualTo("https");
    }
}
