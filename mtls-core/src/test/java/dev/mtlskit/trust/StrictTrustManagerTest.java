package dev.mtlskit.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.reason.Reason;

/** The peer checks themselves, and the memory of judgements that spares revalidating a returning peer. */
class StrictTrustManagerTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final HeldCertificate ROOT = root("Trust Test Root CA");
    private static final HeldCertificate OTHER_ROOT = root("Trust Other Root CA");
    private static final HeldCertificate SERVER = HeldCertificate.builder().commonName("localhost")
            .purpose(Purpose.SERVER).addDnsName("localhost").signedBy(ROOT).build();
    private static final HeldCertificate ALICE = HeldCertificate.builder().commonName("alice")
            .purpose(Purpose.CLIENT).signedBy(ROOT).build();

    @Test
    void aRememberedJudgementEndsWhenACertificateExpires() throws Exception {
        HeldCertificate shortLived = HeldCertificate.builder().commonName("localhost").purpose(Purpose.SERVER)
                .addDnsName("localhost").validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofMinutes(2)))
                .signedBy(ROOT).build();
        X509Certificate[] chain = {shortLived.certificate()};

        StrictTrustManager manager = trusting(ROOT).clock(new SteppingClock(NOW, Duration.ofMinutes(3))).build();
        manager.checkServerTrusted(chain, "UNKNOWN", engine("localhost")); // at NOW: valid, remembered
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "UNKNOWN", engine("localhost")))
                .isInstanceOf(RejectedCertificateException.class)
                .hasMessageStartingWith(Reason.EXPIRED + ": ");
    }

    @Test
    void aRememberedJudgementIsForOneNameAndOneRole() throws Exception {
        StrictTrustManager manager = trusting(ROOT).build();
        X509Certificate[] chain = {SERVER.certificate()};
        manager.checkServerTrusted(chain, "UNKNOWN", engine("localhost"));
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "UNKNOWN", engine("api.example")))
                .hasMessageStartingWith(Reason.NAME_MISMATCH + ": ");
        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "UNKNOWN", engine("localhost")))
                .hasMessageStartingWith(Reason.WRONG_PURPOSE + ": ");
        assertThat(manager.rememberedJudgements()).isEqualTo(3);
    }

    @Test
    void aServerIsNotJudgedWithoutAName() throws Exception {
        StrictTrustManager manager = trusting(ROOT).build();
        X509Certificate[] chain = {SERVER.certificate()};
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "UNKNOWN"))
                .isInstanceOf(CertificateException.class)
                .hasMessageStartingWith("no host name to check the server certificate against");
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "UNKNOWN",
                SSLContext.getDefault().createSSLEngine()))
                .hasMessageStartingWith("no host name to check the server certificate against");
    }

    @Test
    void aClientChainIsCheckedForClientAuthWithoutAName() throws Exception {
        StrictTrustManager manager = trusting(ROOT).build();
        manager.checkClientTrusted(new X509Certificate[] {ALICE.certificate()}, "UNKNOWN");
        HeldCertificate stranger = HeldCertificate.builder().commonName("stranger").purpose(Purpose.CLIENT)
                .signedBy(OTHER_ROOT).build();
        assertThatThrownBy(() -> manager.checkClientTrusted(new X509Certificate[] {stranger.certificate()}, "UNKNOWN"))
                .isInstanceOfSatisfying(RejectedCertificateException.class,
                        e -> assertThat(e.verdict().reason()).isEqualTo(Reason.UNKNOWN_ISSUER));
        assertThat(manager.getAcceptedIssuers()).containsExactly(ROOT.certificate());
    }

    @Test
    void withoutRefusalAnInvalidChainIsJudgedAndRemembered() throws Exception {
        StrictTrustManager manager = trusting(OTHER_ROOT).refuseInvalid(false).build();
        manager.checkClientTrusted(new X509Certificate[] {ALICE.certificate()}, "UNKNOWN", engine("localhost"));

        Judgement judgement = manager.judgeClient(List.of(ALICE.certificate()));
        assertThat(judgement.verdict().valid()).isFalse();
        assertThat(manager.judgeClient(List.of(ALICE.certificate()))).isSameAs(judgement);
    }

    @Test
    void aRefusalIsThrownAsTheEngineWantsIt() {
        StrictTrustManager manager = trusting(OTHER_ROOT)
                .rejection(refused -> new CertificateException("engine's own: " + refused.verdict().reason(), refused))
                .build();
        assertThatThrownBy(() -> manager.checkClientTrusted(new X509Certificate[] {ALICE.certificate()}, "UNKNOWN"))
                .hasMessage("engine's own: " + Reason.UNKNOWN_ISSUER)
                .satisfies(e -> assertThat(RejectedCertificateException.find(e)).isNotNull());
    }

    @Test
    void aServerOnlyCertificateIsAcceptedFromClientsOnlyWhenAskedFor() {
        List<X509Certificate> partner = List.of(SERVER.certificate());
        assertThat(trusting(ROOT).build().judgeClient(partner).verdict().reason()).isEqualTo(Reason.WRONG_PURPOSE);
        assertThat(trusting(ROOT).acceptServerOnlyClientCertificates(true).build().judgeClient(partner).verdict().valid())
                .isTrue();
    }

    private static StrictTrustManager.Builder trusting(HeldCertificate anchor) {
        return StrictTrustManager.builder(List.of(anchor.certificate()), List.of());
    }

    private static HeldCertificate root(String name) {
        return HeldCertificate.builder().commonName(name).certificateAuthority(1).build();
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
