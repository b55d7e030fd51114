package dev.mtlskit.validation;

import dev.mtlskit.names.Printable;
import dev.mtlskit.names.DnsNames;
import static dev.mtlskit.validation.CertificateProfile.capitalize;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import dev.mtlskit.reason.Reason;

/**
 * The checks of one complete path (leaf first, trust anchor last) and the wording of every
 * verdict. Each check returns the first problem it finds or {@code null}.
 */
final class PathChecks {

    /** Within this margin of the real clock, times are told as "ago" rather than against the validation time. */
    private static final Duration NOW_MARGIN = Duration.ofMinutes(5);
    /** Names times constraints on one path; real chains need a few dozen (Go allows 250,000). */
    static final long MAX_NAME_CONSTRAINT_COMPARISONS = 100_000;

    private final ValidationRequest request;
    private final Instant at;
    private final boolean atIsNow;
    private final RevocationCheck revocation;
    /** Validating the certificate that signed a CRL: not a TLS end entity, often a CA itself. */
    private final boolean crlSigner;

    PathChecks(ValidationRequest request, boolean crlSigner) {
        this.crlSigner = crlSigner;
        this.request = request;
        // RFC 5280 times have whole seconds: compare with the validation time floored likewise.
        this.at = request.at().truncatedTo(ChronoUnit.SECONDS);
        this.atIsNow = Duration.between(request.at(), Instant.now()).abs().compareTo(NOW_MARGIN) < 0;
        this.revocation = new RevocationCheck(request, at, this, !crlSigner);
    }

    Problem check(List<CertificateFacts> path) {
        int last = path.size() - 1;
        for (int i = 0; i <= last; i++) {
            Problem problem = validity(path.get(i), who(path, i));
            if (problem != null) {
                return problem;
            }
        }
        // A v1 CA first: what it issued cannot be well-formed below it (no key identifier to name it by).
        for (int i = 1; i <= last; i++) {
            if (path.get(i).version == 1) {
                Problem problem = CertificateProfile.version1(path.get(i), who(path, i), true, i == last, request);
                if (problem != null) {
                    return problem;
                }
            }
        }
        for (int i = 0; i <= last; i++) {
            CertificateFacts c = path.get(i);
            boolean selfSignedAnchor = i == last && c.selfIssued && SignatureVerifier.verify(c, c);
            boolean issuedByV1 = i < last && path.get(i + 1).version == 1;
            Problem problem = CertificateProfile.check(c, who(path, i), i > 0, i == last, selfSignedAnchor, request,
                    issuedByV1);
            if (problem == null && i < last) {
                problem = CertificateProfile.checkSignatureAlgorithm(c, who(path, i));
            }
            if (problem != null) {
                return problem;
            }
        }
        for (int i = 1; i <= last; i++) {
            Problem problem = caChecks(path, i);
            if (problem != null) {
                return problem;
            }
        }
        Problem problem = crlSigner ? null : leafChecks(path);
        if (problem == null) {
            problem = nameConstraints(path);
        }
        if (problem == null) {
            problem = hostName(path.get(0), who(path, 0));
        }
        for (int i = 0; problem == null && i < last; i++) {
            problem = revocation.check(path, i, who(path, i));
        }
        return problem;
    }

    private Problem validity(CertificateFacts c, String who) {
        if (at.isBefore(c.notBefore)) {
            return Problem.of(Reason.NOT_YET_VALID, c, capitalize(who) + " is not valid until "
                    + c.notBefore + " (" + relative(Duration.between(at, c.notBefore), false) + ").");
        }
        if (at.isAfter(c.notAfter)) {
            return Problem.of(Reason.EXPIRED, c, capitalize(who) + " expired on " + c.notAfter
                    + " (" + relative(Duration.between(c.notAfter, at), true) + ").");
        }
        return null;
    }

