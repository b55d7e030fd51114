package dev.mtlskit.validation;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.mtlskit.names.Printable;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * Everything the validator needs to know about one certificate, parsed once. Structural problems
 * found while parsing are kept in {@link #malformation} instead of thrown, so that a malformed
 * certificate can still be named in the verdict.
 */
final class CertificateFacts {

    /** Longer subjects are cut in messages: a log line must stay a line. */
    private static final int MAX_DISPLAY_NAME = 160;

    final X509Certificate certificate;
    final byte[] encoded;
    final X500Principal subject;
    final X500Principal issuer;
    final X500Name subjectName;
    final boolean selfIssued;
    final PublicKey publicKey;
    final byte[] subjectPublicKeyInfo;
    final Instant notBefore;
    final Instant notAfter;
    final int version;
    final TBSCertificate tbs;
    final Certificate asn1;
    /** Extensions by OID as they appear in the certificate (duplicates already rejected). */
    final List<Extension> extensions;
    final BasicConstraints basicConstraints;
    final boolean basicConstraintsCritical;
    final KeyUsage keyUsage;
    /** Extended key usage OIDs, or {@code null} when the extension is absent. */
    final Set<ASN1ObjectIdentifier> extendedKeyUsage;
    final byte[] subjectKeyId;
    final AuthorityKeyIdentifier authorityKeyId;
    final GeneralNames subjectAltNames;
    final NameConstraints nameConstraints;
    /** The CRL distribution points (RFC 5280 4.2.1.13); empty when the extension is absent. */
    final List<DistributionPoint> distributionPoints;
    /** The first structural problem, or {@code null} for a well-formed certificate. */
    final String malformation;

    private CertificateFacts(X509Certificate certificate, Builder b) {
        this.certificate = certificate;
        this.encoded = b.encoded;
        this.subject = certificate.getSubjectX500Principal();
        this.issuer = certificate.getIssuerX500Principal();
        this.subjectName = b.tbs == null ? X500Name.getInstance(subject.getEncoded()) : b.tbs.getSubject();
        this.selfIssued = subject.equals(issuer);
        this.publicKey = b.publicKey;
        this.subjectPublicKeyInfo = b.spki;
        this.notBefore = certificate.getNotBefore().toInstant();
        this.notAfter = certificate.getNotAfter().toInstant();
        this.version = certificate.getVersion();
        this.tbs = b.tbs;
        this.asn1 = b.asn1;
        this.extensions = List.copyOf(b.extensions);
        this.basicConstraints = b.basicConstraints;
        this.basicConstraintsCritical = b.basicConstraintsCritical;
        this.keyUsage = b.keyUsage;
        this.extendedKeyUsage = b.extendedKeyUsage;
        this.subjectKeyId = b.subjectKeyId;
        this.authorityKeyId = b.authorityKeyId;
        this.subjectAltNames = b.subjectAltNames;
        this.nameConstraints = b.nameConstraints;
        this.distributionPoints = List.copyOf(b.distributionPoints);
        this.malformation = b.malformation;
    }

    static CertificateFacts of(X509Certificate certificate) {
        Builder b = new Builder();
        try {
            b.encoded = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
        try {
            b.asn1 = Certificate.getInstance(b.encoded);
            b.tbs = b.asn1.getTBSCertificate();
            b.spki = b.tbs.getSubjectPublicKeyInfo().getEncoded();
        } catch (RuntimeException | java.io.IOException e) {
            b.malformed("its DER structure cannot be parsed (" + e.getMessage() + ")");
        }
        try {
            b.publicKey = certificate.getPublicKey();
        } catch (RuntimeException e) {
            b.publicKey = null;
        }
        if (b.tbs != null) {
            b.readExtensions();
        }
        return new CertificateFacts(certificate, b);
    }

    boolean isCa() {
        return basicConstraints != null && basicConstraints.isCA();
    }

    boolean hasKeyUsage(int bit) {
        return keyUsage == null || keyUsage.hasUsages(bit);
    }

    boolean hasExtendedKeyUsage(KeyPurposeId purpose) {
        return extendedKeyUsage != null && extendedKeyUsage.contains(purpose.toOID());
    }

    Extension extension(ASN1ObjectIdentifier oid) {
        for (Extension extension : extensions) {
            if (extension.getExtnId().equals(oid)) {
                return extension;
            }
        }
        return null;
    }

    List<GeneralName> subjectAltNameList() {
        return subjectAltNames == null ? List.of() : Arrays.asList(subjectAltNames.getNames());
    }

    /** Subject for messages: "(empty subject)" when there is none, shortened when absurdly long. */
    String displayName() {
        String name = subject.getName();
        if (name.isEmpty()) {
            return "(empty subject)";
        }
        name = Printable.of(name);
        return name.length() <= MAX_DISPLAY_NAME ? name : name.substring(0, MAX_DISPLAY_NAME) + "...";
    }

    /** Collects parse results; the first malformation wins. */
    private static final class Builder {
        byte[] encoded;
        Certificate asn1;
        TBSCertificate tbs;
        byte[] spki;
        PublicKey publicKey;
        final List<Extension> extensions = new ArrayList<>();
        BasicConstraints basicConstraints;
        boolean basicConstraintsCritical;
        KeyUsage keyUsage;
        Set<ASN1ObjectIdentifier> extendedKeyUsage;
        byte[] subjectKeyId;
        AuthorityKeyIdentifier authorityKeyId;
        GeneralNames subjectAltNames;
        NameConstraints nameConstraints;
        List<DistributionPoint> distributionPoints = List.of();
        String malformation;

        void malformed(String problem) {
            if (malformation == null) {
                malformation = problem;
            }
        }

        void readExtensions() {
            // Read the raw sequence: parsers that build a map silently keep one of two duplicates.
            ASN1Sequence rawExtensions = null;
            ASN1Sequence tbsSequence = ASN1Sequence.getInstance(tbs.toASN1Primitive());
            for (ASN1Encodable element : tbsSequence) {
                if (element instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    rawExtensions = ASN1Sequence.getInstance(tagged.getExplicitBaseObject());
                }
            }
            if (rawExtensions == null) {
                return;
            }
            if (rawExtensions.size() == 0) {
                malformed("it has an empty extensions list (RFC 5280 requires at least one extension when the field is present)");
            }
            Set<ASN1ObjectIdentifier> seen = new HashSet<>();
            for (ASN1Encodable element : rawExtensions) {
                Extension extension;
                try {
                    extension = Extension.getInstance(element);
                } catch (RuntimeException e) {
                    malformed("an extension cannot be parsed");
                    continue;
                }
                if (!seen.add(extension.getExtnId())) {
                    malformed("it contains the extension " + ExtensionNames.name(extension.getExtnId()) + " twice");
                }
                extensions.add(extension);
                parse(extension);
            }
        }

        private void parse(Extension extension) {
            ASN1ObjectIdentifier oid = extension.getExtnId();
            String name = ExtensionNames.name(oid);
            try {
                if (oid.equals(Extension.basicConstraints)) {
                    basicConstraints = BasicConstraints.getInstance(extension.getParsedValue());
                    basicConstraintsCritical = extension.isCritical();
                } else if (oid.equals(Extension.keyUsage)) {
                    keyUsage = KeyUsage.getInstance(extension.getParsedValue());
                } else if (oid.equals(Extension.extendedKeyUsage)) {
                    ASN1Sequence purposes = ASN1Sequence.getInstance(extension.getParsedValue());
                    if (purposes.size() == 0) {
                        malformed("its extended key usage extension is an empty list");
                    }
                    extendedKeyUsage = new HashSet<>();
                    for (ASN1Encodable purpose : purposes) {
                        extendedKeyUsage.add(ASN1ObjectIdentifier.getInstance(purpose));
                    }
                } else if (oid.equals(Extension.subjectKeyIdentifier)) {
                    subjectKeyId = SubjectKeyIdentifier.getInstance(extension.getParsedValue()).getKeyIdentifier();
                } else if (oid.equals(Extension.authorityKeyIdentifier)) {
                    authorityKeyId = AuthorityKeyIdentifier.getInstance(extension.getParsedValue());
                } else if (oid.equals(Extension.subjectAlternativeName)) {
                    subjectAltNames = GeneralNames.getInstance(extension.getParsedValue());
                    if (subjectAltNames.getNames().length == 0) {
                        malformed("its subjectAltName extension is an empty list");
                    }
                } else if (oid.equals(Extension.nameConstraints)) {
                    nameConstraints = NameConstraints.getInstance(extension.getParsedValue());
                } else if (oid.equals(Extension.authorityInfoAccess)) {
                    org.bouncycastle.asn1.x509.AuthorityInformationAccess.getInstance(extension.getParsedValue())
                            .getAccessDescriptions();
                } else if (oid.equals(Extension.policyConstraints)) {
                    org.bouncycastle.asn1.x509.PolicyConstraints.getInstance(extension.getParsedValue());
                } else if (oid.equals(Extension.certificatePolicies)) {
                    org.bouncycastle.asn1.x509.CertificatePolicies.getInstance(extension.getParsedValue());
                } else if (oid.equals(Extension.cRLDistributionPoints)) {
                    distributionPoints = List.of(CRLDistPoint.getInstance(extension.getParsedValue()).getDistributionPoints());
                }
            } catch (RuntimeException e) {
                malformed("its " + name + " extension cannot be parsed");
            }
        }
    }
}
