package dev.mtlskit.inspect;

import dev.mtlskit.material.Issuers;
import dev.mtlskit.names.IpAddresses;
import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

import dev.mtlskit.material.PrivateKeys;
import dev.mtlskit.pki.KeyStrength;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.V1Certificates;

/** Reads the facts of one certificate into a {@link CertificateReport}, judging validity at the clock's time. */
public final class CertificateInspector {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final Map<String, String> EXTENDED_KEY_USAGE_NAMES = Map.of(
            SERVER_AUTH, "serverAuth",
            CLIENT_AUTH, "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.8", "timeStamping",
            "1.3.6.1.5.5.7.3.9", "OCSPSigning",
            ANY_EXTENDED_KEY_USAGE, "anyExtendedKeyUsage");
    /** In the order of the KeyUsage bit string (RFC 5280 4.2.1.3). */
    private static final List<String> KEY_USAGE_NAMES = List.of("digitalSignature", "nonRepudiation",
            "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly",
            "decipherOnly");
    static final String NO_CLIENT_AUTH = "no clientAuth: servers that check the purpose will reject it as a client "
            + "certificate (public CAs stopped issuing clientAuth in 2026)";

    private final Clock clock;

    public CertificateInspector(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    public CertificateReport inspect(X509Certificate certificate) {
        requireNonNull(certificate, "certificate");
        X509CertificateHolder holder = holder(certificate);
        Extensions extensions = holder.getExtensions();
        boolean selfSigned = Issuers.isSelfSigned(certificate);
        CaConstraints constraints = constraints(certificate, extensions);
        List<String> extendedKeyUsage = extendedKeyUsage(certificate);
        List<String> keyUsage = keyUsage(certificate);
        List<SubjectAltName> names = subjectAltNames(extensions);
        CertificateRole role = constraints.ca() ? (selfSigned ? CertificateRole.ROOT_CA : CertificateRole.INTERMEDIATE_CA)
                : (selfSigned ? CertificateRole.SELF_SIGNED_LEAF : CertificateRole.LEAF);
        List<String> ocsp = new ArrayList<>();
        List<String> caIssuers = new ArrayList<>();
        AuthorityInformationAccess access = AuthorityInformationAccess.fromExtensions(extensions);
        if (access != null) {
            for (AccessDescription description : access.getAccessDescriptions()) {
                Optional<String> url = uri(description.getAccessLocation());
                if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                    url.ifPresent(ocsp::add);
                } else if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)) {
                    url.ifPresent(caIssuers::add);
                }
            }
        }
        return new CertificateReport(
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                serial(certificate.getSerialNumber()),
                role,
                Validity.at(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), clock.instant()),
                keyFacts(certificate.getPublicKey()),
                certificate.getSigAlgName(),
                names,
                keyUsage,
                extendedKeyUsage,
                constraints,
                selfSigned,
                Fingerprints.sha256Colon(certificate),
                Fingerprints.spkiPin(certificate),
                ocsp,
                caIssuers,
                crlUrls(extensions),
                findings(certificate, constraints, keyUsage, extendedKeyUsage, names));
    }

    /** The subject alternative names, in certificate order; IPv6 addresses in their RFC 5952 short form. */
    public static List<SubjectAltName> subjectAltNames(X509Certificate certificate) {
        return subjectAltNames(holder(requireNonNull(certificate, "certificate")).getExtensions());
    }

    /** Type and size of a public or private key. */
    public static KeyFacts keyFacts(java.security.Key key) {
        int bits = key instanceof RSAKey rsa ? rsa.getModulus().bitLength()
                : key instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize()
                : "Ed25519".equals(key.getAlgorithm()) ? 256
                : "Ed448".equals(key.getAlgorithm()) ? 456
                : 0;
        return new KeyFacts(PrivateKeys.describe(key), key.getAlgorithm(), bits);
    }

    private static List<Finding> findings(X509Certificate certificate, CaConstraints constraints, List<String> keyUsage,
                                          List<String> extendedKeyUsage, List<SubjectAltName> names) {
        List<Finding> findings = new ArrayList<>();
        PublicKey key = certificate.getPublicKey();
        KeyStrength.weakness(key).ifPresent(weakness -> findings.add(new Finding(Reason.WEAK_KEY,
                "weak key: " + weakness + "; validators refuse it, reissue with ECDSA P-256 or RSA 2048+")));
        if (certificate.getVersion() == 1) {
            // The validator's verdict in the same words: V1_CERTIFICATE with its fix.
            findings.add(new Finding(Reason.V1_CERTIFICATE, Issuers.isSelfSigned(certificate)
                    ? "an X.509 version 1 CA certificate, which carries no extensions: strict validators (mtls verify,"
                    + " mtls serve) refuse it unless told to accept v1 certificates (mtls serve "
                    + V1Certificates.SERVE_OPTION + "); fix: " + V1Certificates.rootFix()
                    : "an X.509 version 1 certificate, which carries no extensions (no basicConstraints, key usage or"
                    + " extended key usage): strict validators (mtls verify, mtls serve) refuse it; fix: "
                    + V1Certificates.leafFix(PeerRole.CLIENT, null)));
        }
        String signature = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if ((signature.contains("SHA1") || signature.contains("MD5") || signature.contains("MD2"))
                && !Issuers.isSelfSigned(certificate)) {
            findings.add(new Finding(Reason.WEAK_SIGNATURE_ALGORITHM, "signed with " + certificate.getSigAlgName()
                    + ", which is broken: validators refuse it, reissue it signed with SHA-256"));
        }
        if (constraints.ca()) {
            if (!keyUsage.isEmpty() && !keyUsage.contains("keyCertSign")) {
                findings.add(new Finding(Reason.BAD_KEY_USAGE, "a CA without keyCertSign in its key usage: "
                        + "certificates it signed will be rejected"));
            }
            return findings;
        }
        if (!extendedKeyUsage.isEmpty() && !extendedKeyUsage.contains("clientAuth")
                && !extendedKeyUsage.contains("anyExtendedKeyUsage")) {
            findings.add(new Finding(Reason.WRONG_PURPOSE, NO_CLIENT_AUTH));
        }
        boolean serverAuth = extendedKeyUsage.isEmpty() || extendedKeyUsage.contains("serverAuth");
        boolean hasHostName = names.stream().anyMatch(name -> name.type() == SubjectAltName.Type.DNS
                || name.type() == SubjectAltName.Type.IP);
        if (serverAuth && !extendedKeyUsage.isEmpty() && !hasHostName) {
            findings.add(new Finding(Reason.NAME_MISMATCH, "no DNS name or IP address in subjectAltName: TLS clients "
                    + "ignore the CN, so no host name will match it as a server certificate"));
        }
        return findings;
    }

    private static CaConstraints constraints(X509Certificate certificate, Extensions extensions) {
        boolean present = extensions != null && extensions.getExtension(Extension.basicConstraints) != null;
        int pathLength = certificate.getBasicConstraints();
        boolean ca = pathLength >= 0;
        return new CaConstraints(present, ca, ca && pathLength != Integer.MAX_VALUE ? pathLength : null);
    }

    private static List<String> keyUsage(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        List<String> names = new ArrayList<>();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KEY_USAGE_NAMES.size(); i++) {
                if (bits[i]) {
                    names.add(KEY_USAGE_NAMES.get(i));
                }
            }
        }
        return names;
    }

    private static List<String> extendedKeyUsage(X509Certificate certificate) {
        try {
            List<String> oids = certificate.getExtendedKeyUsage();
            return oids == null ? List.of()
                    : oids.stream().map(oid -> EXTENDED_KEY_USAGE_NAMES.getOrDefault(oid, oid)).toList();
        } catch (CertificateParsingException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }

    private static List<SubjectAltName> subjectAltNames(Extensions extensions) {
        GeneralNames names = extensions == null ? null
                : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (names == null) {
            return List.of();
        }
        List<SubjectAltName> result = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            result.add(switch (name.getTagNo()) {
                case GeneralName.dNSName -> new SubjectAltName(SubjectAltName.Type.DNS, text(name));
                case GeneralName.rfc822Name -> new SubjectAltName(SubjectAltName.Type.EMAIL, text(name));
                case GeneralName.uniformResourceIdentifier -> new SubjectAltName(SubjectAltName.Type.URI, text(name));
                case GeneralName.iPAddress -> new SubjectAltName(SubjectAltName.Type.IP,
                        IpAddresses.format(ASN1OctetString.getInstance(name.getName()).getOctets()));
                case GeneralName.directoryName -> new SubjectAltName(SubjectAltName.Type.OTHER,
                        "directoryName " + name.getName());
                case GeneralName.registeredID -> new SubjectAltName(SubjectAltName.Type.OTHER,
                        "registeredID " + name.getName());
                default -> new SubjectAltName(SubjectAltName.Type.OTHER, otherName(name));
            });
        }
        return result;
    }

    private static String otherName(GeneralName name) {
        return switch (name.getTagNo()) {
            case GeneralName.otherName -> "otherName";
            case GeneralName.x400Address -> "x400Address";
            case GeneralName.ediPartyName -> "ediPartyName";
            default -> "tag " + name.getTagNo();
        };
    }

    private static List<String> crlUrls(Extensions extensions) {
        CRLDistPoint points = extensions == null ? null : CRLDistPoint.fromExtensions(extensions);
        List<String> urls = new ArrayList<>();
        if (points != null) {
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                        uri(general).ifPresent(urls::add);
                    }
                }
            }
        }
        return urls;
    }

    private static Optional<String> uri(GeneralName name) {
        return name.getTagNo() == GeneralName.uniformResourceIdentifier ? Optional.of(text(name)) : Optional.empty();
    }

    private static String text(GeneralName name) {
        return ((ASN1String) name.getName()).getString();
    }

    private static String serial(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new JcaX509CertificateHolder(certificate);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a parsed certificate: " + e.getMessage(), e);
        }
    }

}
