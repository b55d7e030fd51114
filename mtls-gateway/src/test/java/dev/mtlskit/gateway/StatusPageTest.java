package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.AdminConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.testing.Programs;

/**
 * The status page in a real browser (headless Chromium): it renders offline, shows the server
 * certificate with its days left, and a refused client appears with its reason and fix.
 */
class StatusPageTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @Test
    void aRefusedClientAppearsOnThePageWithItsReasonAndFix() throws Exception {
        Path chromium = Programs.require("chromium", "chromium");
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL)
                .admin(AdminConfig.loopback(new InetSocketAddress("127.0.0.1", 0))).start();
        String page = "http://127.0.0.1:" + gateway.gateway().addresses(AdminConfig.NAME).get(0).getPort() + "/";

        String before = dom(chromium, page);
        assertThat(before).contains("<title>mtls gateway status</title>", "id=\"readiness\" class=\"ok\">Ready",
                "<td>" + gateway.listener() + "</td><td>server</td><td>CN=localhost</td>");
        assertThat(before).contains("<p id=\"recent-rejections\" class=\"muted\">None.</p>");

        assertThat(fixture.curl(gateway, fixture.pki().acme, "/hello").run().stdout()).endsWith("\n200");
        assertThat(fixture.curl(gateway, fixture.pki().expired, "/hello").run().exitCode()).isNotZero();
        String after = awaitDom(chromium, page, "<code>EXPIRED</code>");

        assertThat(after).contains("<table id=\"recent-rejections\">", "CN=expired-client",
                "<b>Fix:</b> " + StatusPageEscaping.html(dev.mtlskit.reason.Reason.EXPIRED.fix()),
                "<table id=\"rejections-last-hour\">", "<td>CN=acme</td>");
        Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        Programs.Result shot = Programs.run(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1280,900", "--screenshot=" + screenshot, page), Duration.ofSeconds(60));
        assertThat(screenshot).as(shot.describe()).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static String dom(Path chromium, String url) throws Exception {
        Programs.Result result = Programs.run(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--dump-dom", url), Duration.ofSeconds(60));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result.stdout();
    }

    /** The page once it shows {@code text}: the gateway counts a refused handshake as its connection ends. */
    private static String awaitDom(Path chromium, String url, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String dom;
        do {
            dom = dom(chromium, url);
            if (dom.contains(text)) {
                return dom;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + text + " in\n" + dom);
    }

    /** What the page's escaping makes of a text, as Chromium serializes it back. */
    private static final class StatusPageEscaping {
        static String html(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
