package dev.mtlskit.validation;

import dev.mtlskit.names.Printable;
import dev.mtlskit.names.Emails;
import dev.mtlskit.names.DnsNames;
import java.math.BigInteger;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.PolicyConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import dev.mtlskit.reason.Reason;

/**
 * Checks of one certificate on its own, whatever path it is on: RFC 5280 well-formedness, the
 * extensions the validator understands, and key and signature strength.
 */
final class CertificateProfile {

    /**
     * Critical extensions this validator processes. Certificate policies are not processed: with no
     * required policy set (mtls-kit never asks for one) RFC 5280 6.1 accepts any policies, mappings
     * and inhibitAnyPolicy; only a requireExplicitPolicy constraint would make them matter, and a
     * certificate that carries one is rejected instead (see {@link #check}).
     */
    private static final Set<ASN1ObjectIdentifier> HANDLED = Set.of(
            Extension.basicConstraints, Extension.keyUsage, Extension.extendedKeyUsage,
            Extension.subjectAlternativeName, Extension.nameConstraints, Extension.certificatePolicies,
            Extension.policyConstraints, Extension.policyMappings, Extension.inhibitAnyPolicy);

    /** Extensions RFC 5280 requires to be non-critical. */
    private static final Set<ASN1ObjectIdentifier> MUST_BE_NON_CRITICAL = Set.of(
            Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier, Extension.authorityInfoAccess,
            Extension.cRLDistributionPoints, Extension.subjectInfoAccess);

    private static final Set<ASN1ObjectIdentifier> ALLOWED_CURVES = Set.of(
            SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1, SECObjectIdentifiers.secp521r1);

    private static final int MIN_RSA_BITS = 2048;

    private CertificateProfile() {
    }

    /**
     * Problems of the certificate itself.
     *
     * @param ca whether the certificate acts as a CA on the path (it issued the one below)
     * @param anchor whether it is the trust anchor ending the path: trusted by configuration, so
     *     its serial number and issuer linkage (AKI) are not held against it
     * @param selfSigned whether it is a self-signed trust anchor (its AKI, if any, must match its SKI)
     * @param request what is validated: the role and name for the wording of a fix, whether v1 is accepted
     * @param issuedByV1 whether its issuer on the path is a (trusted, accepted) v1 CA: such a CA has no
     *     subjectKeyIdentifier, so its certificates name it by issuer and serial or not at all
     */
    static Problem check(CertificateFacts c, String who, boolean ca, boolean anchor, boolean selfSigned,
                         ValidationRequest request, boolean issuedByV1) {
        if (c.malformation != null) {
            return malformed(c, who, c.malformation);
        }
        if (c.publicKey == null) {
            return malformed(c, who, "its public key cannot be parsed");
        }
        if (c.version == 1) {
            Problem v1 = version1(c, who, ca, anchor, request);
            if (v1 != null) {
                return v1;
            }
            // Accepted: no extension to check, and a v1 certificate cannot carry key identifiers.
            return checkKey(c, who);
        }
        if (c.version != 3) {
            return malformed(c, who, "it is an X.509 version " + c.version
                    + " certificate; TLS certificates must be version 3 to carry extensions");
        }
        BigInteger serial = c.certificate.getSerialNumber();
        if (serial.signum() <= 0 && !anchor) {
            return malformed(c, who, "its serial number is " + (serial.signum() == 0 ? "zero" : "negative")
                    + " (RFC 5280 requires a positive serial number)");
        }
        if (serial.toByteArray().length > 20 && !anchor) {
            return malformed(c, who, "its serial number is longer than 20 bytes (RFC 5280 allows at most 20)");
        }
        if (!c.tbs.getSignature().equals(c.asn1.getSignatureAlgorithm())) {
            return malformed(c, who, "its inner and outer signature algorithms differ");
        }
        if (c.issuer.getEncoded().length <= 2) {
            return malformed(c, who, "its issuer name is empty");
        }
        boolean emptySubject = c.subjectName.getRDNs().length == 0;
        Extension san = c.extension(Extension.subjectAlternativeName);
        if (emptySubject && ca) {
            return malformed(c, who, "it is a CA certificate with an empty subject name");
        }
        if (emptySubject && (san == null || !san.isCritical())) {
            return malformed(c, who, "its subject is empty but its subjectAltName extension is "
                    + (san == null ? "missing" : "not marked critical"));
        }
        if (!emptySubject && san != null && san.isCritical()) {
            return malformed(c, who, "its subjectAltName extension is marked critical although the subject is not empty");
        }
        for (Extension extension : c.extensions) {
            if (extension.isCritical() && MUST_BE_NON_CRITICAL.contains(extension.getExtnId())) {
                return malformed(c, who, "its " + ExtensionNames.name(extension.getExtnId())
                        + " extension is marked critical (RFC 5280 requires it non-critical)");
            }
        }
        Extension policyConstraints = c.extension(Extension.policyConstraints);
        if (policyConstraints != null && !policyConstraints.isCritical()) {
            return malformed(c, who, "its policyConstraints extension is not marked critical (RFC 5280 requires it critical)");
        }
        if (policyConstraints != null && PolicyConstraints.fromExtensions(new Extensions(policyConstraints))
                .getRequireExplicitPolicyMapping() != null) {
            return Problem.of(Reason.UNHANDLED_CRITICAL_EXTENSION, c, capitalize(who) + " requires explicit certificate "
                    + "policies (policyConstraints requireExplicitPolicy), which this validator does not process; it rejects the chain rather than ignore the constraint.");
        }
        Problem keyIdentifiers = issuedByV1 ? null : checkKeyIdentifiers(c, who, ca, anchor, selfSigned);
        if (keyIdentifiers != null) {
            return keyIdentifiers;
        }
        if (ca && !c.basicConstraintsCritical && c.basicConstraints != null) {
            return malformed(c, who, "its basicConstraints extension is not marked critical (RFC 5280 requires it critical in CA certificates)");
        }
        Extension nameConstraints = c.extension(Extension.nameConstraints);
        if (nameConstraints != null) {
            if (!c.isCa()) {
                return malformed(c, who, "it carries nameConstraints although it is not a CA certificate");
            }
            if (!nameConstraints.isCritical()) {
                return malformed(c, who, "its nameConstraints extension is not marked critical (RFC 5280 requires it critical)");
            }
            String problem = NameConstraintsCheck.malformation(c.nameConstraints);
            if (problem != null) {
                return malformed(c, who, problem);
            }
        }
        String sanProblem = subjectAltNameProblem(c);
        if (sanProblem != null) {
            return malformed(c, who, sanProblem);
        }
        for (Extension extension : c.extensions) {
            if (extension.isCritical() && !HANDLED.contains(extension.getExtnId())
                    && !MUST_BE_NON_CRITICAL.contains(extension.getExtnId())) {
                return Problem.of(Reason.UNHANDLED_CRITICAL_EXTENSION, c, capitalize(who) + " has the extension "
                        + ExtensionNames.name(extension.getExtnId())
                        + " marked critical, which this validator does not understand; RFC 5280 requires rejecting it.");
            }
        }
        return checkKey(c, who);
    }

