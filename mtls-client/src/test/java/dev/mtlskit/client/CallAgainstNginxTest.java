package dev.mtlskit.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.client.servers.NginxServer;
import dev.mtlskit.client.servers.NginxServer.VerifyClient;
import dev.mtlskit.client.servers.ScenarioPki;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.tls.wire.TlsVersion;

/**
 * The reference transcript against a third-party server: {@code mtls call -v} to nginx that requires
 * a client certificate shows every handshake step in curl's order, the CA names nginx accepts and
 * the certificate sent, for TLS 1.2 (the reference's version) and TLS 1.3 (decrypted).
 */
class CallAgainstNginxTest {

    @TempDir
    static Path directory;

    private static ScenarioPki pki;

    @BeforeAll
    static void generatePki() throws Exception {
        pki = ScenarioPki.create(directory);
    }

    @Test
    void tls12ShowsTheReferenceStepsWithCaNamesAndTheCertificateSent() throws Exception {
        try (NginxServer nginx = requiringNginx().start(directory)) {
            List<String> lines = new ArrayList<>();
            CallResult result = call(nginx, TlsVersion.TLS_1_2, lines);
            assertThat(result.succeeded()).as(String.join("\n", lines)).isTrue();
            assertInOrder(lines,
                    "* TLSv1.2 (OUT), TLS handshake, Client hello (1):",
                    "* TLSv1.2 (IN), TLS handshake, Server hello (2):",
                    "* TLSv1.2 (IN), TLS handshake, Certificate (11):",
                    "* TLSv1.2 (IN), TLS handshake, Server key exchange (12):",
                    "* TLSv1.2 (IN), TLS handshake, Request CERT (13):",
                    "* TLSv1.2 (IN), TLS handshake, Server finished (14):",
                    "* Server certificate:",
                    "*  chain sent by the server: 2 certificates",
                    "*   0 s:CN=localhost,O=mtls-kit scenarios  i:CN=Server Intermediate CA,O=mtls-kit scenarios  expires ",
                    "*   1 s:CN=Server Intermediate CA,O=mtls-kit scenarios  i:CN=Server Root CA,O=mtls-kit scenarios  expires ",
                    "*  SSL certificate verify ok (host \"localhost\" matched).",
                    "* The server asks for a client certificate (Request CERT); it accepts certificates issued by:",
                    "*   CN=Client Root CA,O=mtls-kit scenarios",
                    "*   CN=Client Intermediate CA,O=mtls-kit scenarios",
                    "* Sending client certificate: CN=acme,O=mtls-kit scenarios (issuer CN=Client Intermediate CA,O=mtls-kit scenarios, 2 certificates)",
                    "* TLSv1.2 (OUT), TLS handshake, Certificate (11):",
                    "* TLSv1.2 (OUT), TLS handshake, Client key exchange (16):",
                    "* TLSv1.2 (OUT), TLS handshake, CERT verify (15):",
                    "* TLSv1.2 (OUT), TLS change cipher, Change cipher spec (1):",
                    "* TLSv1.2 (OUT), TLS handshake, Finished (20):",
                    "* TLSv1.2 (IN), TLS change cipher, Change cipher spec (1):",
                    "* TLSv1.2 (IN), TLS handshake, Finished (20):",
                    "* SSL connection using TLSv1.2 / ",
                    "* ALPN, server accepted to use http/1.1",
                    "> GET / HTTP/1.1",
                    "< HTTP/1.1 200");
            // nginx saw the certificate we said we sent.
            assertThat(lines).contains("< X-Client-Subject: CN=acme,O=mtls-kit scenarios");
        }
    }

    @Test
    void tls13HandshakeIsDecryptedAndShownInOrder() throws Exception {
        try (NginxServer nginx = requiringNginx().http2().start(directory)) {
            List<String> lines = new ArrayList<>();
            CallResult result = call(nginx, TlsVersion.TLS_1_3, lines);
            assertThat(result.succeeded()).as(String.join("\n", lines)).isTrue();
            assertInOrder(lines,
                    "* TLSv1.3 (OUT), TLS handshake, Client hello (1):",
                    "* TLSv1.3 (IN), TLS handshake, Server hello (2):",
                    "* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):",
                    "* TLSv1.3 (IN), TLS handshake, Request CERT (13):",
                    "* TLSv1.3 (IN), TLS handshake, Certificate (11):",
                    "* TLSv1.3 (IN), TLS handshake, CERT verify (15):",
                    "* TLSv1.3 (IN), TLS handshake, Finished (20):",
                    "*   CN=Client Root CA,O=mtls-kit scenarios",
                    "* Sending client certificate: CN=acme,O=mtls-kit scenarios",
                    "* TLSv1.3 (OUT), TLS handshake, Certificate (11):",
                    "* TLSv1.3 (OUT), TLS handshake, CERT verify (15):",
                    "* TLSv1.3 (OUT), TLS handshake, Finished (20):",
                    "* SSL connection using TLSv1.3 / ",
                    "* ALPN, server accepted to use h2",
                    "> GET / HTTP/2",
                    "< HTTP/2 200");
            assertThat(lines).noneMatch(line -> line.contains("not decrypted"));
        }
    }

    @Test
    void withoutACertificateTheTraceSaysWhyNoneWasSent() throws Exception {
        try (NginxServer nginx = requiringNginx().start(directory)) {
            List<String> lines = new ArrayList<>();
            Transcript transcript = new Transcript(true);
            CallRequest request = CallRequest.builder(URI.create(nginx.url())).caFile(pki.serverRootCa).build();
            CallResult result = new Caller().call(request, e -> lines.addAll(transcript.lines(e)), new ByteArrayOutputStream());
            assertThat(result.response().orElseThrow().status()).isEqualTo(400);
            assertThat(lines).contains("* Sending no client certificate: no client certificate configured (--cert/--key)",
                    "*   ↳ this is mutual TLS: the server wants you to prove who you are with a certificate.");
        }
    }

    private static NginxServer.Builder requiringNginx() {
        return NginxServer.builder().certificate(pki.server.certificate(), pki.server.key())
                .clientCertificate(pki.clientCaBundle).verifyClient(VerifyClient.ON).verifyDepth(2);
    }

    private static CallResult call(NginxServer nginx, TlsVersion tlsMax, List<String> lines) {
        Transcript transcript = new Transcript(false);
        CallRequest request = CallRequest.builder(URI.create(nginx.url("localhost")))
                .resolve(java.util.Map.of("localhost:" + nginx.port(), java.net.InetAddress.getLoopbackAddress()))
                .clientCertificate(pki.client.certificate(), pki.client.key(), PasswordSource.none())
                .caFile(pki.serverRootCa)
                .tlsMax(tlsMax)
                .build();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CallResult result = new Caller().call(request, e -> lines.addAll(transcript.lines(e)), body);
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo("ok\n");
        return result;
    }

    private static void assertInOrder(List<String> lines, String... expected) {
        int from = 0;
        for (String line : expected) {
            int at = -1;
            for (int i = from; i < lines.size(); i++) {
                if (lines.get(i).startsWith(line)) {
                    at = i;
                    break;
                }
            }
            assertThat(at).as("'" + line + "' after line " + from + " in:\n" + String.join("\n", lines)).isGreaterThanOrEqualTo(0);
            from = at + 1;
        }
    }
}
