package dev.mtlskit.tls.netty;

import static java.util.Objects.requireNonNull;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.PKIXReason;

import dev.mtlskit.reason.Reason;
import dev.mtlskit.trust.RejectedCertificateException;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.handler.ssl.SslProvider;
import io.netty.internal.tcnative.CertificateVerifier;

/**
 * The TLS alert a peer receives when a trust manager refuses its certificate: {@code unknown_ca} for a
 * CA that is not trusted (or an intermediate not sent), {@code certificate_expired} (expired or not valid yet),
 * {@code certificate_revoked}, {@code unsupported_certificate} for the wrong purpose, and
 * {@code bad_certificate} for every other refusal. Never {@code internal_error}, which BoringSSL sends
 * when the trust manager's exception names no X.509 error: the alert is what the peer's operator
 * reads in their log.
 *
 * <p>The JDK's engine can say less (JDK 17): in TLS 1.2 it sends these alerts except
 * {@code unknown_ca}, for which it sends {@code certificate_unknown}; in TLS 1.3 it sends
 * {@code certificate_unknown} for every refusal but a revoked certificate.
 */
public final class RefusalAlert {

    private RefusalAlert() {
    }

    /** The alert for a refusal with this reason (what BoringSSL sends; see above for the JDK's engine). */
    public static TlsAlertInfo of(Reason reason) {
        requireNonNull(reason, "reason");
        return switch (reason) {
            case UNTRUSTED_ROOT, MISSING_INTERMEDIATE, UNKNOWN_ISSUER -> TlsAlertInfo.named("unknown_ca");
            // RFC 8446: certificate_expired is for a certificate "expired or not currently valid"; BoringSSL and
            // the gateway's own refusals say it for both.
            case EXPIRED, NOT_YET_VALID -> TlsAlertInfo.named("certificate_expired");
            case REVOKED -> TlsAlertInfo.named("certificate_revoked");
            case WRONG_PURPOSE, V1_CERTIFICATE -> TlsAlertInfo.named("unsupported_certificate");
            default -> TlsAlertInfo.named("bad_certificate");
        };
    }

    /**
     * What a trust manager throws so that {@code provider}'s engine sends {@link #of the alert} for
     * {@code refused}; the rejection stays in the cause chain ({@link RejectedCertificateException#find}).
     */
    public static CertificateException exception(SslProvider provider, RejectedCertificateException refused) {
        requireNonNull(refused, "refused");
        String alert = of(refused.verdict().reason()).name();
        if (provider == SslProvider.JDK) {
            // The JDK picks the alert by the reason of a CertPathValidatorException cause (TLS 1.2; NO_TRUST_ANCHOR
            // gets its default, certificate_unknown). The reason selects the alert only: the message and the
            // verdict say what is wrong.
            CertPathValidatorException.Reason selector = switch (alert) {
                case "unknown_ca" -> PKIXReason.NO_TRUST_ANCHOR;
                case "certificate_expired" -> CertPathValidatorException.BasicReason.EXPIRED;
                case "certificate_revoked" -> CertPathValidatorException.BasicReason.REVOKED;
                case "unsupported_certificate" -> CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED;
                default -> CertPathValidatorException.BasicReason.INVALID_SIGNATURE;
            };
            return new CertificateException(refused.getMessage(),
                    new CertPathValidatorException(refused.getMessage(), refused, null, -1, selector));
        }
        // BoringSSL sends the alert of the X.509 error the exception names (SSL_alert_from_verify_result).
        int error = switch (alert) {
            case "unknown_ca" -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
            case "certificate_expired" -> CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
            case "certificate_revoked" -> CertificateVerifier.X509_V_ERR_CERT_REVOKED;
            case "unsupported_certificate" -> CertificateVerifier.X509_V_ERR_INVALID_PURPOSE;
            default -> CertificateVerifier.X509_V_ERR_CERT_REJECTED;
        };
        return new OpenSslCertificateException(refused.getMessage(), refused, error);
    }
}
