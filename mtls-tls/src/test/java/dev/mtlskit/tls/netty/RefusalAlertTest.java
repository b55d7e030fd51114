package dev.mtlskit.tls.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.cert.CertPathValidatorException;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.reason.Reason;
import dev.mtlskit.testing.TestPki;
import dev.mtlskit.trust.RejectedCertificateException;
import dev.mtlskit.validation.ChainValidator;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.ValidationRequest;
import dev.mtlskit.validation.Verdict;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.handler.ssl.SslProvider;

/** The alert for each refusal: one that names it, never internal_error; the rejection stays findable. */
class RefusalAlertTest {

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyRefusalHasACertificateAlert(Reason reason) {
        TlsAlertInfo alert = RefusalAlert.of(reason);
        assertThat(alert.aboutCertificate()).as(reason + ": " + alert).isTrue();
        assertThat(alert.name()).isNotIn("internal_error", "certificate_unknown");
    }

    @Test
    void theCommonRefusalsGetTheAlertsPeopleKnow() {
        assertThat(RefusalAlert.of(Reason.UNTRUSTED_ROOT)).isEqualTo(new TlsAlertInfo(48, "unknown_ca"));
        assertThat(RefusalAlert.of(Reason.MISSING_INTERMEDIATE)).isEqualTo(new TlsAlertInfo(48, "unknown_ca"));
        assertThat(RefusalAlert.of(Reason.EXPIRED)).isEqualTo(new TlsAlertInfo(45, "certificate_expired"));
        assertThat(RefusalAlert.of(Reason.NAME_MISMATCH)).isEqualTo(new TlsAlertInfo(42, "bad_certificate"));
        assertThat(RefusalAlert.of(Reason.NOT_YET_VALID)).as("as the gateway says it")
                .isEqualTo(new TlsAlertInfo(45, "certificate_expired"));
    }

    @Test
    void eachEngineGetsAnExceptionItTurnsIntoTheAlertAndTheRejectionStaysInTheChain() {
        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder()
                .chain(java.util.List.of(TestPki.SERVER.certificate())).trustAnchors(java.util.List.of())
                .role(PeerRole.SERVER).at(Instant.now()).build());
        RejectedCertificateException refused = new RejectedCertificateException(verdict);

        var jdk = RefusalAlert.exception(SslProvider.JDK, refused);
        assertThat(jdk.getCause()).isInstanceOf(CertPathValidatorException.class);
        assertThat(RejectedCertificateException.find(jdk)).isSameAs(refused);
        assertThat(jdk.getMessage()).isEqualTo(refused.getMessage());

        assumeTrue(OpenSsl.isAvailable(), "BoringSSL (netty-tcnative) loads here"); // its error codes are native constants
        var openSsl = RefusalAlert.exception(SslProvider.OPENSSL, refused);
        assertThat(openSsl).isInstanceOf(OpenSslCertificateException.class);
        assertThat(RejectedCertificateException.find(openSsl)).isSameAs(refused);
    }
}
