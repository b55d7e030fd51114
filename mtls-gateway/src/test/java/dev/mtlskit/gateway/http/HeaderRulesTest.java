package dev.mtlskit.gateway.http;

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
    void everyForwardedForLineIsKeptInOrderAndTheClientAddressAppended() {
        HttpHeaders headers = new DefaultHttpHeaders().add("X-Forwarded-For", "10.0.0.1").add("X-Forwarded-For", "10.0.0.2, 10.0.0.3");
        HeaderRules.addGatewayHeaders(headers, null, "192.0.2.7");
        assertThat(headers.getAll("x-forwarded-for")).containsExactly("10.0.0.1, 10.0.0.2, 10.0.0.3, 192.0.2.7");
        assertThat(headers.get("x-forwarded-proto")).isEqualTo("https");
    }
}
