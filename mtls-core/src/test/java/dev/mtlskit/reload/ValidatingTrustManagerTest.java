package dev.mtlskit.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.reason.Reason;

/** The peer checks themselves, and the memory of valid chains that spares revalidating a returning peer. */
class ValidatingTrustManagerTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path tmp;

    @Test
    void aRememberedVerdictEndsWhenACertificateExpires() throws Exception {
        HeldCertificate shortLived = HeldCertificate.builder().commonName("localhost").purpose(Purpose.SERVER)
                .addDnsName("localhost").validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofMinutes(2)))
                .signedBy(Pki.ROOT).build();
        TlsMaterial snapshot = snapshot(Pki.ROOT);
        X509Certificate[] chain = {shortLived.certificate()};

        ValidatingTrustManager manager = ValidatingTrustManager.of(snapshot, new SteppingClock(NOW, Duration.ofMinutes(3)));
        manager.checkServerTrusted(chain, "UNKNOWN", engine("localhost")); // at NOW: valid, remembered
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "UNKNOWN", engine("localhost")))
                .isInstanceOf(RejectedCertificateException.class)
                .hasMessageStartingWith(Reason.EXPIRED + ": ");
    }

    @Test
    void aRememberedVerdictIsForOneNameAndOneRole() throws Exception {
        ValidatingTrustManager manager = ValidatingTrustManager.of(snapshot(Pki.ROOT));
        X509Certificate[] chain = {Pki.SERVER.certificate()};
        manager.checkServerTrusted(chain, "UNKNOWN", engine("localhost"));
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "UNKNOWN", engine("api.example")))
                .hasMessageStartingWith(Reason.NAME_MISMATCH + ": ");
        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "UNKNOWN", engine("localhost")))
                .hasMessageStartingWith(Reason.WRONG_PURPOSE + ": ");
    }

    @Test
    void aRememberedVerdictIsForOneSnapshot() throws Exception {
        ClientFiles files = ClientFiles.write(tmp, Pki.client("alice"));
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.load(files.tlsFiles())) {
            ValidatingTrustManager manager = ValidatingTrustManager.following(material);
            X509Certificate[] chain = {Pki.SERVER.certificate()};
            manager.checkServerTrusted(chain, "UNKNOWN", engine("localhost"));

            Pki.replaceAtomically(files.ca(), Pki.certificatePem(Pki.OTHER_ROOT));
            assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);

            assertThatThrownBy(() -> manager.checkServerTrusted(chain, "UNKNOWN", engine("localhost")))
                    .isInstanceOf(RejectedCertificateException.class);
            assertThat(manager.getAcceptedIssuers()).containsExactly(Pki.OTHER_ROOT.certificate());
        }
    }

    @Test
    void aServerIsNotJudgedWithoutAName() throws Exception {
        ValidatingTrustManager manager = ValidatingTrustManager.of(snapshot(Pki.ROOT));
        X509Certificate[] chain = {Pki.SERVER.certificate()};
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "UNKNOWN"))
                .isInstanceOf(CertificateException.class)
                .hasMessageStartingWith("no host name to check the server certificate against");
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "UNKNOWN",
                SSLContext.getDefault().createSSLEngine()))
                .hasMessageStartingWith("no host name to check the server certificate against");
    }

    @Test
    void aClientChainIsCheckedForClientAuthWithoutAName() throws Exception {
        ValidatingTrustManager manager = ValidatingTrustManager.of(snapshot(Pki.ROOT));
        manager.checkClientTrusted(new X509Certificate[] {Pki.client("alice").certificate()}, "UNKNOWN");
        HeldCertificate stranger = HeldCertificate.builder().commonName("stranger").purpose(Purpose.CLIENT)
                .signedBy(Pki.OTHER_ROOT).build();
        assertThatThrownBy(() -> manager.checkClientTrusted(new X509Certificate[] {stranger.certificate()}, "UNKNOWN"))
                .isInstanceOfSatisfying(RejectedCertificateException.class,
                        e -> assertThat(e.verdict().reason()).isEqualTo(Reason.MISSING_INTERMEDIATE));
    }

    private static TlsMaterial snapshot(HeldCertificate anchor) {
        HeldCertificate self = Pki.client("self");
        return TlsMaterial.of(new KeyMaterial(self.keyPair().getPrivate(), List.of(self.certificate())),
                List.of(anchor.certificate()), List.of());
    }

    private static SSLEngine engine(String host) throws Exception {
        return SSLContext.getDefault().createSSLEngine(host, 443);
    }

    /** Tells {@code start}, then each time {@code step} later. */
    private static final class SteppingClock extends Clock {
        private final Duration step;
        private Instant next;

        SteppingClock(Instant start, Duration step) {
            this.next = start;
            this.step = step;
        }

        @Override
        public Instant instant() {
            Instant now = next;
            next = next.plus(step);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
