package dev.mtlskit.validation;

import static dev.mtlskit.validation.CertificateProfile.capitalize;

import java.io.IOException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;

import dev.mtlskit.names.Printable;
import dev.mtlskit.reason.Reason;

/**
 * Revocation by CRL, after RFC 5280 section 6.3.3, independent of the order the CRLs were given.
 *
 * <p>Only certificates for which CRLs were given are checked: a certificate whose issuer (or the
 * cRLIssuer its distribution points name) has no CRL among them is not checked, so revocation
 * checking is as complete as the CRLs given. When CRLs were given, every one of them that covers the
 * certificate is consulted: its issuer matches (directly, or as the cRLIssuer of an indirect CRL),
 * its issuing distribution point's scope includes the certificate (distribution point names,
 * user/CA/attribute certificates only, reasons), and its signature verifies with the key of a
 * certificate of that issuer that may sign CRLs (keyUsage cRLSign) and chains to the same trust anchor.
 * A serial listed on any such CRL (or on a delta CRL, unless a newer delta removes it) is revoked,
 * whatever the CRL's dates. Otherwise the certificate is good only when current CRLs together cover
 * every revocation reason; if not, its status is unknown and it is rejected.
 */
final class RevocationCheck {

    /** Every revocation reason (RFC 5280 6.3.3 reasons_mask: all-reasons). */
    private static final int ALL_REASONS = ReasonFlags.unused | ReasonFlags.keyCompromise | ReasonFlags.cACompromise
            | ReasonFlags.affiliationChanged | ReasonFlags.superseded | ReasonFlags.cessationOfOperation
            | ReasonFlags.certificateHold | ReasonFlags.privilegeWithdrawn | ReasonFlags.aACompromise;
    /** The CRLs given cannot vouch for the certificate: the part of REVOCATION_UNKNOWN's fix about CRLs. */
    static final String COVERING_CRLS_FIX = "pass the complete, current CRLs that cover the certificate (one for each "
            + "distribution point it names)";
    /** Certificates of the CRL issuer not on the path whose signature is tried, per CRL: bounds a crafted chain. */
    private static final int MAX_OFF_PATH_SIGNERS = 4;

    private final ValidationRequest request;
    private final Instant at;
    private final PathChecks wording;
    /** Whether CRL signers off the path may be validated (not inside such a validation: no recursion). */
    private final boolean mayValidateSigners;
    private final Map<X509Certificate, Verdict> signerVerdicts = new IdentityHashMap<>();
    private List<CertificateFacts> offPathCertificates;

    RevocationCheck(ValidationRequest request, Instant at, PathChecks wording, boolean mayValidateSigners) {
        this.request = request;
        this.at = at;
        this.wording = wording;
        this.mayValidateSigners = mayValidateSigners;
    }

