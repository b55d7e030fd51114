package dev.mtlskit.tls.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mtlskit.reason.Reason;

import io.netty.handler.ssl.OpenSsl;
import io.netty.internal.tcnative.CertificateVerifier;

/**
 * Every refusal reason has a certificate alert of its own: none is X509_V_ERR_UNSPECIFIED, which
 * BoringSSL sends as internal_error (a refused v1 certificate did, before V1_CERTIFICATE).
 * V1ClientCertificateTest and IssuerClassificationTest see the alerts on the wire.
 */
class AlertCodeTest {

    /** The constants come from the native library: it must be loaded before they are read. */
    @BeforeAll
    static void loadBoringSsl() {
        assumeTrue(OpenSsl.isAvailable(), "BoringSSL (netty-tcnative) is not available here");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void noReasonIsSentAsInternalError(Reason reason) {
        assertThat(ReloadingNettyContexts.alertCode(reason)).isNotEqualTo(CertificateVerifier.X509_V_ERR_UNSPECIFIED);
    }
}