    /**
     * A v1 certificate: accepted as the leaf or the trust anchor when the request says so, never as an
     * intermediate (without basicConstraints it cannot say it is a CA).
     */
    static Problem version1(CertificateFacts c, String who, boolean ca, boolean anchor,
                                    ValidationRequest request) {
        boolean intermediate = ca && !anchor;
        if (request.acceptV1() && !intermediate) {
            return null;
        }
        String what = capitalize(who) + " is an X.509 version 1 certificate, which carries no extensions";
        if (intermediate) {
            return new Problem(Reason.V1_CERTIFICATE, c, what + ": without basicConstraints it cannot be a CA,"
                    + " so it cannot issue the certificates below it.", V1Certificates.caFix(false, request.role()));
        }
        if (ca) {
            return new Problem(Reason.V1_CERTIFICATE, c, what + " (no basicConstraints, key usage or name"
                    + " constraints).", V1Certificates.caFix(true, request.role()));
        }
        return new Problem(Reason.V1_CERTIFICATE, c, what + " (no basicConstraints, key usage or extended key"
                + " usage), so it cannot say what it may be used for.",
                V1Certificates.leafFix(request.role(), request.expectedName()));
    }

    private static Problem checkKeyIdentifiers(CertificateFacts c, String who, boolean ca, boolean anchor,
                                               boolean selfSigned) {
        if (ca && c.subjectKeyId == null) {
            return malformed(c, who, "it is a CA certificate without a subjectKeyIdentifier extension");
        }
        if (c.authorityKeyId == null) {
            if (!anchor) {
                return malformed(c, who, "it has no authorityKeyIdentifier extension (RFC 5280 requires one in every certificate that is not self-signed)");
            }
            return null;
        }
        if (c.authorityKeyId.getKeyIdentifierObject() == null) {
            return malformed(c, who, "its authorityKeyIdentifier has no keyIdentifier");
        }
        if (c.authorityKeyId.getAuthorityCertIssuer() != null || c.authorityKeyId.getAuthorityCertSerialNumber() != null) {
            return malformed(c, who, "its authorityKeyIdentifier carries an issuer name and serial number (only keyIdentifier is allowed)");
        }
        if (selfSigned && c.subjectKeyId != null
                && !java.util.Arrays.equals(c.subjectKeyId, c.authorityKeyId.getKeyIdentifierOctets())) {
            return malformed(c, who, "it is self-signed but its authorityKeyIdentifier differs from its subjectKeyIdentifier");
        }
        return null;
    }

