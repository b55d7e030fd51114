package dev.mtlskit.client.servers;

import static dev.mtlskit.client.servers.Clients.curl;
import static dev.mtlskit.client.servers.Clients.curlCredential;
import static dev.mtlskit.client.servers.Clients.sClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.client.servers.Clients.CurlResult;
import dev.mtlskit.client.servers.NginxServer.VerifyClient;
import dev.mtlskit.client.servers.ScenarioPki.Credential;
import dev.mtlskit.testing.Programs;

/*
 * What real servers send in each failure scenario: the input for mtls doctor's reasoning. Every
 * cell is asserted by a test in this class (nginx 1.22.1 and openssl s_server 3.0.x, both on
 * OpenSSL 3.0; clients curl 7.88.1 and openssl s_client 3.0). "curl 35" means exit code 35.
 *
 * A. The client rejects the server. Same with either server: the client aborts.
 *
 * | Scenario                              | curl                                                              | s_client "Verify return code"              | alert the client sends (nginx error log)          | when                                    |
 * |---------------------------------------|-------------------------------------------------------------------|--------------------------------------------|---------------------------------------------------|-----------------------------------------|
 * | untrusted root (server sends leaf+int) | 60 SSL certificate problem: unable to get local issuer certificate | 20 (unable to get local issuer certificate) | unknown_ca (48)                                   | handshake, TLS 1.2 and 1.3              |
 * | untrusted root (server sends its root) | 60 SSL certificate problem: self-signed certificate in certificate chain | 19 (self-signed certificate in certificate chain) | unknown_ca (48)                        | handshake                               |
 * | server cert from an unrelated CA (leaf only) | 60 ... unable to get local issuer certificate              | 21 (unable to verify the first certificate) | unknown_ca (48)                                  | handshake                               |
 * | server misses its intermediate         | 60 ... unable to get local issuer certificate                     | 21 (unable to verify the first certificate) | unknown_ca (48)                                   | handshake                               |
 * | server name mismatch                   | 60 SSL: no alternative certificate subject name matches target host name 'localhost' | 62 (hostname mismatch), only with -verify_hostname | none: the handshake completes, curl hangs up before the request ("client closed connection while waiting for request") | after the handshake |
 * | expired server certificate             | 60 SSL certificate problem: certificate has expired               | 10 (certificate has expired)               | certificate_expired (45)                          | handshake                               |
 *
 * Unrelated CA and missing intermediate look the same on the wire (20/21, unknown_ca): only the
 * chain the server sent tells them apart (is the issuer of its last certificate a known intermediate?).
 *
 * B. The server rejects the client.
 *
 * nginx never fails the handshake over a client certificate (its verify callback accepts all and it
 * decides when the request arrives), in TLS 1.2 and 1.3, HTTP/1.1 and HTTP/2 alike. The first
 * request gets "400 Bad Request" with Connection: close, and the page title says which case:
 * "400 No required SSL certificate was sent" (nginx-internal 496) or "400 The SSL certificate error"
 * (495); 495/496 never reach the wire (the access log says 400 too; an error_page for 495 496
 * without "=code" keeps 400 and only changes the body). $ssl_client_verify is NONE or "FAILED:<OpenSSL verify error text>"; the error log
 * (level info) says "client sent no required SSL certificate" or
 * "client SSL certificate verify error: (<code>:<text>)".
 *
 * s_server (-Verify N -verify_return_error) fails the handshake with an alert. TLS 1.2: during the
 * handshake (curl 35). TLS 1.3: the client has finished its handshake when the server reads its
 * certificate, so the alert arrives at the client's first read (curl 56 "OpenSSL SSL_read: ...";
 * s_client -brief prints CONNECTION ESTABLISHED and "Verification: OK" first). On loopback the
 * alert always arrived; over a real network a TCP reset may overtake it (s_server closes with the
 * client's request unread), so a doctor must expect "connection reset" after a TLS 1.3 handshake too. Without
 * -verify_return_error s_server prints the error and lets the client in.
 *
 * | Scenario                                  | nginx: status, $ssl_client_verify, error log                                     | s_server: alert (its output)                                     | curl against s_server, TLS 1.3 / TLS 1.2                                  |
 * |-------------------------------------------|-----------------------------------------------------------------------------------|------------------------------------------------------------------|---------------------------------------------------------------------------|
 * | no client cert, required (ssl_verify_client on / -Verify) | 400 No required SSL certificate was sent, NONE, "client sent no required SSL certificate" | 1.3: certificate_required (116); 1.2: handshake_failure (40) ("peer did not return a certificate") | 56 tlsv13 alert certificate required / 35 sslv3 alert handshake failure |
 * | no client cert, only requested (optional / -verify) | 200, NONE                                                                | 200                                                              | -                                                                         |
 * | server does not request one (ssl_verify_client off) | 200, NONE although curl has --cert; s_client: "No client certificate CA names sent" and no "Requested Signature Algorithms" line (both present when a cert is requested) | - | - |
 * | client cert from an unaccepted CA (leaf only) | 400 The SSL certificate error, FAILED:unable to verify the first certificate, (21:...). curl sends the cert although the CertificateRequest names only the client root and intermediate ($ssl_client_s_dn shows it) | unknown_ca (48) (verify error 20) | 56 / 35 tlsv1 alert unknown ca |
 * | same, ssl_verify_client optional_no_ca    | 200, FAILED:unable to verify the first certificate                                | -                                                                | -                                                                         |
 * | expired client cert                       | 400 cert error, FAILED:certificate has expired, (10:...)                          | certificate_expired (45) (10)                                    | 56 sslv3 alert certificate expired / 60 "SSL certificate verification failed" (!) |
 * | client cert not yet valid                 | 400 cert error, FAILED:certificate is not yet valid, (9:...)                      | bad_certificate (42) (9)                                         | 56 / 35 sslv3 alert bad certificate                                       |
 * | serverAuth-only EKU (no clientAuth)       | 400 cert error, FAILED:unsuitable certificate purpose, (26:...)                   | unsupported_certificate (43) (26)                                | 56 / 35 sslv3 alert unsupported certificate                               |
 * | client leaf without intermediate, server trusts the root only | 400 cert error, FAILED:unable to verify the first certificate, (21:...) (same as an unaccepted CA) | unknown_ca (48) (20) | 56 / 35 tlsv1 alert unknown ca |
 * | revoked (CRL)                             | 400 cert error, FAILED:certificate revoked, (23:...)                              | certificate_revoked (44) (23), with -crl_check                   | 56 / 35 sslv3 alert certificate revoked                                   |
 * | server lacks a CRL for a CA of the chain (server's fault; hits every client) | 400 cert error, FAILED:unable to get certificate CRL, (3:...): ssl_crl with the intermediate's CRL only, nginx checks the whole chain | unknown_ca (48) (3), with -crl_check_all | 56 / 35 tlsv1 alert unknown ca |
 * | ssl_verify_depth 0 for leaf+intermediate  | 400 cert error, FAILED:unable to get issuer certificate, (2:...)                   | -                                                                | -                                                                         |
 * | client key type not in the server's signature algorithms (EC key, -client_sigalgs RSA only) | - | OpenSSL's client sends no certificate at all: as "no client cert" | 56 tlsv13 alert certificate required / 35 sslv3 alert handshake failure |
 * | good handshake, identity not allowed      | 403 (here "forbidden\n"), SUCCESS                                                 | -                                                                | -                                                                         |
 *
 * The expired client row in TLS 1.2: curl maps the certificate_expired alert to exit 60 and "SSL
 * certificate verification failed", as if the *server's* certificate had failed; s_client shows
 * the truth ("sslv3 alert certificate expired ... SSL alert number 45"). Unaccepted CA, leaf
 * without intermediate and (s_server) missing CRL all end in unknown_ca / verify error 20-21:
 * only the client's own chain against the CertificateRequest's CA names can tell them apart,
 * and those names are only a hint (s_server -no_ca_names sends none; nginx names what
 * ssl_client_certificate holds even when ssl_trusted_certificate decides).
 *
 * C. Transport.
 *
 * | Scenario                                   | curl                                                          | server side                                                                |
 * |--------------------------------------------|---------------------------------------------------------------|----------------------------------------------------------------------------|
 * | no common protocol (server TLS 1.3 only, client max 1.2; or 1.2 only vs --tlsv1.3) | 35 tlsv1 alert protocol version | protocol_version (70) in reply to the ClientHello; nginx: "SSL_do_handshake() failed (SSL: error:0A000102:SSL routines::unsupported protocol)" |
 * | no common cipher (TLS 1.2 list or TLS 1.3 suites) | 35 sslv3 alert handshake failure                        | handshake_failure (40); nginx: "no shared cipher"                          |
 * | https to a plain HTTP port                 | 35 ... wrong version number (no alert)                        | nginx answers the ClientHello bytes with HTTP 400, read as a TLS record    |
 * | http to a TLS port                         | 0, 400 "The plain HTTP request was sent to HTTPS port"        | -                                                                          |
 * | closed port                                | 7 Failed to connect to 127.0.0.1 port N after M ms: Couldn't connect to server | s_client: "Connection refused" (errno 111)              |
 * | key does not match the certificate         | 58 unable to set private key file: 'KEY' type PEM (curl opens the TCP connection first, then gives up before its ClientHello) | s_client does not even connect: "error setting private key ... key values mismatch" |
 */