    /** The revocation problem of the certificate at {@code index} of the path, or {@code null}. */
    Problem check(List<CertificateFacts> path, int index, String who) {
        CertificateFacts c = path.get(index);
        Set<X500Principal> crlIssuers = crlIssuers(c);
        List<CrlFacts> relevant = new ArrayList<>();
        for (X509CRL crl : request.crls()) {
            if (crlIssuers.contains(crl.getIssuerX500Principal())) {
                relevant.add(CrlFacts.of(crl));
            }
        }
        if (relevant.isEmpty()) {
            return null; // no CRL was given for this certificate: not checked
        }
        Trouble trouble = new Trouble();
        List<Usable> usable = new ArrayList<>();
        for (CrlFacts crl : relevant) {
            int reasons = scope(crl, c);
            if (reasons < 0) {
                continue;
            }
            String from = "the CRL from " + displayName(crl.issuer);
            if (crl.malformation != null) {
                trouble.note(3, new Problem(Reason.MALFORMED, c, capitalize(from) + " is malformed: it " + crl.malformation + ".",
                        "have the CA reissue the CRL according to RFC 5280"));
                continue;
            }
            if (crl.unhandledCritical != null) {
                trouble.note(3, Problem.of(Reason.UNHANDLED_CRITICAL_EXTENSION, c, capitalize(from)
                        + " has the extension " + crl.unhandledCritical + " marked critical, which this validator does not understand."));
                continue;
            }
            CertificateFacts signer = signer(crl, path, index, who, from, trouble);
            if (signer != null) {
                usable.add(new Usable(crl, reasons, signer));
            }
        }
        Problem revoked = revoked(usable, c, who);
        if (revoked != null) {
            return revoked;
        }
        int covered = 0;
        boolean deltaOnly = !usable.isEmpty();
        for (Usable u : usable) {
            if (u.crl.isDelta()) {
                continue;
            }
            deltaOnly = false;
            Instant nextUpdate = u.crl.crl.getNextUpdate() == null ? null : u.crl.crl.getNextUpdate().toInstant();
            if (nextUpdate != null && nextUpdate.isBefore(at)) {
                trouble.note(6, new Problem(Reason.CRL_EXPIRED, c, "The CRL from " + u.signer.displayName() + " expired on "
                        + nextUpdate + " (" + wording.relative(Duration.between(nextUpdate, at), true)
                        + "), so it cannot vouch for " + who + ".", Reason.CRL_EXPIRED.fix()));
            } else {
                covered |= u.reasons;
            }
        }
        if (covered == ALL_REASONS) {
            return null;
        }
        if (trouble.problem != null) {
            return trouble.problem;
        }
        String issuers = displayName(relevant.get(0).issuer);
        boolean one = relevant.size() == 1;
        String given = one ? "the CRL from " + issuers + " was given, but " : relevant.size() + " CRLs from " + issuers + " were given, but ";
        String why;
        if (deltaOnly) {
            why = one ? "it is a delta CRL and the complete CRL it updates was not given"
                    : "they are delta CRLs and the complete CRLs they update were not given";
        } else if (covered != 0) {
            why = "the CRLs that cover it are limited to some revocation reasons (onlySomeReasons) and together do not cover all";
        } else {
            why = (one ? "it does not cover the certificate: its issuing distribution point limits it"
                    : "none of them covers the certificate: their issuing distribution points limit them")
                    + " to other certificates, or the certificate's distribution points name another CRL issuer";
        }
        return new Problem(Reason.REVOCATION_UNKNOWN, c, "The revocation status of " + who + " is unknown: "
                + given + why + ".", COVERING_CRLS_FIX);
    }

    /** Listed on a usable CRL (or delta CRL) and not removed by a newer delta CRL: revoked. */
    private Problem revoked(List<Usable> usable, CertificateFacts c, String who) {
        for (Usable u : usable) {
            X509CRLEntry entry = u.crl.entryFor(c.certificate);
            if (entry == null || removed(entry)) {
                continue;
            }
            if (!removedByNewerDelta(u, usable, c)) {
                CRLReason reason = entry.getRevocationReason();
                return new Problem(Reason.REVOKED, c, capitalize(who) + " was revoked by " + u.signer.displayName()
                        + " on " + entry.getRevocationDate().toInstant()
                        + (reason == null || reason == CRLReason.UNSPECIFIED ? "" : " (reason: " + reason + ")") + ".",
                        "get a new certificate issued; a revoked certificate must not be used again");
            }
        }
        return null;
    }

    /** RFC 5280 5.3.1 removeFromCRL: a delta CRL newer than the listing takes a certificate off hold. */
    private static boolean removedByNewerDelta(Usable listing, List<Usable> usable, CertificateFacts c) {
        Usable newest = null;
        for (Usable u : usable) {
            boolean newer = listing.crl.isDelta()
                    ? u.crl.isDelta() && u.crl.issuer.equals(listing.crl.issuer)
                            && Arrays.equals(u.crl.idpEncoded, listing.crl.idpEncoded)
                            && u.crl.number.compareTo(listing.crl.number) > 0
                    : u.crl.updates(listing.crl);
            if (newer && (newest == null || u.crl.number.compareTo(newest.crl.number) > 0)) {
                newest = u;
            }
        }
        if (newest == null) {
            return false;
        }
        X509CRLEntry entry = newest.crl.entryFor(c.certificate);
        return entry != null && removed(entry);
    }

    private static boolean removed(X509CRLEntry entry) {
        return entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL;
    }

