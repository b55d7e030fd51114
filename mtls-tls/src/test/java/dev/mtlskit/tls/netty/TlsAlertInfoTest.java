package dev.mtlskit.tls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Alerts read from the engines' error texts, which is all a failed handshake leaves in some cases. */
class TlsAlertInfoTest {

    @Test
    void boringSslNamesTheAlertItReceived() {
        assertThat(TlsAlertInfo.receivedIn("error:1000045c:SSL routines:OPENSSL_internal:TLSV1_ALERT_CERTIFICATE_REQUIRED"))
                .isEqualTo(new TlsAlertInfo(116, "certificate_required"));
        assertThat(TlsAlertInfo.receivedIn("x\nerror:10000415:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_EXPIRED"))
                .isEqualTo(new TlsAlertInfo(45, "certificate_expired"));
        assertThat(TlsAlertInfo.receivedIn("error:...:TLSV1_ALERT_UNKNOWN_CA").toString()).isEqualTo("unknown_ca(48)");
    }

    @Test
    void theJdkSaysReceivedFatalAlert() {
        assertThat(TlsAlertInfo.receivedIn("Received fatal alert: bad_certificate")).isEqualTo(new TlsAlertInfo(42, "bad_certificate"));
    }

    @Test
    void localErrorsAreNoAlert() {
        assertThat(TlsAlertInfo.receivedIn("error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED")).isNull();
        assertThat(TlsAlertInfo.receivedIn(null)).isNull();
        assertThat(TlsAlertInfo.of(255).name()).isEqualTo("alert_255");
    }
}