/**
 * Each fixture really fails the way its scenario says, shown with real curl and openssl s_client
 * against real nginx and openssl s_server; the table above records what they send.
 */
class FailureScenariosTest {

    private static final Duration LOG_WAIT = Duration.ofSeconds(5);
    private static final String NO_CERTIFICATE_PAGE = "<title>400 No required SSL certificate was sent</title>";
    private static final String CERTIFICATE_ERROR_PAGE = "<title>400 The SSL certificate error</title>";

    @TempDir
    static Path directory;

    private static ScenarioPki pki;

    @BeforeAll
    static void generatePki() throws Exception {
        pki = ScenarioPki.create(directory);
    }

    // ---- The client checks the server ----

    @Test
    void untrustedServerRoot() throws Exception {
        try (NginxServer nginx = nginx().start(directory)) {
            CurlResult curl = curl(nginx.url(), "--cacert", pki.clientRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(60);
            assertThat(curl.stderr()).contains("SSL certificate problem: unable to get local issuer certificate");

            assertClientSentAlert(nginx, "tlsv1 alert unknown ca:SSL alert number 48");

            Programs.Result sClient = sClient(nginx.port(), "-CAfile", pki.clientRootCa.toString());
            assertThat(sClient.stdout()).as(sClient.describe())
                    .contains("Verify return code: 20 (unable to get local issuer certificate)");
        }
        try (NginxServer nginx = nginx(pki.serverWithRoot).start(directory)) {
            CurlResult curl = curl(nginx.url(), "--cacert", pki.clientRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(60);
            assertThat(curl.stderr()).contains("SSL certificate problem: self-signed certificate in certificate chain");
            assertClientSentAlert(nginx, "tlsv1 alert unknown ca:SSL alert number 48");

            Programs.Result sClient = sClient(nginx.port(), "-CAfile", pki.clientRootCa.toString());
            assertThat(sClient.stdout()).as(sClient.describe())
                    .contains("Verify return code: 19 (self-signed certificate in certificate chain)");
        }
    }

    @Test
    void serverFromUnrelatedCa() throws Exception {
        try (NginxServer nginx = nginx(pki.serverUnrelated).start(directory)) {
            CurlResult curl = curl(nginx.url(), "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(60);
            assertThat(curl.stderr()).contains("SSL certificate problem: unable to get local issuer certificate");
            assertClientSentAlert(nginx, "tlsv1 alert unknown ca:SSL alert number 48");

            Programs.Result sClient = sClient(nginx.port(), "-CAfile", pki.serverRootCa.toString());
            assertThat(sClient.stdout()).as(sClient.describe())
                    .contains("Verify return code: 21 (unable to verify the first certificate)");
        }
    }

    @Test
    void serverMissingIntermediate() throws Exception {
        try (NginxServer nginx = nginx(pki.serverLeafOnly).start(directory)) {
            CurlResult curl = curl(nginx.url(), "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(60);
            assertThat(curl.stderr()).contains("SSL certificate problem: unable to get local issuer certificate");
            assertClientSentAlert(nginx, "tlsv1 alert unknown ca:SSL alert number 48");

            Programs.Result sClient = sClient(nginx.port(), "-CAfile", pki.serverRootCa.toString());
            assertThat(sClient.stdout()).as(sClient.describe())
                    .contains("Verify return code: 21 (unable to verify the first certificate)");

            // Only the intermediate was missing: a client that has it gets through.
            Path rootAndIntermediate = concatenate("server-root-and-intermediate.pem", pki.serverRootCa,
                    pki.serverIntermediateCa);
            CurlResult withIntermediate = curl(nginx.url(), "--cacert", rootAndIntermediate.toString());
            assertThat(withIntermediate.status()).as(withIntermediate.describe()).isEqualTo(200);
        }
    }

    @Test
    void serverNameMismatch() throws Exception {
        try (NginxServer nginx = nginx(pki.serverWrongName).start(directory)) {
            CurlResult curl = curl(nginx.url("localhost"), "--resolve", "localhost:" + nginx.port() + ":127.0.0.1",
                    "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(60);
            assertThat(curl.stderr())
                    .contains("SSL: no alternative certificate subject name matches target host name 'localhost'");
            // curl checks the name after a complete handshake, and hangs up without an alert.
            assertThat(nginx.awaitErrorLog("client closed connection while waiting for request", LOG_WAIT))
                    .contains("client closed connection while waiting for request")
                    .doesNotContain("SSL_do_handshake() failed");

            Programs.Result sClient = sClient(nginx.port(), "-CAfile", pki.serverRootCa.toString(),
                    "-verify_hostname", "localhost");
            assertThat(sClient.stdout()).as(sClient.describe()).contains("Verify return code: 62 (hostname mismatch)");

            // The certificate is fine for the name it was issued for.
            CurlResult rightName = curl(nginx.url("wrong.example"),
                    "--resolve", "wrong.example:" + nginx.port() + ":127.0.0.1", "--cacert", pki.serverRootCa.toString());
            assertThat(rightName.status()).as(rightName.describe()).isEqualTo(200);
        }
    }

    @Test
    void expiredServerCertificate() throws Exception {
        try (NginxServer nginx = nginx(pki.serverExpired).start(directory)) {
            CurlResult curl = curl(nginx.url(), "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(60);
            assertThat(curl.stderr()).contains("SSL certificate problem: certificate has expired");
            assertClientSentAlert(nginx, "sslv3 alert certificate expired:SSL alert number 45");

            Programs.Result sClient = sClient(nginx.port(), "-CAfile", pki.serverRootCa.toString());
            assertThat(sClient.stdout()).as(sClient.describe()).contains("Verify return code: 10 (certificate has expired)");
        }
    }

    // ---- The server checks the client ----

    @Test
    void serverDoesNotRequestClientCertificate() throws Exception {
        try (NginxServer nginx = nginx().verifyClient(VerifyClient.OFF).start(directory)) {
            CurlResult curl = curlAs(pki.client, nginx.url());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            assertThat(curl.header("X-Client-Verify")).isEqualTo("NONE");

            // Without a CertificateRequest s_client prints neither CA names nor requested signature algorithms.
            Programs.Result sClient = sClient(nginx.port(), sClientArguments(pki.client));
            assertThat(sClient.stdout()).as(sClient.describe()).contains("No client certificate CA names sent")
                    .doesNotContain("Requested Signature Algorithms");
        }
        try (NginxServer nginx = nginxRequiring().start(directory)) {
            Programs.Result sClient = sClient(nginx.port(), sClientArguments(pki.client));
            assertThat(sClient.stdout()).as(sClient.describe())
                    .contains("Acceptable client certificate CA names\n"
                            + "O = mtls-kit scenarios, CN = Client Root CA\n"
                            + "O = mtls-kit scenarios, CN = Client Intermediate CA\n")
                    .contains("Requested Signature Algorithms");
        }
    }

    @Test
    void noClientCertificateNginx() throws Exception {
        try (NginxServer nginx = nginxRequiring().http2().start(directory)) {
            for (String version : List.of("--tlsv1.3", "--tls-max")) {
                for (String http : List.of("--http2", "--http1.1")) {
                    CurlResult curl = curl(nginx.url(), tlsVersion(version, http, "--cacert", pki.serverRootCa.toString()));
                    assertThat(curl.exitCode()).as(curl.describe()).isZero();
                    assertThat(curl.status()).as(curl.describe()).isEqualTo(400);
                    assertThat(curl.run().stdout()).startsWith(http.equals("--http2") ? "HTTP/2 400" : "HTTP/1.1 400");
                    assertThat(curl.body()).contains(NO_CERTIFICATE_PAGE);
                    assertThat(curl.header("X-Client-Verify")).isEqualTo("NONE");
                }
            }
            assertThat(nginx.awaitErrorLog("client sent no required SSL certificate", LOG_WAIT))
                    .contains("client sent no required SSL certificate while reading client request headers");
            nginx.awaitAccessLog("\"GET / HTTP/1.1\" 400 ", LOG_WAIT);
            assertThat(nginx.awaitAccessLog("\"GET / HTTP/2.0\" 400 ", LOG_WAIT)).contains("\"GET / HTTP/2.0\" 400 ")
                    .contains("\"GET / HTTP/1.1\" 400 ")
                    .doesNotContain(" 496 ");
        }
    }

    @Test
    void nginxCertificateErrorPageKeepsStatus400() throws Exception {
        try (NginxServer nginx = nginxRequiring().certificateErrorPage().start(directory)) {
            CurlResult none = curl(nginx.url(), "--cacert", pki.serverRootCa.toString());
            assertThat(none.status()).as(none.describe()).isEqualTo(400);
            assertThat(none.body()).isEqualTo("client certificate: NONE\n");
            CurlResult expired = curlAs(pki.clientExpired, nginx.url());
            assertThat(expired.status()).as(expired.describe()).isEqualTo(400);
            assertThat(expired.body()).isEqualTo("client certificate: FAILED:certificate has expired\n");
            assertThat(curlAs(pki.client, nginx.url()).body()).isEqualTo("ok\n");
        }
    }

    @Test
    void noClientCertificateOpenSsl() throws Exception {
        try (OpenSslServer server = sServerRequiring().start()) {
            CurlResult tls13 = curl(server.url(), "--cacert", pki.serverRootCa.toString());
            assertThat(tls13.exitCode()).as(tls13.describe()).isEqualTo(56);
            assertThat(tls13.stderr()).contains("OpenSSL SSL_read:").contains("tlsv13 alert certificate required");

            CurlResult tls12 = curl(server.url(), "--tls-max", "1.2", "--cacert", pki.serverRootCa.toString());
            assertThat(tls12.exitCode()).as(tls12.describe()).isEqualTo(35);
            assertThat(tls12.stderr()).contains("sslv3 alert handshake failure");

            assertThat(server.awaitOutput("peer did not return a certificate", LOG_WAIT))
                    .contains("peer did not return a certificate");

            // TLS 1.3: s_client's handshake succeeds, the alert comes with the first read.
            Programs.Result sClient = sClient(server.port(), "-CAfile", pki.serverRootCa.toString(), "-brief");
            assertThat(sClient.stderr()).as(sClient.describe()).contains("CONNECTION ESTABLISHED")
                    .contains("Verification: OK").contains("tlsv13 alert certificate required")
                    .contains("SSL alert number 116");
        }
    }

    @Test
    void openSslServerWithoutVerifyReturnErrorLetsBadCertificatesIn() throws Exception {
        try (OpenSslServer server = sServerRequiring().acceptVerificationErrors().start()) {
            CurlResult curl = curlAs(pki.clientExpired, server.url());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            assertThat(server.awaitOutput("verify error:num=10", LOG_WAIT))
                    .contains("verify error:num=10:certificate has expired");
        }
    }

    @Test
    void noClientCertificateWhereOnlyRequested() throws Exception {
        try (NginxServer nginx = nginxRequiring().verifyClient(VerifyClient.OPTIONAL).start(directory)) {
            CurlResult curl = curl(nginx.url(), "--cacert", pki.serverRootCa.toString());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            assertThat(curl.header("X-Client-Verify")).isEqualTo("NONE");
        }
        try (OpenSslServer server = sServer().clientCa(pki.clientCaBundle).requestClientCertificate(3).start()) {
            CurlResult curl = curl(server.url(), "--cacert", pki.serverRootCa.toString());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        }
    }

    @Test
    void clientCertificateFromUnacceptedCaNginx() throws Exception {
        try (NginxServer nginx = nginxRequiring().start(directory)) {
            Programs.Result sClient = sClient(nginx.port(), sClientArguments(pki.clientUnrelated));
            assertThat(sClient.stdout()).as(sClient.describe()).contains("Acceptable client certificate CA names")
                    .doesNotContain("Unrelated Root CA");

            // curl (OpenSSL) sends its certificate although its CA is not among the names.
            CurlResult curl = curlAs(pki.clientUnrelated, nginx.url());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(400);
            assertThat(curl.body()).contains(CERTIFICATE_ERROR_PAGE);
            assertThat(curl.header("X-Client-Verify")).isEqualTo("FAILED:unable to verify the first certificate");
            assertThat(curl.header("X-Client-Subject")).isEqualTo("CN=unrelated,O=mtls-kit scenarios");
            assertThat(nginx.awaitErrorLog("(21:", LOG_WAIT))
                    .contains("client SSL certificate verify error: (21:unable to verify the first certificate)");
        }
        try (NginxServer nginx = nginxRequiring().verifyClient(VerifyClient.OPTIONAL_NO_CA).start(directory)) {
            CurlResult curl = curlAs(pki.clientUnrelated, nginx.url());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            assertThat(curl.header("X-Client-Verify")).isEqualTo("FAILED:unable to verify the first certificate");
        }
    }

    @Test
    void clientCertificateFromUnacceptedCaOpenSsl() throws Exception {
        try (OpenSslServer server = sServerRequiring().start()) {
            assertOpenSslAlert(server, pki.clientUnrelated, "tlsv1 alert unknown ca");
            assertThat(server.awaitOutput("verify error:num=20", LOG_WAIT))
                    .contains("verify error:num=20:unable to get local issuer certificate");
        }
    }

    @Test
    void expiredClientCertificate() throws Exception {
        try (NginxServer nginx = nginxRequiring().start(directory)) {
            assertNginxRejects(nginx, pki.clientExpired, "certificate has expired", "(10:certificate has expired)");
        }
        try (OpenSslServer server = sServerRequiring().start()) {
            CurlResult tls13 = curlAs(pki.clientExpired, server.url());
            assertThat(tls13.exitCode()).as(tls13.describe()).isEqualTo(56);
            assertThat(tls13.stderr()).contains("sslv3 alert certificate expired");

            // curl 7.88 reports this TLS 1.2 alert as a failure to verify the *server* (exit 60).
            CurlResult tls12 = curlAs(pki.clientExpired, server.url(), "--tls-max", "1.2");
            assertThat(tls12.exitCode()).as(tls12.describe()).isIn(35, 60);
            Programs.Result sClient = sClient(server.port(), sClientArguments(pki.clientExpired, "-tls1_2"));
            assertThat(sClient.stderr()).as(sClient.describe()).contains("sslv3 alert certificate expired")
                    .contains("SSL alert number 45");
            assertThat(server.awaitOutput("verify error:num=10", LOG_WAIT))
                    .contains("verify error:num=10:certificate has expired");
        }
    }

    @Test
    void notYetValidClientCertificate() throws Exception {
        try (NginxServer nginx = nginxRequiring().start(directory)) {
            assertNginxRejects(nginx, pki.clientNotYetValid, "certificate is not yet valid",
                    "(9:certificate is not yet valid)");
        }
        try (OpenSslServer server = sServerRequiring().start()) {
            assertOpenSslAlert(server, pki.clientNotYetValid, "sslv3 alert bad certificate");
        }
    }

    @Test
    void serverAuthOnlyClientCertificate() throws Exception {
        try (NginxServer nginx = nginxRequiring().start(directory)) {
            assertNginxRejects(nginx, pki.clientServerAuthOnly, "unsuitable certificate purpose",
                    "(26:unsuitable certificate purpose)");
        }
        try (OpenSslServer server = sServerRequiring().start()) {
            assertOpenSslAlert(server, pki.clientServerAuthOnly, "sslv3 alert unsupported certificate");
        }
    }

    @Test
    void clientLeafWithoutIntermediate() throws Exception {
        try (NginxServer nginx = nginx().clientCertificate(pki.clientRootCa).verifyClient(VerifyClient.ON)
                .start(directory)) {
            assertNginxRejects(nginx, pki.clientLeafOnly, "unable to verify the first certificate",
                    "(21:unable to verify the first certificate)");
            CurlResult withIntermediate = curlAs(pki.client, nginx.url());
            assertThat(withIntermediate.status()).as(withIntermediate.describe()).isEqualTo(200);
        }
        try (OpenSslServer server = sServer().clientCa(pki.clientRootCa).requireClientCertificate(3).start()) {
            assertOpenSslAlert(server, pki.clientLeafOnly, "tlsv1 alert unknown ca");
            CurlResult withIntermediate = curlAs(pki.client, server.url());
            assertThat(withIntermediate.status()).as(withIntermediate.describe()).isEqualTo(200);
        }
    }

    @Test
    void revokedClientCertificateNginx() throws Exception {
        try (NginxServer nginx = nginxRequiring().crl(pki.clientCrls).start(directory)) {
            assertNginxRejects(nginx, pki.clientRevoked, "certificate revoked", "(23:certificate revoked)");
            CurlResult good = curlAs(pki.client, nginx.url());
            assertThat(good.status()).as(good.describe()).isEqualTo(200);
        }
        // nginx checks the whole chain: with the intermediate's CRL only, the root's is missing and nobody gets in.
        try (NginxServer nginx = nginxRequiring().crl(pki.clientIntermediateCrl).start(directory)) {
            assertNginxRejects(nginx, pki.client, "unable to get certificate CRL", "(3:unable to get certificate CRL)");
        }
    }

    @Test
    void revokedClientCertificateOpenSsl() throws Exception {
        try (OpenSslServer server = sServerRequiring().crlCheck(pki.clientIntermediateCrl).start()) {
            assertOpenSslAlert(server, pki.clientRevoked, "sslv3 alert certificate revoked");
            CurlResult good = curlAs(pki.client, server.url());
            assertThat(good.status()).as(good.describe()).isEqualTo(200);
        }
        try (OpenSslServer server = sServerRequiring().crlCheckAll(pki.clientIntermediateCrl).start()) {
            assertOpenSslAlert(server, pki.client, "tlsv1 alert unknown ca");
            assertThat(server.awaitOutput("verify error:num=3", LOG_WAIT))
                    .contains("verify error:num=3:unable to get certificate CRL");
        }
    }

    @Test
    void clientKeyTypeNotAmongRequestedSignatureAlgorithms() throws Exception {
        // An EC client key, a server that takes RSA signatures only: OpenSSL's client sends no certificate at all.
        try (OpenSslServer server = sServerRequiring().clientSigalgs("RSA-PSS+SHA256:RSA+SHA256").start()) {
            CurlResult tls13 = curlAs(pki.client, server.url());
            assertThat(tls13.exitCode()).as(tls13.describe()).isEqualTo(56);
            assertThat(tls13.stderr()).contains("tlsv13 alert certificate required");
            CurlResult tls12 = curlAs(pki.client, server.url(), "--tls-max", "1.2");
            assertThat(tls12.exitCode()).as(tls12.describe()).isEqualTo(35);
            assertThat(tls12.stderr()).contains("sslv3 alert handshake failure");
            assertThat(server.awaitOutput("peer did not return a certificate", LOG_WAIT))
                    .contains("peer did not return a certificate");
        }
    }

    @Test
    void acceptableCaNamesAreOnlyAHint() throws Exception {
        // s_server: a CertificateRequest without CA names; the client still sends its certificate.
        try (OpenSslServer server = sServerRequiring().noCaNames().start()) {
            Programs.Result sClient = sClient(server.port(), sClientArguments(pki.client));
            assertThat(sClient.stdout()).as(sClient.describe()).contains("No client certificate CA names sent")
                    .contains("Requested Signature Algorithms");
            assertThat(curlAs(pki.client, server.url()).status()).isEqualTo(200);
        }
        // nginx 1.22 wants ssl_client_certificate with ssl_verify_client: names that differ from what it trusts.
        try (NginxServer nginx = nginx().clientCertificate(pki.unrelatedRootCa).trustedCertificate(pki.clientCaBundle)
                .verifyClient(VerifyClient.ON).verifyDepth(2).start(directory)) {
            Programs.Result sClient = sClient(nginx.port(), sClientArguments(pki.client));
            assertThat(sClient.stdout()).as(sClient.describe())
                    .contains("Acceptable client certificate CA names\nO = mtls-kit scenarios, CN = Unrelated Root CA\n");
            CurlResult curl = curlAs(pki.client, nginx.url());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            assertThat(curl.header("X-Client-Verify")).isEqualTo("SUCCESS");
        }
    }

    @Test
    void verifyDepthTooSmall() throws Exception {
        try (NginxServer nginx = nginxRequiring().verifyDepth(0).start(directory)) {
            assertNginxRejects(nginx, pki.client, "unable to get issuer certificate", "(2:unable to get issuer certificate)");
        }
    }

    @Test
    void forbiddenAfterGoodHandshake() throws Exception {
        try (NginxServer nginx = nginxRequiring().requireSubject("^CN=someone-else,").start(directory)) {
            CurlResult curl = curlAs(pki.client, nginx.url());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(403);
            assertThat(curl.body()).isEqualTo("forbidden\n");
            assertThat(curl.header("X-Client-Verify")).isEqualTo("SUCCESS");
            assertThat(curl.header("X-Client-Subject")).isEqualTo(ScenarioPki.CLIENT_SUBJECT);
        }
        try (NginxServer nginx = nginxRequiring().requireSubject("^CN=acme,").start(directory)) {
            CurlResult curl = curlAs(pki.client, nginx.url());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            assertThat(curl.body()).isEqualTo("ok\n");
        }
    }

    @Test
    void keyDoesNotMatchCertificate() throws Exception {
        try (NginxServer nginx = nginxRequiring().start(directory)) {
            CurlResult curl = curlAs(pki.clientWrongKey, nginx.url());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(58);
            assertThat(curl.stderr()).contains("unable to set private key file: '" + pki.clientWrongKey.key() + "'");

            Programs.Result sClient = sClient(nginx.port(), sClientArguments(pki.clientWrongKey));
            assertThat(sClient.exitCode()).as(sClient.describe()).isEqualTo(1);
            assertThat(sClient.stderr()).contains("error setting private key").contains("key values mismatch");
        }
    }

    // ---- Transport ----

    @Test
    void noCommonProtocolVersion() throws Exception {
        try (NginxServer nginx = nginx().protocols("TLSv1.3").start(directory)) {
            CurlResult curl = curl(nginx.url(), "--tls-max", "1.2", "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(35);
            assertThat(curl.stderr()).contains("tlsv1 alert protocol version");
            assertThat(nginx.awaitErrorLog("unsupported protocol", LOG_WAIT))
                    .contains("SSL_do_handshake() failed (SSL: error:0A000102:SSL routines::unsupported protocol)");
        }
        try (NginxServer nginx = nginx().protocols("TLSv1.2").start(directory)) {
            CurlResult curl = curl(nginx.url(), "--tlsv1.3", "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(35);
            assertThat(curl.stderr()).contains("tlsv1 alert protocol version");
        }
        try (OpenSslServer server = sServer().tls13Only().start()) {
            CurlResult curl = curl(server.url(), "--tls-max", "1.2", "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(35);
            assertThat(curl.stderr()).contains("tlsv1 alert protocol version");
        }
    }

    @Test
    void noCommonCipher() throws Exception {
        try (NginxServer nginx = nginx().protocols("TLSv1.2").ciphers("ECDHE-ECDSA-AES128-GCM-SHA256").start(directory)) {
            CurlResult curl = curl(nginx.url(), "--ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384",
                    "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(35);
            assertThat(curl.stderr()).contains("sslv3 alert handshake failure");
            assertThat(nginx.awaitErrorLog("no shared cipher", LOG_WAIT)).contains("no shared cipher");
        }
        try (OpenSslServer server = sServer().tls13Only().ciphersuites("TLS_AES_128_GCM_SHA256").start()) {
            CurlResult curl = curl(server.url(), "--tls13-ciphers", "TLS_AES_256_GCM_SHA384",
                    "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(35);
            assertThat(curl.stderr()).contains("sslv3 alert handshake failure");
        }
    }

    @Test
    void plainHttpPort() throws Exception {
        try (NginxServer nginx = NginxServer.builder().plainHttp().start(directory)) {
            assertThat(nginx.url()).startsWith("http://");
            CurlResult curl = curl(nginx.url().replace("http://", "https://"), "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(35);
            assertThat(curl.stderr()).contains("wrong version number");
            // nginx answered the ClientHello with an HTTP 400, which curl read as a TLS record.
            assertThat(nginx.awaitAccessLog("\" 400 ", Duration.ofSeconds(10))).contains("\" 400 ");
        }
        // The other way round: plain HTTP to a TLS port.
        try (NginxServer nginx = nginx().start(directory)) {
            CurlResult curl = curl(nginx.url().replace("https://", "http://"));
            assertThat(curl.status()).as(curl.describe()).isEqualTo(400);
            assertThat(curl.body()).contains("<title>400 The plain HTTP request was sent to HTTPS port</title>");
        }
    }

    @Test
    void closedPort() throws Exception {
        try (Ports.ClosedPort closed = new Ports.ClosedPort()) {
            CurlResult curl = curl(closed.url(), "--cacert", pki.serverRootCa.toString());
            assertThat(curl.exitCode()).as(curl.describe()).isEqualTo(7);
            // The rest of the line depends on curl's version: "Couldn't connect to server" (7.88), "Connection refused" (7.81).
            assertThat(curl.stderr()).contains("Failed to connect to 127.0.0.1 port " + closed.port());

            Programs.Result sClient = sClient(closed.port());
            assertThat(sClient.stderr()).as(sClient.describe()).contains("Connection refused");
        }
    }

    // ---- The fixtures themselves ----

    @Test
    void goodClientGetsThroughBothServers() throws Exception {
        try (NginxServer nginx = nginxRequiring().http2().start(directory)) {
            for (String version : List.of("--tlsv1.3", "--tls-max")) {
                CurlResult curl = curl(nginx.url(), tlsVersion(version, curlAs(pki.client)));
                assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
                assertThat(curl.body()).isEqualTo("ok\n");
                assertThat(curl.header("X-Client-Verify")).isEqualTo("SUCCESS");
                assertThat(curl.header("X-Tls-Protocol")).isEqualTo(version.equals("--tlsv1.3") ? "TLSv1.3" : "TLSv1.2");
            }
            assertThat(nginx.awaitAccessLog("\"GET / HTTP/2.0\" 200", Duration.ofSeconds(10))).contains("\"GET / HTTP/2.0\" 200");
        }
        try (OpenSslServer server = sServerRequiring().start()) {
            CurlResult curl = curlAs(pki.client, server.url());
            assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
        }
    }

    @Test
    void nginxThatCannotStartSaysWhy() throws Exception {
        Path missing = directory.resolve("no-such-certificate.pem");
        NginxServer.Builder builder = NginxServer.builder().certificate(missing, pki.server.key());
        assertThatThrownBy(() -> builder.start(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nginx did not start")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void openSslServerThatCannotStartSaysWhy() throws Exception {
        Path missing = directory.resolve("no-such-key.pem");
        OpenSslServer.Builder builder = OpenSslServer.builder().certificate(pki.server.certificate(), missing);
        assertThatThrownBy(builder::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openssl s_server did not start")
                .hasMessageContaining(missing.toString());
    }

    @Test
    void nginxTriesAnotherPortWhenItsPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            Iterator<Integer> ports = List.of(taken.getLocalPort(), Ports.probablyFree()).iterator();
            try (NginxServer nginx = nginx().start(directory, ports::next)) {
                assertThat(nginx.port()).isNotEqualTo(taken.getLocalPort());
                CurlResult curl = curl(nginx.url(), "--cacert", pki.serverRootCa.toString());
                assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            }
        }
    }

    @Test
    void serversRunSideBySide() throws Exception {
        try (NginxServer first = nginx().start(directory); NginxServer second = nginx().start(directory);
             OpenSslServer third = sServer().start(); OpenSslServer fourth = sServer().start()) {
            assertThat(List.of(first.port(), second.port(), third.port(), fourth.port())).doesNotHaveDuplicates();
            for (String url : List.of(first.url(), second.url(), third.url(), fourth.url())) {
                CurlResult curl = curl(url, "--cacert", pki.serverRootCa.toString());
                assertThat(curl.status()).as(curl.describe()).isEqualTo(200);
            }
        }
    }

    // ---- helpers ----

    private static NginxServer.Builder nginx() {
        return nginx(pki.server);
    }

    private static NginxServer.Builder nginx(Credential server) {
        return NginxServer.builder().certificate(server.certificate(), server.key());
    }

    /** nginx that requires a client certificate from the client CA (root and intermediate named). */
    private static NginxServer.Builder nginxRequiring() {
        return nginx().clientCertificate(pki.clientCaBundle).verifyClient(VerifyClient.ON).verifyDepth(2);
    }

    private static OpenSslServer.Builder sServer() {
        return OpenSslServer.builder().certificate(pki.server.certificate(), pki.server.key())
                .certificateChain(pki.serverIntermediateCa);
    }

    private static OpenSslServer.Builder sServerRequiring() {
        return sServer().clientCa(pki.clientCaBundle).requireClientCertificate(3);
    }

    private static CurlResult curlAs(Credential client, String url, String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(curlAs(client)));
        arguments.addAll(List.of(extra));
        return curl(url, arguments.toArray(String[]::new));
    }

    private static String[] curlAs(Credential client) {
        List<String> arguments = new ArrayList<>(List.of("--cacert", pki.serverRootCa.toString()));
        arguments.addAll(List.of(curlCredential(client)));
        return arguments.toArray(String[]::new);
    }

    private static String[] sClientArguments(Credential client, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("-CAfile", pki.serverRootCa.toString(),
                "-cert", client.certificate().toString(), "-key", client.key().toString()));
        arguments.addAll(List.of(extra));
        return arguments.toArray(String[]::new);
    }

    /** What the client's alert looked like to nginx: the handshake failed on the server too. */
    private static void assertClientSentAlert(NginxServer nginx, String alert) throws Exception {
        assertThat(nginx.awaitErrorLog(alert, LOG_WAIT)).contains("SSL_do_handshake() failed (SSL: error:")
                .contains(alert + ") while SSL handshaking");
    }

    /** {@code --tlsv1.3} (TLS 1.3 at least) or {@code --tls-max 1.2}, before {@code arguments}. */
    private static String[] tlsVersion(String option, String... arguments) {
        List<String> all = new ArrayList<>(option.equals("--tls-max") ? List.of("--tls-max", "1.2") : List.of(option));
        all.addAll(List.of(arguments));
        return all.toArray(String[]::new);
    }

    /** nginx completes the handshake and answers 400 with its certificate error page, in TLS 1.3 and 1.2 alike. */
    private static void assertNginxRejects(NginxServer nginx, Credential client, String verifyResult, String logged)
            throws Exception {
        for (String version : List.of("--tlsv1.3", "--tls-max")) {
            CurlResult curl = curl(nginx.url(), tlsVersion(version, curlAs(client)));
            assertThat(curl.exitCode()).as(curl.describe()).isZero();
            assertThat(curl.status()).as(curl.describe()).isEqualTo(400);
            assertThat(curl.body()).contains(CERTIFICATE_ERROR_PAGE);
            assertThat(curl.header("X-Client-Verify")).isEqualTo("FAILED:" + verifyResult);
        }
        assertThat(nginx.awaitErrorLog(logged, LOG_WAIT)).contains("client SSL certificate verify error: " + logged);
    }

    /** s_server fails the handshake with {@code alert}: at curl's first read in TLS 1.3, in the handshake in TLS 1.2. */
    private static void assertOpenSslAlert(OpenSslServer server, Credential client, String alert) throws Exception {
        CurlResult tls13 = curlAs(client, server.url());
        assertThat(tls13.exitCode()).as(tls13.describe()).isEqualTo(56);
        assertThat(tls13.stderr()).contains("OpenSSL SSL_read:").contains(alert);
        CurlResult tls12 = curlAs(client, server.url(), "--tls-max", "1.2");
        assertThat(tls12.exitCode()).as(tls12.describe()).isEqualTo(35);
        assertThat(tls12.stderr()).contains(alert);
    }

    private static Path concatenate(String name, Path... files) throws Exception {
        Path target = directory.resolve(name);
        StringBuilder text = new StringBuilder();
        for (Path file : files) {
            text.append(Files.readString(file));
        }
        Files.writeString(target, text);
        return target;
    }
}
