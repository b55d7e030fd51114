package dev.mtlskit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;

/** The responder answers as the real openssl OCSP client reads it. */
class OcspResponderTest {

    private static final HeldCertificate CA = TestPki.root("OCSP Test CA");

    @TempDir
    Path directory;
    private Path caFile;

    @BeforeEach
    void writeCa() throws IOException {
        Programs.require("openssl", "openssl");
        caFile = TestPki.writeCertificates(directory.resolve("trusted-ca.pem"), CA.certificate());
    }

    @Test
    void answersGoodRevokedAndUnknownAsTheOpensslClientReadsThem() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, directory.resolve("responder"))) {
            HeldCertificate good = TestPki.client("good", CA, responder.url(), null);
            HeldCertificate revoked = TestPki.client("revoked", CA, responder.url(), null);
            HeldCertificate unknown = TestPki.client("unknown", CA, responder.url(), null);
            responder.good(good.certificate());
            responder.revoke(revoked.certificate(), OcspResponder.Reason.SUPERSEDED);

            assertThat(ask(responder, good)).contains("Response verify OK", ": good");
            assertThat(ask(responder, revoked)).contains("Response verify OK", ": revoked", "Reason: superseded");
            assertThat(ask(responder, unknown)).contains("Response verify OK", ": unknown");
        }
    }

    @Test
    void theNextRequestAfterAChangeSeesIt() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, directory.resolve("responder"))) {
            HeldCertificate client = TestPki.client("changing", CA, responder.url(), null);
            for (int round = 0; round < 3; round++) {
                responder.good(client.certificate());
                assertThat(ask(responder, client)).contains(": good");
                responder.revoke(client.certificate());
                assertThat(ask(responder, client)).contains(": revoked", "Reason: keyCompromise");
            }
            responder.forget(client.certificate());
            assertThat(ask(responder, client)).contains(": unknown");
        }
    }

    @Test
    void echoesTheRequestNonceAndWritesNextUpdateOnlyWhenAsked() throws Exception {
        HeldCertificate client = TestPki.client("nonce", CA);
        try (OcspResponder plain = OcspResponder.start(CA, directory.resolve("plain"))) {
            plain.good(client.certificate());
            String answer = ask(plain, client, "-resp_text");
            assertThat(answer).contains("OCSP Nonce", "Response verify OK").doesNotContain("Next Update");
        }
        try (OcspResponder fiveMinutes = OcspResponder.builder(CA).nextUpdate(Duration.ofMinutes(5)).start(directory.resolve("nmin"))) {
            fiveMinutes.good(client.certificate());
            BasicOCSPResp answer = basic(post(fiveMinutes, request(client)));
            var single = answer.getResponses()[0];
            assertThat(single.getNextUpdate().getTime() - single.getThisUpdate().getTime()).isEqualTo(Duration.ofMinutes(5).toMillis());
        }
    }

    @Test
    void refusesANextUpdateOpensslCannotWrite() {
        assertThatThrownBy(() -> OcspResponder.builder(CA).nextUpdate(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("nextUpdate: PT0S (expected: whole minutes, at least one)");
        assertThatThrownBy(() -> OcspResponder.builder(CA).nextUpdate(Duration.ofSeconds(90)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answersMadeWithBouncyCastleAndServedAsFilesReadAsOpensslAnswersDo() throws Exception {
        HeldCertificate client = TestPki.client("hand-made", CA);
        Instant now = Instant.now();
        try (HttpFiles files = new HttpFiles()) {
            files.put("/current", TestPki.ocspResponse(CA, TestPki.ocspSigner(CA), client.certificate(), null,
                    now.minusSeconds(60), now.plusSeconds(3600)), "application/ocsp-response");
            files.put("/revoked", TestPki.ocspResponse(CA, CA, client.certificate(), now.minusSeconds(30),
                    now.minusSeconds(60), null), "application/ocsp-response");
            files.put("/expired", TestPki.ocspResponse(CA, CA, client.certificate(), null,
                    now.minusSeconds(7200), now.minusSeconds(3600)), "application/ocsp-response");

            assertThat(askUrl(files.url("/current"), client)).contains("Response verify OK", ": good").doesNotContain("WARNING");
            assertThat(askUrl(files.url("/revoked"), client)).contains("Response verify OK", ": revoked");
            assertThat(askUrl(files.url("/expired"), client)).contains("WARNING: Status times invalid");
        }
    }

    @Test
    void countsEveryRequestExactlyAlsoConcurrentOnes() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, directory.resolve("responder"))) {
            HeldCertificate client = TestPki.client("counted", CA);
            responder.good(client.certificate());
            assertThat(responder.requests()).isZero();
            ask(responder, client);
            assertThat(responder.requests()).isEqualTo(1);

            byte[] request = request(client);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<byte[]>> answers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    answers.add(pool.submit((Callable<byte[]>) () -> post(responder, request)));
                }
                for (Future<byte[]> answer : answers) {
                    assertThat(basic(answer.get()).getResponses()[0].getCertStatus()).isNull(); // null: good
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(responder.requests()).isEqualTo(41);
        }
    }

    @Test
    void stopRefusesConnectionsAndRestartAnswersOnTheSameUrl() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, directory.resolve("responder"))) {
            HeldCertificate client = TestPki.client("stopped", CA);
            responder.good(client.certificate());
            String url = responder.url();
            int port = URI.create(url).getPort();

            responder.stop();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);
            // (not asked with the openssl client: it retries a refused connection until its -timeout)

            responder.restart();
            assertThat(responder.url()).isEqualTo(url);
            assertThat(ask(responder, client)).contains(": good");
        }
    }

    @Test
    void aDelegatedSignerIsAcceptedAndAnUnauthorizedOrBrokenSignatureIsNot() throws Exception {
        HeldCertificate client = TestPki.client("signed", CA);
        try (OcspResponder delegated = OcspResponder.startDelegated(CA, TestPki.ocspSigner(CA), directory.resolve("delegated"))) {
            delegated.good(client.certificate());
            assertThat(ask(delegated, client)).contains("Response verify OK", ": good");

            delegated.corruptSignatures(true);
            assertThat(ask(delegated, client)).contains("Response Verify Failure").doesNotContain("Response verify OK");
        }
        try (OcspResponder unauthorized = OcspResponder.startUnauthorized(CA, directory.resolve("unauthorized"))) {
            unauthorized.good(client.certificate());
            assertThat(ask(unauthorized, client)).contains("Response Verify Failure").doesNotContain("Response verify OK");
        }
    }

    @Test
    void answersGetRequestsAsTheJdkSendsSmallOnes() throws Exception {
        try (OcspResponder responder = OcspResponder.start(CA, directory.resolve("responder"))) {
            HeldCertificate client = TestPki.client("fetched", CA);
            responder.revoke(client.certificate());
            // RFC 6960 A.1: base64 of the DER request, URL-encoded ('/', '+' and '=' escaped), after the responder's URL.
            String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request(client)), StandardCharsets.US_ASCII);
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(responder.url() + encoded)).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(basic(response.body()).getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
            assertThat(responder.requests()).isEqualTo(1);
        }
    }

    @Test
    void theJdkRevocationCheckerReadsItsAnswers() throws Exception {
        try (OcspResponder responder = OcspResponder.startDelegated(CA, TestPki.ocspSigner(CA), directory.resolve("responder"))) {
            HeldCertificate client = TestPki.client("jdk", CA, responder.url(), null);
            responder.good(client.certificate());
            jdkValidate(client);

            responder.revoke(client.certificate());
            assertThatThrownBy(() -> jdkValidate(client)).isInstanceOfSatisfying(CertPathValidatorException.class,
                    e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
            assertThat(responder.requests()).isEqualTo(2);
        }
    }

    /** PKIX with OCSP for the leaf only, at the URL in its authorityInfoAccess, no CRL fallback. */
    private static void jdkValidate(HeldCertificate client) throws Exception {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(CA.certificate(), null)));
        parameters.addCertPathChecker(checker);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(client.certificate())), parameters);
    }

    @Test
    void writesSerialsAsOpensslLooksThemUp() {
        assertThat(OcspResponder.hexSerial(java.math.BigInteger.valueOf(0xabc))).isEqualTo("0ABC");
        assertThat(OcspResponder.hexSerial(java.math.BigInteger.valueOf(0x1234))).isEqualTo("1234");
    }

    /** What {@code openssl ocsp -issuer ca.pem -cert client.pem -url URL -CAfile ca.pem} prints, stdout and stderr. */
    private String ask(OcspResponder responder, HeldCertificate client, String... options) throws Exception {
        Path clientFile = TestPki.writeCertificates(Files.createTempFile(directory, "client-", ".pem"), client.certificate());
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-issuer", caFile.toString(), "-cert", clientFile.toString(),
                "-url", responder.url(), "-CAfile", caFile.toString(), "-timeout", "10"));
        command.addAll(List.of(options));
        Programs.Result result = Programs.run(command, Duration.ofSeconds(30));
        return result.stdout() + result.stderr();
    }

    private String askUrl(String url, HeldCertificate client) throws Exception {
        Path clientFile = TestPki.writeCertificates(Files.createTempFile(directory, "client-", ".pem"), client.certificate());
        Programs.Result result = Programs.run(List.of("openssl", "ocsp", "-issuer", caFile.toString(), "-cert", clientFile.toString(),
                "-url", url, "-CAfile", caFile.toString(), "-no_nonce", "-timeout", "10"), Duration.ofSeconds(30));
        return result.stdout() + result.stderr();
    }

    /** A DER OCSP request for {@code client}, as the openssl client writes it (with a nonce). */
    private byte[] request(HeldCertificate client) throws Exception {
        Path clientFile = TestPki.writeCertificates(Files.createTempFile(directory, "client-", ".pem"), client.certificate());
        Path requestFile = directory.resolve("request-" + client.certificate().getSerialNumber() + ".der");
        Programs.run(List.of("openssl", "ocsp", "-issuer", caFile.toString(), "-cert", clientFile.toString(),
                "-reqout", requestFile.toString()), Duration.ofSeconds(30)).successfulOutput();
        return Files.readAllBytes(requestFile);
    }

    private static byte[] post(OcspResponder responder, byte[] request) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(responder.url()))
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        return response.body();
    }

    private static BasicOCSPResp basic(byte[] response) throws Exception {
        OCSPResp parsed = new OCSPResp(response);
        assertThat(parsed.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) parsed.getResponseObject();
    }
}
