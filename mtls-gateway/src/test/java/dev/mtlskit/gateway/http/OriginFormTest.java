package dev.mtlskit.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** mtls tunnel forwards what an app sent to it as to a proxy (an absolute URL) in origin form. */
class OriginFormTest {

    @Test
    void absoluteUrlsLoseSchemeAndAuthorityAndTheRestIsKeptAsWritten() {
        assertThat(RequestHandler.originForm("/orders/a%2Fb?x=1")).isEqualTo("/orders/a%2Fb?x=1");
        assertThat(RequestHandler.originForm("http://localhost:8080/orders//7?x=1")).isEqualTo("/orders//7?x=1");
        assertThat(RequestHandler.originForm("http://localhost:8080")).isEqualTo("/");
        assertThat(RequestHandler.originForm("http://localhost:8080?x=1")).isEqualTo("/?x=1");
        assertThat(RequestHandler.originForm("*")).isEqualTo("*");
    }
}
