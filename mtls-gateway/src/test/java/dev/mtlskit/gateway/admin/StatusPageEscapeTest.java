package dev.mtlskit.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Certificate subjects come from clients' certificates: on the page they are text, never markup. */
class StatusPageEscapeTest {

    @Test
    void markupInASubjectIsShownAsText() {
        assertThat(StatusPage.escape("CN=<script>alert('x')</script>,O=\"A&B\""))
                .isEqualTo("CN=&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;,O=&quot;A&amp;B&quot;");
    }
}
