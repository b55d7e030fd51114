package dev.mtlskit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.HeldCertificate;

class HttpFilesTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesACrlAsDerAndCountsRequestsPerPath() throws Exception {
        HeldCertificate ca = TestPki.root("CRL Test CA");
        HeldCertificate client = TestPki.client("listed", ca);
        try (HttpFiles files = new HttpFiles()) {
            files.put("/ca.crl", TestPki.crlDer(ca, client.certificate().getSerialNumber()));
            assertThat(files.url("/ca.crl")).matches("http://127\\.0\\.0\\.1:\\d+/ca\\.crl");

            HttpResponse<byte[]> response = get(files.url("/ca.crl"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
            crl.verify(ca.certificate().getPublicKey());
            assertThat(crl.isRevoked(client.certificate())).isTrue();

            get(files.url("/ca.crl"));
            assertThat(get(files.url("/missing.crl")).statusCode()).isEqualTo(404);
            assertThat(files.requests("/ca.crl")).isEqualTo(2);
            assertThat(files.requests("/missing.crl")).isEqualTo(1);
            assertThat(files.requests("/never.crl")).isZero();

            files.put("/ca.crl", TestPki.crlDer(ca, BigInteger.TEN));
            X509CRL replaced = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(get(files.url("/ca.crl")).body()));
            assertThat(replaced.isRevoked(client.certificate())).isFalse();
            files.remove("/ca.crl");
            assertThat(get(files.url("/ca.crl")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void answersADelayedPathLate() throws Exception {
        try (HttpFiles files = new HttpFiles()) {
            files.put("/slow.crl", new byte[] {1, 2, 3}).put("/fast.crl", new byte[] {4});
            files.delay("/slow.crl", Duration.ofMillis(700));

            long start = System.nanoTime();
            assertThat(get(files.url("/fast.crl")).body()).containsExactly(4);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));
            start = System.nanoTime();
            assertThat(get(files.url("/slow.crl")).body()).containsExactly(1, 2, 3);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        }
    }

    @Test
    void stopRefusesConnectionsAndRestartServesOnTheSameUrl() throws Exception {
        try (HttpFiles files = new HttpFiles()) {
            files.put("/ca.crl", new byte[] {7});
            files.stop();
            assertThatThrownBy(() -> get(files.url("/ca.crl"))).isInstanceOf(ConnectException.class);
            files.restart();
            assertThat(get(files.url("/ca.crl")).body()).containsExactly(7);
        }
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