    private static String subjectAltNameProblem(CertificateFacts c) {
        for (GeneralName name : c.subjectAltNameList()) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName: {
                    String dns = ((ASN1String) name.getName()).getString();
                    if (!DnsNames.isValid(dns, true)) {
                        return "its subjectAltName DNS name \"" + Printable.of(dns) + "\" is not a valid host name"
                                + (dns.matches("[0-9.]+") ? " (an IP address must be an IP SAN, not a DNS SAN)" : "");
                    }
                    break;
                }
                case GeneralName.iPAddress: {
                    int length = ASN1OctetString.getInstance(name.getName()).getOctets().length;
                    if (length != 4 && length != 16) {
                        return "its subjectAltName IP address is " + length + " bytes long (expected 4 or 16)";
                    }
                    break;
                }
                case GeneralName.rfc822Name: {
                    String email = ((ASN1String) name.getName()).getString();
                    if (!Emails.isValidMailbox(email)) {
                        return "its subjectAltName email \"" + Printable.of(email) + "\" is not a valid address";
                    }
                    break;
                }
                case GeneralName.uniformResourceIdentifier: {
                    String uri = ((ASN1String) name.getName()).getString();
                    try {
                        if (new java.net.URI(uri).getScheme() == null) {
                            return "its subjectAltName URI \"" + Printable.of(uri) + "\" has no scheme";
                        }
                    } catch (java.net.URISyntaxException e) {
                        return "its subjectAltName URI \"" + Printable.of(uri) + "\" is not a valid URI";
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return null;
    }

    /** Key algorithm and size: RSA 2048+ (whole bytes), ECDSA on P-256/P-384/P-521 (named), Ed25519/Ed448. */
    private static Problem checkKey(CertificateFacts c, String who) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(c.subjectPublicKeyInfo);
        AlgorithmIdentifier algorithm = spki.getAlgorithm();
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        // RSASSA-PSS keys are RSA keys restricted to PSS signatures: the same size rules (as pki's KeyStrength).
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            int bits;
            try {
                bits = RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus().bitLength();
            } catch (java.io.IOException | RuntimeException e) {
                return malformed(c, who, "its RSA public key cannot be parsed");
            }
            if (bits < MIN_RSA_BITS) {
                return weakKey(c, who, "has an RSA key of only " + bits + " bits (at least 2048 are required)");
            }
            if (bits % 8 != 0) {
                return weakKey(c, who, "has an RSA key of " + bits + " bits, not a whole number of bytes");
            }
            return null;
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)) {
                return weakKey(c, who, "has an EC key with explicit curve parameters instead of a named curve");
            }
            if (!ALLOWED_CURVES.contains(curve)) {
                return weakKey(c, who, "has an EC key on the curve " + curveName(curve)
                        + " (only P-256, P-384 and P-521 are accepted)");
            }
            return null;
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519) || oid.equals(EdECObjectIdentifiers.id_Ed448)) {
            return null;
        }
        if (oid.equals(X9ObjectIdentifiers.id_dsa)) {
            return weakKey(c, who, "has a DSA key (DSA is not accepted for TLS certificates)");
        }
        return weakKey(c, who, "has a key of an unsupported algorithm (" + oid.getId() + ")");
    }

    /** MD2, MD5 and SHA-1 signatures can be forged. */
    static Problem checkSignatureAlgorithm(CertificateFacts c, String who) {
        String name = c.certificate.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
        if (name.contains("MD5") || name.contains("MD2") || name.contains("SHA1") || name.equals("SHA1WITHDSA")) {
            return Problem.of(Reason.WEAK_SIGNATURE_ALGORITHM, c, capitalize(who) + " is signed with "
                    + c.certificate.getSigAlgName() + ", which is broken: such signatures can be forged.");
        }
        return null;
    }

    private static String curveName(ASN1ObjectIdentifier curve) {
        String name = org.bouncycastle.asn1.x9.ECNamedCurveTable.getName(curve);
        return name != null ? name : curve.getId();
    }

    private static Problem weakKey(CertificateFacts c, String who, String what) {
        return Problem.of(Reason.WEAK_KEY, c, capitalize(who) + " " + what + ".");
    }

    static Problem malformed(CertificateFacts c, String who, String what) {
        return Problem.of(Reason.MALFORMED, c, capitalize(who) + " is malformed: " + what + ".");
    }

    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