    /**
     * The certificate whose key signed the CRL and may vouch for it (RFC 5280 6.3.3 f, g), or
     * {@code null} with the reason noted. Certificates of the CRL issuer on the path (from this
     * certificate upwards) were validated with it; any other is validated to the same trust anchor.
     */
    private CertificateFacts signer(CrlFacts crl, List<CertificateFacts> path, int index, String who, String from,
                                    Trouble trouble) {
        for (int j = index; j < path.size(); j++) {
            CertificateFacts candidate = path.get(j);
            if (!isCandidate(candidate, crl) || !crl.verifiedBy(candidate)) {
                continue;
            }
            if (canSignCrls(candidate, path.get(index), from, trouble)) {
                return candidate;
            }
        }
        if (mayValidateSigners) {
            int tried = 0;
            for (CertificateFacts candidate : offPathCertificates()) {
                if (!isCandidate(candidate, crl) || onPath(candidate, path, index) || ++tried > MAX_OFF_PATH_SIGNERS
                        || !crl.verifiedBy(candidate) || !canSignCrls(candidate, path.get(index), from, trouble)) {
                    continue;
                }
                Verdict verdict = signerVerdict(candidate, path.get(path.size() - 1));
                if (verdict.valid()) {
                    return candidate;
                }
                trouble.note(5, new Problem(Reason.REVOCATION_UNKNOWN, path.get(index), capitalize(from)
                        + " is signed by another certificate of that CA, which cannot be trusted to sign it: "
                        + Character.toLowerCase(verdict.message().charAt(0)) + verdict.message().substring(1), verdict.fix()));
            }
        }
        trouble.note(2, new Problem(Reason.BAD_SIGNATURE, path.get(index), "A CRL naming "
                + displayName(crl.issuer) + " as its issuer does not verify with that CA's public key, so "
                + who + " cannot be checked for revocation.",
                "download the CRL again from the CA's distribution point; check that it belongs to this CA"));
        return null;
    }

    private static boolean isCandidate(CertificateFacts candidate, CrlFacts crl) {
        return candidate.subject.equals(crl.issuer) && (crl.authorityKeyId == null || candidate.subjectKeyId == null
                || Arrays.equals(crl.authorityKeyId, candidate.subjectKeyId));
    }

    private static boolean canSignCrls(CertificateFacts signer, CertificateFacts c, String from, Trouble trouble) {
        if (signer.hasKeyUsage(KeyUsage.cRLSign)) {
            return true;
        }
        trouble.note(4, new Problem(Reason.BAD_KEY_USAGE, c, capitalize(from) + " cannot be trusted: the key usage of "
                + signer.displayName() + " lacks cRLSign, so it may not sign CRLs.",
                "reissue the CA certificate with keyUsage cRLSign, or sign CRLs with a CA that has it"));
        return false;
    }

    private static boolean onPath(CertificateFacts candidate, List<CertificateFacts> path, int index) {
        for (int j = index; j < path.size(); j++) {
            if (Arrays.equals(path.get(j).encoded, candidate.encoded)) {
                return true;
            }
        }
        return false;
    }

    /** The CRL signer's own path to the same trust anchor, checked once per validation. */
    private Verdict signerVerdict(CertificateFacts signer, CertificateFacts anchor) {
        Verdict verdict = signerVerdicts.get(signer.certificate);
        if (verdict == null) {
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(signer.certificate);
            for (X509Certificate intermediate : request.chain().subList(1, request.chain().size())) {
                if (!intermediate.equals(signer.certificate)) {
                    chain.add(intermediate);
                }
            }
            verdict = new ChainValidator().validateCrlSigner(new ValidationRequest(chain, List.of(anchor.certificate),
                    null, null, request.at(), request.crls(), request.maxIntermediates(), false, List.of()));
            signerVerdicts.put(signer.certificate, verdict);
        }
        return verdict;
    }

    /** The trust anchors and the intermediates given with the chain, parsed when first needed. */
    private List<CertificateFacts> offPathCertificates() {
        if (offPathCertificates == null) {
            offPathCertificates = new ArrayList<>();
            for (X509Certificate certificate : request.trustAnchors()) {
                offPathCertificates.add(CertificateFacts.of(certificate));
            }
            for (X509Certificate certificate : request.chain().subList(1, request.chain().size())) {
                offPathCertificates.add(CertificateFacts.of(certificate));
            }
        }
        return offPathCertificates;
    }

    /** The names a CRL for this certificate may be issued under: its issuer and the cRLIssuers it names. */
    private static Set<X500Principal> crlIssuers(CertificateFacts c) {
        Set<X500Principal> issuers = new HashSet<>();
        issuers.add(c.issuer);
        for (DistributionPoint point : c.distributionPoints) {
            issuers.addAll(directoryNames(point.getCRLIssuer()));
        }
        return issuers;
    }

