package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 certificates that read as what they are for:
 *
 * <pre>{@code
 * HeldCertificate root = HeldCertificate.builder().commonName("Dev Root CA").certificateAuthority(1).build();
 * HeldCertificate client = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
 *     .addDnsName("acme.example").signedBy(root).build();
 * }</pre>
 *
 * <p>Defaults are what a careful CA issues: ECDSA P-256, a random positive 127-bit serial, subject
 * and authority key identifiers, critical basic constraints, key usage and extended key usage that
 * match the purpose. Every default can be overridden, so that tests can build the broken
 * certificates people meet in the wild (expired, no clientAuth, SHA-1, not a CA...).
 *
 * <p>Subject attributes are encoded in the order their setters are called, and RFC 2253 prints
 * them in reverse: call {@code organization(...)} before {@code commonName(...)} to read
 * {@code CN=acme,O=Acme Corp}.
 */
public final class CertificateBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration DEFAULT_LEAF_VALIDITY = Duration.ofDays(397);
    private static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(3650);
    /** Backdating tolerates clocks of peers that run a little behind. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final X500NameBuilder subjectBuilder = new X500NameBuilder(BCStyle.INSTANCE);
    private X500Name subject;
    private KeyType keyType = KeyType.EC_P256;
    private KeyPair keyPair;
    private PublicKey publicKey;
    private Instant notBefore;
    private Instant notAfter;
    private BigInteger serialNumber;
    private boolean certificateAuthority;
    private Integer maxPathLength;
    private Purpose purpose;
    private final List<GeneralName> subjectAltNames = new ArrayList<>();
    private Integer keyUsageBits;
    private List<KeyPurposeId> extendedKeyUsage;
    private String signatureAlgorithm;
    private final List<String> crlUrls = new ArrayList<>();
    private String ocspUrl;
    private String caIssuersUrl;
    private final List<GeneralSubtree> permittedSubtrees = new ArrayList<>();
    private final List<GeneralSubtree> excludedSubtrees = new ArrayList<>();
    private final List<Extension> extraExtensions = new ArrayList<>();
    private HeldCertificate issuer;

    CertificateBuilder() {
    }

    /** The full subject DN, e.g. {@code CN=acme,O=Acme Corp}; replaces the single-attribute setters. */
    public CertificateBuilder subject(String distinguishedName) {
        this.subject = new X500Name(BCStyle.INSTANCE, requireNonNull(distinguishedName, "distinguishedName"));
        return this;
    }

    /** The full subject DN as ASN.1, copied as is (e.g. from a CSR); replaces the single-attribute setters. */
    public CertificateBuilder subject(X500Name distinguishedName) {
        this.subject = requireNonNull(distinguishedName, "distinguishedName");
        return this;
    }

    public CertificateBuilder commonName(String commonName) {
        subjectBuilder.addRDN(BCStyle.CN, requireNonNull(commonName, "commonName"));
        return this;
    }

    public CertificateBuilder organization(String organization) {
        subjectBuilder.addRDN(BCStyle.O, requireNonNull(organization, "organization"));
        return this;
    }

    public CertificateBuilder organizationalUnit(String unit) {
        subjectBuilder.addRDN(BCStyle.OU, requireNonNull(unit, "unit"));
        return this;
    }

    public CertificateBuilder keyType(KeyType keyType) {
        this.keyType = requireNonNull(keyType, "keyType");
        return this;
    }

    /** Certifies an existing key pair instead of generating one. */
    public CertificateBuilder keyPair(KeyPair keyPair) {
        this.keyPair = requireNonNull(keyPair, "keyPair");
        return this;
    }

    /** Certifies a public key whose private key is elsewhere (signing a CSR); use {@link #buildCertificate()}. */
    public CertificateBuilder publicKey(PublicKey publicKey) {
        this.publicKey = requireNonNull(publicKey, "publicKey");
        return this;
    }

    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        this.notBefore = requireNonNull(notBefore, "notBefore");
        this.notAfter = requireNonNull(notAfter, "notAfter");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("validity: " + notBefore + " .. " + notAfter + " (expected: notAfter after notBefore)");
        }
        return this;
    }

    public CertificateBuilder serialNumber(BigInteger serialNumber) {
        this.serialNumber = requireNonNull(serialNumber, "serialNumber");
        return this;
    }

    /**
     * Makes this a CA certificate.
     *
     * @param maxPathLength how many CA certificates may follow below this one, or -1 for no limit
     */
    public CertificateBuilder certificateAuthority(int maxPathLength) {
        this.certificateAuthority = true;
        this.maxPathLength = maxPathLength < 0 ? null : maxPathLength;
        return this;
    }

    public CertificateBuilder purpose(Purpose purpose) {
        this.purpose = requireNonNull(purpose, "purpose");
        return this;
    }

    public CertificateBuilder addDnsName(String name) {
        subjectAltNames.add(new GeneralName(GeneralName.dNSName, requireNonNull(name, "name")));
        return this;
    }

    public CertificateBuilder addIpAddress(String address) {
        try {
            byte[] bytes = InetAddress.getByName(requireNonNull(address, "address")).getAddress();
            subjectAltNames.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(bytes)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("IP address: " + address + " (expected: IPv4 or IPv6 literal)", e);
        }
        return this;
    }

    public CertificateBuilder addUri(String uri) {
        subjectAltNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, requireNonNull(uri, "uri")));
        return this;
    }

    public CertificateBuilder addEmail(String email) {
        subjectAltNames.add(new GeneralName(GeneralName.rfc822Name, requireNonNull(email, "email")));
        return this;
    }

    /** Key usage bits as BouncyCastle's {@link KeyUsage} constants, OR-ed; replaces the purpose's default. */
    public CertificateBuilder keyUsage(int keyUsageBits) {
        this.keyUsageBits = keyUsageBits;
        return this;
    }

    /** Explicit extended key usage; an empty list omits the extension. Replaces the purpose's default. */
    public CertificateBuilder extendedKeyUsage(List<KeyPurposeId> purposes) {
        this.extendedKeyUsage = List.copyOf(purposes);
        return this;
    }

    /** JCA name such as {@code SHA1withRSA}; by default chosen from the issuer's key. */
    public CertificateBuilder signatureAlgorithm(String algorithm) {
        this.signatureAlgorithm = requireNonNull(algorithm, "algorithm");
        return this;
    }

    public CertificateBuilder addCrlDistributionPoint(String url) {
        crlUrls.add(requireNonNull(url, "url"));
        return this;
    }

    public CertificateBuilder ocspUrl(String url) {
        this.ocspUrl = requireNonNull(url, "url");
        return this;
    }

    public CertificateBuilder caIssuersUrl(String url) {
        this.caIssuersUrl = requireNonNull(url, "url");
        return this;
    }

    /** Name constraint: only DNS names at or below {@code domain} may be certified below this CA. */
    public CertificateBuilder permitDnsSubtree(String domain) {
        permittedSubtrees.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
        return this;
    }

    /** Excluded name constraint of any form. */
    public CertificateBuilder excludeSubtree(GeneralName base) {
        excludedSubtrees.add(new GeneralSubtree(requireNonNull(base, "base")));
        return this;
    }

    public CertificateBuilder addExtension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            extraExtensions.add(new Extension(oid, critical, value.toASN1Primitive().getEncoded()));
        } catch (IOException e) {
            throw new IllegalArgumentException("extension " + oid + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The CA that signs this certificate; without one it is self-signed. */
    public CertificateBuilder signedBy(HeldCertificate issuer) {
        this.issuer = requireNonNull(issuer, "issuer");
        return this;
    }

    /** Builds the certificate and returns it with its key pair and issuer chain. */
    public HeldCertificate build() {
        if (publicKey != null) {
            throw new IllegalStateException("publicKey(...) was set: the private key is unknown, use buildCertificate()");
        }
        KeyPair subjectKeys = keyPair != null ? keyPair : keyType.generate();
        X509Certificate certificate = sign(subjectKeys.getPublic(), subjectKeys.getPrivate());
        List<X509Certificate> chain = issuer == null ? List.of() : issuer.fullChain();
        return new HeldCertificate(certificate, subjectKeys, chain);
    }

    /** Builds a certificate for a key set with {@link #publicKey} or {@link #keyPair}. */
    public X509Certificate buildCertificate() {
        PublicKey key = publicKey != null ? publicKey : keyPair != null ? keyPair.getPublic() : null;
        if (key == null) {
            throw new IllegalStateException("no key: call publicKey(...) or keyPair(...) first, or use build()");
        }
        if (issuer == null && (keyPair == null || publicKey != null)) {
            throw new IllegalStateException("a self-signed certificate needs its private key: call keyPair(...)");
        }
        return sign(key, keyPair != null ? keyPair.getPrivate() : null);
    }

    private X509Certificate sign(PublicKey subjectKey, PrivateKey subjectPrivateKey) {
        X500Name subjectName = subject != null ? subject : subjectBuilder.build();
        X500Name issuerName = issuer == null ? subjectName
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        PrivateKey signingKey = issuer == null ? subjectPrivateKey : issuer.keyPair().getPrivate();
        Instant start = notBefore != null ? notBefore : Instant.now().minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
        Instant end = notAfter != null ? notAfter
                : start.plus(certificateAuthority ? DEFAULT_CA_VALIDITY : DEFAULT_LEAF_VALIDITY);
        BigInteger serial = serialNumber != null ? serialNumber : new BigInteger(127, RANDOM).setBit(126);
        try {
            JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serial,
                    Date.from(start), Date.from(end), subjectName,
                    SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(subjectKey));
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensionUtils.createAuthorityKeyIdentifier(issuer.certificate().getPublicKey()));
            }
            BasicConstraints constraints = !certificateAuthority ? new BasicConstraints(false)
                    : maxPathLength == null ? new BasicConstraints(true) : new BasicConstraints(maxPathLength);
            builder.addExtension(Extension.basicConstraints, true, constraints);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageBits != null ? keyUsageBits
                    : defaultKeyUsage(subjectKey)));
            List<KeyPurposeId> purposes = extendedKeyUsage != null ? extendedKeyUsage : defaultExtendedKeyUsage();
            if (!purposes.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            if (!subjectAltNames.isEmpty()) {
                // RFC 5280 4.2.1.6: critical when the subject is empty.
                builder.addExtension(Extension.subjectAlternativeName, subjectName.getRDNs().length == 0,
                        new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
            }
            if (!permittedSubtrees.isEmpty() || !excludedSubtrees.isEmpty()) {
                builder.addExtension(Extension.nameConstraints, true, new NameConstraints(
                        permittedSubtrees.isEmpty() ? null : permittedSubtrees.toArray(GeneralSubtree[]::new),
                        excludedSubtrees.isEmpty() ? null : excludedSubtrees.toArray(GeneralSubtree[]::new)));
            }
            if (!crlUrls.isEmpty()) {
                DistributionPoint[] points = crlUrls.stream()
                        .map(url -> new DistributionPoint(new DistributionPointName(new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null))
                        .toArray(DistributionPoint[]::new);
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
            }
            List<AccessDescription> access = new ArrayList<>();
            if (ocspUrl != null) {
                access.add(new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl)));
            }
            if (caIssuersUrl != null) {
                access.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, caIssuersUrl)));
            }
            if (!access.isEmpty()) {
                builder.addExtension(Extension.authorityInfoAccess, false,
                        AuthorityInformationAccess.getInstance(new DERSequence(access.toArray(AccessDescription[]::new))));
            }
            for (Extension extension : extraExtensions) {
                builder.addExtension(extension);
            }
            String algorithm = signatureAlgorithm != null ? signatureAlgorithm : KeyType.signatureAlgorithmFor(signingKey);
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
        } catch (IOException | OperatorCreationException | CertificateException
                 | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot build certificate " + subjectName + ": " + e.getMessage(), e);
        }
    }

    private int defaultKeyUsage(PublicKey subjectKey) {
        if (certificateAuthority) {
            return KeyUsage.keyCertSign | KeyUsage.cRLSign;
        }
        int bits = KeyUsage.digitalSignature;
        // TLS 1.2 RSA key exchange encrypts to the server's key.
        if ("RSA".equals(subjectKey.getAlgorithm()) && purpose != null && purpose.serverAuth()) {
            bits |= KeyUsage.keyEncipherment;
        }
        return bits;
    }

    private List<KeyPurposeId> defaultExtendedKeyUsage() {
        if (certificateAuthority || purpose == null) {
            return List.of();
        }
        List<KeyPurposeId> purposes = new ArrayList<>(2);
        if (purpose.serverAuth()) {
            purposes.add(KeyPurposeId.id_kp_serverAuth);
        }
        if (purpose.clientAuth()) {
            purposes.add(KeyPurposeId.id_kp_clientAuth);
        }
        return purposes;
    }
}
