package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import dev.mtlskit.pki.Csr;
import dev.mtlskit.pki.KeyStrength;
import dev.mtlskit.pki.PkiException;
import dev.mtlskit.reason.Reason;

/**
 * Reads a certificate signing request (PKCS#10, PEM or DER) into a {@link CsrReport}: what it asks
 * a CA to certify, whether its signature holds, and what a CA or a peer will likely object to.
 */
public final class CsrInspector {

    /** {@link KeyUsage}'s masks, in the order of {@link CertificateInspector#keyUsageNames()}. */
    private static final int[] KEY_USAGE_MASKS = {KeyUsage.digitalSignature, KeyUsage.nonRepudiation,
            KeyUsage.keyEncipherment, KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign,
            KeyUsage.cRLSign, KeyUsage.encipherOnly, KeyUsage.decipherOnly};

    private CsrInspector() {
    }

    /**
     * @throws PkiException when the content is not a CSR, or its key cannot be read (the message says why)
     */
    public static CsrReport inspect(byte[] content, String source) {
        requireNonNull(content, "content");
        requireNonNull(source, "source");
        PKCS10CertificationRequest request = Csr.decode(content, source);
        PublicKey publicKey;
        try {
            publicKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new PkiException(source + ": its public key cannot be read (" + e.getMessage() + "): create a new CSR "
                    + "with an ECDSA or RSA key", e);
        }
        boolean signatureValid;
        try {
            signatureValid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey));
        } catch (Exception e) { // an algorithm the provider cannot verify counts as not verified
            signatureValid = false;
        }
        Extensions extensions = requestedExtensions(request);
        List<SubjectAltName> names = extensions == null ? List.of() : CertificateInspector.subjectAltNames(extensions);
        List<String> keyUsage = keyUsage(extensions);
        List<String> extendedKeyUsage = extendedKeyUsage(extensions);
        BasicConstraints constraints = extensions == null ? null : BasicConstraints.fromExtensions(extensions);
        boolean requestsCa = constraints != null && constraints.isCA();
        return new CsrReport(source, subject(request),
                CertificateInspector.keyFacts(publicKey), spkiPin(request),
                new DefaultAlgorithmNameFinder().getAlgorithmName(request.getSignatureAlgorithm()), signatureValid,
                names, keyUsage, extendedKeyUsage, requestsCa,
                findings(publicKey, signatureValid, names, extendedKeyUsage, requestsCa, looksLikeAHost(request)));
    }

    private static List<Finding> findings(PublicKey key, boolean signatureValid, List<SubjectAltName> names,
                                          List<String> extendedKeyUsage, boolean requestsCa, boolean hostCn) {
        List<Finding> findings = new ArrayList<>();
        if (!signatureValid) {
            findings.add(new Finding(Reason.BAD_SIGNATURE, "its signature does not verify with the key it contains: it was "
                    + "altered, or not signed with that key; CAs refuse it, create a new CSR"));
        }
        KeyStrength.weakness(key).ifPresent(weakness -> findings.add(new Finding(Reason.WEAK_KEY,
                "weak key: " + weakness + "; CAs and validators refuse it, create the CSR with ECDSA P-256 or RSA 2048+")));
        if (requestsCa) {
            findings.add(new Finding(Reason.CA_AS_LEAF, "it requests CA rights (basicConstraints CA:TRUE): a client or "
                    + "server certificate must not be a CA, and mtls pki sign never grants them"));
        }
        boolean anyPurpose = extendedKeyUsage.isEmpty() || extendedKeyUsage.contains("anyExtendedKeyUsage");
        if (!anyPurpose && !extendedKeyUsage.contains("clientAuth")) {
            findings.add(new Finding(Reason.WRONG_PURPOSE, "it requests " + String.join(", ", extendedKeyUsage)
                    + " without clientAuth: as a client certificate, servers that check the purpose will reject it "
                    + "(mtls pki sign sets the purpose from --purpose)"));
        }
        boolean hasHostName = names.stream().anyMatch(name -> name.type() == SubjectAltName.Type.DNS
                || name.type() == SubjectAltName.Type.IP);
        // Only for what may be a server: a client's CSR is mostly a CN alone, which is fine.
        if (!hasHostName && (extendedKeyUsage.contains("serverAuth") || extendedKeyUsage.isEmpty() && hostCn)) {
            findings.add(new Finding(Reason.NAME_MISMATCH, "no DNS name or IP address requested: enough for a client "
                    + "certificate, but as a server certificate no host name will match it (TLS clients ignore the CN)"));
        }
        return findings;
    }

    /** Whether the subject's CN is a host name (with a dot), localhost or an IP address: the name of a server. */
    private static boolean looksLikeAHost(PKCS10CertificationRequest request) {
        for (RDN rdn : request.getSubject().getRDNs(BCStyle.CN)) {
            String cn = IETFUtils.valueToString(rdn.getFirst().getValue());
            if (cn.contains(".") || cn.contains(":") || cn.equalsIgnoreCase("localhost")) {
                return true;
            }
        }
        return false;
    }

    /** The extensions of the extensionRequest attribute (PKCS#9), or {@code null} when none are requested. */
    private static Extensions requestedExtensions(PKCS10CertificationRequest request) {
        for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            ASN1Set values = attribute.getAttrValues();
            if (values.size() > 0) {
                return Extensions.getInstance(values.getObjectAt(0));
            }
        }
        return null;
    }

    private static List<String> keyUsage(Extensions extensions) {
        KeyUsage usage = extensions == null ? null : KeyUsage.fromExtensions(extensions);
        List<String> names = new ArrayList<>();
        if (usage != null) {
            for (int i = 0; i < KEY_USAGE_MASKS.length; i++) {
                if (usage.hasUsages(KEY_USAGE_MASKS[i])) {
                    names.add(CertificateInspector.keyUsageNames().get(i));
                }
            }
        }
        return names;
    }

    private static List<String> extendedKeyUsage(Extensions extensions) {
        ExtendedKeyUsage usage = extensions == null ? null : ExtendedKeyUsage.fromExtensions(extensions);
        List<String> names = new ArrayList<>();
        if (usage != null) {
            for (KeyPurposeId purpose : usage.getUsages()) {
                names.add(CertificateInspector.extendedKeyUsageName(purpose.getId()));
            }
        }
        return names;
    }

    /** As for certificates: RFC 2253, as the JDK writes it. */
    private static String subject(PKCS10CertificationRequest request) {
        try {
            return new X500Principal(request.getSubject().getEncoded("DER")).getName(X500Principal.RFC2253);
        } catch (IOException | IllegalArgumentException e) {
            return request.getSubject().toString();
        }
    }

    /** As {@link Fingerprints#spkiPin}: base64 SHA-256 of the SubjectPublicKeyInfo as the request encodes it. */
    private static String spkiPin(PKCS10CertificationRequest request) {
        try {
            return Base64.getEncoder().encodeToString(Fingerprints.sha256(request.getSubjectPublicKeyInfo().getEncoded("DER")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a parsed public key: " + e.getMessage(), e);
        }
    }
}