    /**
     * RFC 5280 6.3.3 (b) and (d): the reasons the CRL covers for the certificate (a bit mask of
     * {@link ReasonFlags}), or -1 when it does not cover the certificate at all.
     */
    static int scope(CrlFacts crl, CertificateFacts c) {
        List<DistributionPoint> points = c.distributionPoints.isEmpty()
                ? java.util.Collections.singletonList(null) : c.distributionPoints;
        int covered = -1;
        for (DistributionPoint point : points) {
            GeneralNames pointIssuers = point == null ? null : point.getCRLIssuer();
            if (pointIssuers != null) {
                if (!crl.isIndirect() || !directoryNames(pointIssuers).contains(crl.issuer)) {
                    continue;
                }
            } else if (!crl.issuer.equals(c.issuer)) {
                continue;
            }
            int reasons = ALL_REASONS;
            if (point != null && point.getReasons() != null) {
                reasons &= point.getReasons().intValue();
            }
            if (crl.idp != null) {
                if (crl.idp.getDistributionPoint() != null) {
                    Set<String> crlNames = names(crl.idp.getDistributionPoint(), crl.issuer);
                    Set<String> certNames = new HashSet<>();
                    if (point != null && point.getDistributionPoint() != null) {
                        List<X500Principal> base = directoryNames(pointIssuers);
                        certNames.addAll(names(point.getDistributionPoint(), base.isEmpty() ? c.issuer : base.get(0)));
                    } else if (pointIssuers != null) {
                        for (X500Principal name : directoryNames(pointIssuers)) {
                            certNames.add(key(name));
                        }
                    } else {
                        certNames.add(key(c.issuer));
                    }
                    certNames.retainAll(crlNames);
                    if (certNames.isEmpty()) {
                        continue;
                    }
                }
                if (crl.idp.onlyContainsUserCerts() && c.isCa() || crl.idp.onlyContainsCACerts() && !c.isCa()
                        || crl.idp.onlyContainsAttributeCerts()) {
                    continue;
                }
                if (crl.idp.getOnlySomeReasons() != null) {
                    reasons &= crl.idp.getOnlySomeReasons().intValue();
                }
            }
            covered = Math.max(covered, 0) | reasons;
        }
        return covered;
    }

    private static List<X500Principal> directoryNames(GeneralNames names) {
        List<X500Principal> result = new ArrayList<>();
        if (names != null) {
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.directoryName) {
                    try {
                        result.add(new X500Principal(X500Name.getInstance(name.getName()).getEncoded()));
                    } catch (IOException | RuntimeException malformed) {
                        // a name that cannot be read matches nothing
                    }
                }
            }
        }
        return result;
    }

    /** The names of a distribution point, comparable; a relative name is appended to the issuer's name. */
    private static Set<String> names(DistributionPointName name, X500Principal relativeTo) {
        Set<String> keys = new HashSet<>();
        try {
            if (name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    keys.add(general.getTagNo() == GeneralName.directoryName
                            ? key(new X500Principal(X500Name.getInstance(general.getName()).getEncoded()))
                            : general.getTagNo() + ":" + HexFormat.of().formatHex(general.getName().toASN1Primitive().getEncoded()));
                }
            } else {
                RDN[] base = X500Name.getInstance(relativeTo.getEncoded()).getRDNs();
                RDN[] full = Arrays.copyOf(base, base.length + 1);
                full[base.length] = RDN.getInstance(name.getName());
                keys.add(key(new X500Principal(new X500Name(full).getEncoded())));
            }
        } catch (IOException | RuntimeException malformed) {
            // a name that cannot be read matches nothing
        }
        return keys;
    }

    /** An issuer name for messages, as {@link CertificateFacts#displayName()} shows subjects. */
    private static String displayName(X500Principal name) {
        String text = Printable.of(name.getName());
        return text.isEmpty() ? "(empty name)" : text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    private static String key(X500Principal name) {
        return "dn:" + name.getName(X500Principal.CANONICAL);
    }

    /** A CRL that covers the certificate (for these reasons), signed by a certificate that may sign it. */
    private record Usable(CrlFacts crl, int reasons, CertificateFacts signer) {
    }

    /** The most telling reason why no CRL could vouch for the certificate: the highest rank, the first seen. */
    private static final class Trouble {
        Problem problem;
        int rank = -1;

        void note(int rank, Problem problem) {
            if (rank > this.rank) {
                this.rank = rank;
                this.problem = problem;
            }
        }
    }
}
