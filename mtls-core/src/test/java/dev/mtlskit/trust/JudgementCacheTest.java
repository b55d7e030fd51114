package dev.mtlskit.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.mtlskit.identity.IdentityHeaders;
import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

/**
 * A chain seen again (a resumed session, a client reconnecting) reuses its judgement whole: the
 * verdict, the identity and the identity header, which is encoded once per chain, not per
 * connection. An invalid chain gets no identity header.
 */
class JudgementCacheTest {

    private static final HeldCertificate ROOT = HeldCertificate.builder().commonName("Cache Test Root")
            .certificateAuthority(0).build();
    private static final HeldCertificate ACME = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
            .addUri("spiffe://example.org/acme").signedBy(ROOT).build();
    private static final HeldCertificate ROGUE = HeldCertificate.builder().commonName("rogue").purpose(Purpose.CLIENT)
            .signedBy(HeldCertificate.builder().commonName("Rogue Root").certificateAuthority(0).build()).build();

    private final AtomicInteger encoded = new AtomicInteger();
    private final Function<PeerIdentity, Map<String, String>> xfcc = identity -> {
        encoded.incrementAndGet();
        return Map.of("x-forwarded-client-cert", IdentityHeaders.xfcc(identity, false, false));
    };
    private final StrictTrustManager verifier = StrictTrustManager.builder(List.of(ROOT.certificate()), List.of())
            .identityHeaders(xfcc).cache(100, Duration.ofMinutes(5)).build();

    @Test
    void theIdentityHeaderOfAChainIsEncodedOnceAndReused() {
        List<X509Certificate> chain = List.of(ACME.certificate());

        Judgement first = verifier.judgeClient(chain);
        Judgement again = verifier.judgeClient(List.of(ACME.certificate()));

        assertThat(first.verdict().valid()).isTrue();
        assertThat(first.identityHeaders().get("x-forwarded-client-cert"))
                .startsWith("Hash=" + first.identity().sha256Fingerprint() + ";Subject=\"CN=acme\"")
                .endsWith(";URI=spiffe://example.org/acme");
        assertThat(again).isSameAs(first);
        assertThat(encoded).as("header encodings").hasValue(1);
    }

    @Test
    void anInvalidChainHasNoIdentityNorHeader() {
        Judgement rogue = verifier.judgeClient(List.of(ROGUE.certificate()));

        assertThat(rogue.verdict().valid()).isFalse();
        assertThat(rogue.identity()).isNull();
        assertThat(rogue.identityHeaders()).isEmpty();
        assertThat(encoded).hasValue(0);
    }
}
