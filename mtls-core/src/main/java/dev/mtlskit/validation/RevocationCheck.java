package dev.mtlskit.validation;

import static dev.mtlskit.validation.CertificateProfile.capitalize;

import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

import dev.mtlskit.reason.Reason;

/**
 * Revocation by CRL (RFC 5280 section 5 and 6.3). A CRL applies to the certificates of the issuer
 * that signed it. A listed serial is revoked whatever the CRL's dates; a certificate that only an
 * expired CRL covers is rejected (CRL_EXPIRED); a CRL that names the issuer but does not verify
 * is reported (BAD_SIGNATURE). Certificates that no CRL covers are accepted: revocation checking
 * is as complete as the CRLs given.
 */
final class RevocationCheck {

    /** CRL extensions understood here; the issuing distribution point is accepted, not scoped. */
    private static final Set<String> HANDLED_CRITICAL = Set.of(
            Extension.issuingDistributionPoint.getId(), Extension.authorityKeyIdentifier.getId());

    private final List<X509CRL> crls;
    private final Instant at;
    private final PathChecks wording;

    RevocationCheck(List<X509CRL> crls, Instant at, PathChecks wording) {
        this.crls = crls;
        this.at = at;
        this.wording = wording;
    }

    Problem check(CertificateFacts c, String who, CertificateFacts issuer) {
        String from = "the CRL from " + issuer.displayName();
        boolean unverifiedCrlSeen = false;
        Problem stale = null;
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(c.issuer)) {
                continue;
            }
            if (!signedBy(crl, issuer)) {
                unverifiedCrlSeen = true; // another CA of the same name may have signed it: judged below
                continue;
            }
            if (!issuer.hasKeyUsage(KeyUsage.cRLSign)) {
                return new Problem(Reason.BAD_KEY_USAGE, c, capitalize(from) + " cannot be trusted: the key usage of "
                        + issuer.displayName() + " lacks cRLSign, so it may not sign CRLs.",
                        "reissue the CA certificate with keyUsage cRLSign, or sign CRLs with a CA that has it");
            }
            Problem malformed = malformation(crl, c, from);
            if (malformed != null) {
                return malformed;
            }
            // Revoked wins over everything else: a listed serial is revoked whatever the dates say.
            X509CRLEntry entry = crl.getRevokedCertificate(c.certificate.getSerialNumber());
            if (entry != null) {
                CRLReason reason = entry.getRevocationReason();
                return new Problem(Reason.REVOKED, c, capitalize(who) + " was revoked by " + issuer.displayName()
                        + " on " + entry.getRevocationDate().toInstant()
                        + (reason == null || reason == CRLReason.UNSPECIFIED ? "" : " (reason: " + reason + ")") + ".",
                        "get a new certificate issued; a revoked certificate must not be used again");
            }
            if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(at)) {
                Instant nextUpdate = crl.getNextUpdate().toInstant();
                stale = new Problem(Reason.CRL_EXPIRED, c, capitalize(from) + " expired on " + nextUpdate + " ("
                        + wording.relative(Duration.between(nextUpdate, at), true) + "), so it cannot vouch for " + who + ".",
                        Reason.CRL_EXPIRED.fix());
            } else {
                return null; // a current CRL of this issuer does not list the certificate
            }
        }
        if (stale != null) {
            return stale;
        }
        if (unverifiedCrlSeen) {
            return new Problem(Reason.BAD_SIGNATURE, c, "A CRL naming " + issuer.displayName()
                    + " as its issuer does not verify with that CA's public key, so " + who + " cannot be checked for revocation.",
                    "download the CRL again from the CA's distribution point; check that it belongs to this CA");
        }
        return null;
    }

    /** RFC 5280 5.2.3: a CRL number, non-critical; no critical extension the validator does not understand. */
    private static Problem malformation(X509CRL crl, CertificateFacts c, String from) {
        if (crl.getExtensionValue(Extension.cRLNumber.getId()) == null) {
            return new Problem(Reason.MALFORMED, c, capitalize(from) + " is malformed: it has no CRL number (RFC 5280 requires one).",
                    "have the CA reissue the CRL with a cRLNumber extension");
        }
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical == null) {
            return null;
        }
        if (critical.contains(Extension.cRLNumber.getId())) {
            return new Problem(Reason.MALFORMED, c, capitalize(from) + " is malformed: its CRL number is marked critical (RFC 5280 requires it non-critical).",
                    "have the CA reissue the CRL with a non-critical cRLNumber");
        }
        for (String oid : critical) {
            if (!HANDLED_CRITICAL.contains(oid)) {
                return Problem.of(Reason.UNHANDLED_CRITICAL_EXTENSION, c, capitalize(from)
                        + " has the extension " + oid + " marked critical, which this validator does not understand.");
            }
        }
        return null;
    }

    private static boolean signedBy(X509CRL crl, CertificateFacts issuer) {
        if (issuer.publicKey == null) {
            return false;
        }
        try {
            crl.verify(issuer.publicKey);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