    private Problem caChecks(List<CertificateFacts> path, int i) {
        CertificateFacts ca = path.get(i);
        String who = who(path, i);
        String signed = "it signed " + who(path, i - 1);
        if (ca.version == 1) {
            return null; // a v1 trust anchor, accepted on request: a CA by configuration, with no constraint to check
        }
        if (ca.basicConstraints == null || !ca.basicConstraints.isCA()) {
            return Problem.of(Reason.NOT_A_CA, ca, capitalize(who) + " is not a CA certificate ("
                    + (ca.basicConstraints == null ? "it has no basicConstraints extension" : "basicConstraints says CA:FALSE")
                    + "), yet " + signed + ".");
        }
        if (!ca.hasKeyUsage(KeyUsage.keyCertSign)) {
            return new Problem(Reason.BAD_KEY_USAGE, ca, capitalize(who) + " may not sign certificates: its key usage lacks keyCertSign, yet " + signed + ".",
                    "reissue the CA certificate with keyUsage keyCertSign (and cRLSign)");
        }
        if (ca.basicConstraints.getPathLenConstraint() != null) {
            int allowed = ca.basicConstraints.getPathLenConstraint().intValueExact();
            int below = 0;
            for (int j = 1; j < i; j++) {
                if (!path.get(j).selfIssued) {
                    below++;
                }
            }
            if (below > allowed) {
                return Problem.of(Reason.PATH_LENGTH_EXCEEDED, ca, capitalize(who) + " allows at most " + allowed
                        + " intermediate CA" + (allowed == 1 ? "" : "s") + " below it (pathLenConstraint " + allowed
                        + "), but the chain has " + below + ".");
            }
        }
        if (request.role() != null && ca.extendedKeyUsage != null
                && !ca.hasExtendedKeyUsage(request.role().keyPurpose())
                && !ca.hasExtendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage)) {
            return new Problem(Reason.WRONG_PURPOSE, ca, capitalize(who) + " restricts the certificates below it to "
                    + ExtendedKeyUsages.describe(ca.extendedKeyUsage) + "; " + request.role().ekuName() + " is not among them.",
                    "use a CA whose extended key usage includes " + request.role().ekuName() + " (or has none)");
        }
        return null;
    }

    private Problem leafChecks(List<CertificateFacts> path) {
        CertificateFacts leaf = path.get(0);
        String who = who(path, 0);
        boolean trustedDirectly = path.size() == 1;
        if (leaf.isCa() && !trustedDirectly) {
            return Problem.of(Reason.CA_AS_LEAF, leaf, capitalize(who)
                    + " is a CA certificate (basicConstraints CA:TRUE), not an end-entity certificate.");
        }
        if (leaf.keyUsage != null && leaf.keyUsage.hasUsages(KeyUsage.keyCertSign) && !leaf.isCa()) {
            return new Problem(Reason.BAD_KEY_USAGE, leaf, capitalize(who)
                    + " has keyCertSign in its key usage although it is not a CA.",
                    "reissue it with keyUsage digitalSignature (and keyEncipherment for RSA servers) only");
        }
        if (request.role() != null && leaf.keyUsage != null && !leafKeyUsageAllowsTls(leaf)) {
            return new Problem(Reason.BAD_KEY_USAGE, leaf, capitalize(who)
                    + " cannot be used for TLS: its key usage lacks digitalSignature, which the "
                    + request.role().label() + " needs to prove it holds the key.",
                    "reissue it with keyUsage digitalSignature");
        }
        if (request.role() != null && leaf.extendedKeyUsage != null
                && !leaf.hasExtendedKeyUsage(request.role().keyPurpose())) {
            String eku = request.role().ekuName();
            String lists = ExtendedKeyUsages.describe(leaf.extendedKeyUsage);
            String fix = request.role() == PeerRole.CLIENT
                    ? "reissue it with extendedKeyUsage clientAuth (public CAs stopped issuing clientAuth in 2026: use a private CA for client certificates);"
                    + " a server that must accept a partner's public-CA certificate can: mtls serve --accept-missing-client-auth-eku"
                    : "reissue it with extendedKeyUsage serverAuth";
            return new Problem(Reason.WRONG_PURPOSE, leaf, capitalize(who) + " is not allowed for "
                    + request.role().label() + " authentication: its extended key usage lists " + lists
                    + " but not " + eku + ".", fix);
        }
        return null;
    }

    private boolean leafKeyUsageAllowsTls(CertificateFacts leaf) {
        if (leaf.keyUsage.hasUsages(KeyUsage.digitalSignature)) {
            return true;
        }
        // TLS 1.2 RSA key exchange: a server may only decrypt.
        return request.role() == PeerRole.SERVER && "RSA".equals(leaf.publicKey.getAlgorithm())
                && leaf.keyUsage.hasUsages(KeyUsage.keyEncipherment);
    }

    private Problem nameConstraints(List<CertificateFacts> path) {
        long comparisons = 0;
        for (int i = 1; i < path.size(); i++) {
            CertificateFacts ca = path.get(i);
            if (ca.nameConstraints == null) {
                continue;
            }
            for (int j = i - 1; j >= 0; j--) {
                CertificateFacts below = path.get(j);
                if (j > 0 && below.selfIssued) {
                    continue; // RFC 5280 6.1.3: not applied to self-issued intermediates
                }
                comparisons += NameConstraintsCheck.comparisons(ca.nameConstraints, below);
                if (comparisons > MAX_NAME_CONSTRAINT_COMPARISONS) {
                    return Problem.of(Reason.TOO_COMPLEX, below, "Checking the names of " + who(path, j)
                            + " against the name constraints of " + who(path, i) + " takes more than "
                            + MAX_NAME_CONSTRAINT_COMPARISONS + " comparisons; the chain is rejected to protect against denial of service.");
                }
                String violation = NameConstraintsCheck.violation(ca.nameConstraints, below);
                if (violation != null) {
                    return new Problem(Reason.NAME_CONSTRAINTS_VIOLATED, below, capitalize(who(path, j))
                            + " is outside what " + who(path, i) + " may certify: its " + violation + ".",
                            "issue the certificate only with names that " + ca.displayName() + " permits");
                }
            }
        }
        return null;
    }

    private Problem hostName(CertificateFacts leaf, String who) {
        ExpectedName expected = request.expectedName();
        if (expected == null) {
            return null;
        }
        List<String> listed = new ArrayList<>();
        for (GeneralName name : leaf.subjectAltNameList()) {
            if (name.getTagNo() == GeneralName.dNSName) {
                String dns = ((ASN1String) name.getName()).getString();
                listed.add("DNS:" + dns);
                if (!expected.isIpAddress() && DnsNames.matches(dns, expected.value())) {
                    return null;
                }
            } else if (name.getTagNo() == GeneralName.iPAddress) {
                byte[] address = ASN1OctetString.getInstance(name.getName()).getOctets();
                listed.add("IP:" + NameConstraintsCheck.ipText(address));
                if (expected.isIpAddress() && java.util.Arrays.equals(address, expected.ipAddress())) {
                    return null;
                }
            }
        }
        String seen = listed.isEmpty()
                ? "it has no DNS or IP subjectAltName, and the subject CN is never used for matching"
                : "its subjectAltName lists " + String.join(", ", listed);
        return new Problem(Reason.NAME_MISMATCH, leaf, capitalize(who) + " is not valid for "
                + (expected.isIpAddress() ? "the IP address " : "the name ") + expected.value() + ": " + seen + ".",
                "connect with a name the certificate lists, or reissue it with " + (expected.isIpAddress() ? "IP:" : "DNS:")
                        + expected.value() + " in its subjectAltName");
    }

    Problem tooManyIntermediates(CertificateFacts c, int max) {
        return Problem.of(Reason.PATH_LENGTH_EXCEEDED, c, "The chain needs more than " + max
                + " intermediate CA" + (max == 1 ? "" : "s") + " to reach a trusted CA, more than this validator allows.");
    }

    Problem chainEnd(CertificateFacts c, boolean isLeaf, boolean selfSigned) {
        String who = isLeaf ? leafWho(c) : "the certificate " + c.displayName();
        if (selfSigned) {
            String message = isLeaf
                    ? capitalize(who) + " is self-signed and is not in the trusted CA bundle."
                    : "The chain ends at the self-signed root " + c.displayName() + ", which is not in the trusted CA bundle.";
            return Problem.of(Reason.UNTRUSTED_ROOT, c, message);
        }
        String aia = caIssuersUrl(c);
        String download = aia == null ? "" : " The issuer's certificate can be downloaded from " + Printable.of(aia) + ".";
        String issuer = nameOrEmpty(Printable.of(c.issuer.getName()));
        CertificateFacts[] known = knownPathAbove(c);
        if (known != null) {
            return new Problem(Reason.MISSING_INTERMEDIATE, c, "The chain stops at " + who + ": its issuer " + issuer
                    + ", an intermediate CA below the trusted " + known[1].displayName() + ", was not sent with it.",
                    "send the intermediate " + issuer + " together with the certificate (full chain, leaf first)");
        }
        if (request.role() == PeerRole.CLIENT) {
            // A server names the CAs it accepts: an issuer that is neither one of them nor an
            // intermediate known to lead to one is unknown, whatever else it may be.
            String trusted = trustedNames();
            boolean sameName = request.trustAnchors().stream()
                    .anyMatch(anchor -> anchor.getSubjectX500Principal().equals(c.issuer));
            if (sameName) {
                return new Problem(Reason.UNKNOWN_ISSUER, c, capitalize(who) + " was issued by a CA named " + issuer
                        + ", like a trusted CA, but not by that CA: its authorityKeyIdentifier names another key (a"
                        + " re-created CA, or another CA with the same name).",
                        "use a certificate issued by the trusted " + issuer + " (compare the key identifiers with mtls"
                                + " inspect), or have the CA that issued it trusted");
            }
            return new Problem(Reason.UNKNOWN_ISSUER, c, capitalize(who) + " was issued by " + issuer
                    + ", which is not a trusted CA here" + (trusted.isEmpty() ? "" : " (the trusted CAs: " + trusted + ")")
                    + ", and its certificate was not sent with it." + download,
                    "use a client certificate issued by " + (trusted.isEmpty() ? "a trusted CA" : trusted)
                            + ", or have " + issuer + " (or the root CA above it) trusted; if " + issuer
                            + " is an intermediate below a trusted CA, send it with the certificate (full chain, leaf first)");
        }
        return Problem.of(Reason.MISSING_INTERMEDIATE, c, "The chain stops at " + who + ": its issuer " + issuer
                + " was neither sent with it nor trusted." + download);
    }

    /** Names listed at most in a message; a public root bundle holds over a hundred. */
    private static final int MAX_NAMES = 5;

    /** The trusted CAs' names, {@code CN=A; CN=B; and 3 more}. */
    private String trustedNames() {
        List<String> names = new ArrayList<>();
        for (X509Certificate anchor : request.trustAnchors()) {
            String name = Printable.of(anchor.getSubjectX500Principal().getName());
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (names.size() <= MAX_NAMES) {
            return String.join("; ", names);
        }
        return String.join("; ", names.subList(0, MAX_NAMES)) + "; and " + (names.size() - MAX_NAMES) + " more";
    }

    /**
     * A known intermediate that signed {@code c} and the trust anchor it leads to (directly or through
     * other known intermediates), or {@code null}.
     */
    private CertificateFacts[] knownPathAbove(CertificateFacts c) {
        if (request.knownIntermediates().isEmpty()) {
            return null;
        }
        // Only certificates whose names could link are parsed: a public root bundle holds over a hundred.
        Set<X500Principal> issuerNames = new HashSet<>();
        issuerNames.add(c.issuer);
        for (X509Certificate certificate : request.knownIntermediates()) {
            issuerNames.add(certificate.getIssuerX500Principal());
        }
        List<CertificateFacts> known = new ArrayList<>();
        for (X509Certificate certificate : request.knownIntermediates()) {
            known.add(CertificateFacts.of(certificate));
        }
        List<CertificateFacts> anchors = new ArrayList<>();
        for (X509Certificate certificate : request.trustAnchors()) {
            if (issuerNames.contains(certificate.getSubjectX500Principal())) {
                anchors.add(CertificateFacts.of(certificate));
            }
        }
        for (CertificateFacts issuer : known) {
            if (issuer.subject.equals(c.issuer) && SignatureVerifier.verify(c, issuer)) {
                CertificateFacts anchor = anchorAbove(issuer, known, anchors, ChainValidator.DEFAULT_MAX_INTERMEDIATES);
                if (anchor != null) {
                    return new CertificateFacts[] {issuer, anchor};
                }
            }
        }
        return null;
    }

    private static CertificateFacts anchorAbove(CertificateFacts c, List<CertificateFacts> known,
                                                List<CertificateFacts> anchors, int depth) {
        for (CertificateFacts anchor : anchors) {
            if (anchor.subject.equals(c.issuer) && SignatureVerifier.verify(c, anchor)) {
                return anchor;
            }
        }
        if (depth == 0) {
            return null;
        }
        for (CertificateFacts issuer : known) {
            if (issuer != c && issuer.subject.equals(c.issuer) && !issuer.selfIssued && SignatureVerifier.verify(c, issuer)) {
                CertificateFacts anchor = anchorAbove(issuer, known, anchors, depth - 1);
                if (anchor != null) {
                    return anchor;
                }
            }
        }
        return null;
    }

    Problem badSignature(CertificateFacts child, CertificateFacts issuer, boolean isLeaf) {
        String who = isLeaf ? leafWho(child) : "the certificate " + child.displayName();
        return Problem.of(Reason.BAD_SIGNATURE, child, "The signature on " + who
                + " does not verify with the public key of " + issuer.displayName() + ", the issuer it names.");
    }

    /** The search budget ran out before any path ended. */
    Problem searchExhausted(CertificateFacts leaf, int candidatesTried) {
        return Problem.of(Reason.TOO_COMPLEX, leaf, "No path from " + leafWho(leaf)
                + " to a trusted CA was found within " + candidatesTried
                + " candidate issuers; the chain is rejected to protect against denial of service.");
    }

    String validMessage(List<CertificateFacts> path) {
        CertificateFacts anchor = path.get(path.size() - 1);
        String purpose = request.role() == null ? "" : " for " + request.role().label() + " authentication";
        String name = request.expectedName() == null ? "" : " and the name " + request.expectedName().value();
        if (path.size() == 1) {
            return capitalize(leafWho(anchor)) + " is trusted directly" + purpose + name + ".";
        }
        if (path.size() == 2) {
            return capitalize(leafWho(path.get(0))) + " is valid" + purpose + name + ": it is signed directly by the trusted "
                    + anchor.displayName() + ".";
        }
        return capitalize(leafWho(path.get(0))) + " is valid" + purpose + name + ": it chains to the trusted "
                + anchor.displayName() + " through " + (path.size() - 2) + " intermediate"
                + (path.size() == 3 ? "" : "s") + ".";
    }

    /** "the client certificate CN=acme", "the intermediate CA CN=…", "the trusted root CA CN=…". */
    String who(List<CertificateFacts> path, int i) {
        CertificateFacts c = path.get(i);
        if (i == 0) {
            return leafWho(c);
        }
        if (i == path.size() - 1) {
            return (c.selfIssued ? "the trusted root CA " : "the trusted CA ") + c.displayName();
        }
        return "the intermediate CA " + c.displayName();
    }

    private String leafWho(CertificateFacts c) {
        return (request.role() == null ? "the certificate " : "the " + request.role().label() + " certificate ")
                + c.displayName();
    }

    /** "6 days ago" when validating now, else "6 days before the validation time". */
    String relative(Duration duration, boolean past) {
        String amount = Durations.humanize(duration);
        if (atIsNow) {
            return past ? amount + " ago" : "in " + amount;
        }
        return amount + (past ? " before " : " after ") + "the validation time " + at;
    }

    private static String nameOrEmpty(String name) {
        return name.isEmpty() ? "(empty name)" : name;
    }

    private static String caIssuersUrl(CertificateFacts c) {
        Extension extension = c.extension(Extension.authorityInfoAccess);
        if (extension == null) {
            return null;
        }
        try {
            for (AccessDescription description : AuthorityInformationAccess.getInstance(extension.getParsedValue())
                    .getAccessDescriptions()) {
                if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                        && description.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return ((ASN1String) description.getAccessLocation().getName()).getString();
                }
            }
        } catch (RuntimeException malformed) {
            return null;
        }
        return null;
    }
}
