package dev.mtlskit.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.CertificateBuilder;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.reason.Reason;

/** Every reason code the validator gives, each with the sentence a user reads. */
class ChainValidatorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant START = NOW.minus(Duration.ofDays(30));
    private static final Instant END = NOW.plus(Duration.ofDays(335));

    private final HeldCertificate root = ca("Test Root").certificateAuthority(1).build();
    private final HeldCertificate intermediate = ca("Test Intermediate").certificateAuthority(0).signedBy(root).build();

    private static CertificateBuilder ca(String name) {
        return HeldCertificate.builder().commonName(name).validity(START.minus(Duration.ofDays(365)), END.plus(Duration.ofDays(3650)));
    }

    private CertificateBuilder client(String name) {
        return HeldCertificate.builder().commonName(name).purpose(Purpose.CLIENT).validity(START, END).signedBy(intermediate);
    }

    private CertificateBuilder server(String host) {
        return HeldCertificate.builder().commonName(host).purpose(Purpose.SERVER).addDnsName(host)
                .validity(START, END).signedBy(intermediate);
    }

    private Verdict validate(PeerRole role, List<X509Certificate> chain) {
        return validate(ValidationRequest.builder().chain(chain).role(role));
    }

    private Verdict validate(ValidationRequest.Builder request) {
        return new ChainValidator().validate(request.trustAnchors(List.of(root.certificate())).at(NOW).build());
    }

    @Test
    void validClientChain() {
        HeldCertificate acme = client("acme").build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme is valid for client authentication: "
                + "it chains to the trusted CN=Test Root through 1 intermediate.");
        assertThat(verdict.path()).containsExactly(acme.certificate(), intermediate.certificate(), root.certificate());
    }

    @Test
    void intermediatesInAnyOrderAndExtraCertificatesAreFine() {
        HeldCertificate other = ca("Unrelated").certificateAuthority(0).build();
        HeldCertificate acme = client("acme").build();
        Verdict verdict = validate(PeerRole.CLIENT, List.of(acme.certificate(), other.certificate(),
                root.certificate(), intermediate.certificate()));
        assertThat(verdict.valid()).isTrue();
    }

    @Test
    void selfSignedCertificateTrustedDirectly() {
        HeldCertificate pinned = HeldCertificate.builder().commonName("pinned").purpose(Purpose.SERVER)
                .addDnsName("pinned.example").validity(START, END).build();
        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder().chain(List.of(pinned.certificate()))
                .trustAnchors(List.of(pinned.certificate())).role(PeerRole.SERVER).expectedName("pinned.example")
                .at(NOW).build());
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.message()).isEqualTo("The server certificate CN=pinned is trusted directly for server authentication and the name pinned.example.");
    }

    @Test
    void expired() {
        HeldCertificate acme = client("acme").validity(NOW.minus(Duration.ofDays(36)), NOW.minus(Duration.ofDays(6))).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(verdict.subject()).isEqualTo("CN=acme");
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme expired on 2026-05-26T12:00:00Z "
                + "(6 days before the validation time 2026-06-01T12:00:00Z).");
        assertThat(verdict.fix()).contains("renew the certificate");
    }

    @Test
    void expiredNowSaysAgo() {
        Instant now = Instant.now();
        HeldCertificate acme = client("acme").validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(6))).build();
        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder().chain(acme.chainWithoutRoot())
                .trustAnchors(List.of(root.certificate())).role(PeerRole.CLIENT).build());
        assertThat(verdict.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(verdict.message()).endsWith("(6 days ago).");
    }

    @Test
    void notYetValid() {
        HeldCertificate acme = client("acme").validity(NOW.plus(Duration.ofDays(3)), END).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(verdict.message()).startsWith("The client certificate CN=acme is not valid until 2026-06-04T12:00:00Z (3 days after");
    }

    @Test
    void expiredIntermediateIsNamed() {
        HeldCertificate oldIntermediate = ca("Old Intermediate").validity(START.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)))
                .certificateAuthority(0).signedBy(root).build();
        HeldCertificate acme = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
                .validity(START, END).signedBy(oldIntermediate).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(verdict.subject()).isEqualTo("CN=Old Intermediate");
        assertThat(verdict.message()).startsWith("The intermediate CA CN=Old Intermediate expired on");
    }

    @Test
    void untrustedRoot() {
        HeldCertificate otherRoot = ca("Other Root").certificateAuthority(0).build();
        HeldCertificate acme = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
                .validity(START, END).signedBy(otherRoot).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.fullChain());
        assertThat(verdict.reason()).isEqualTo(Reason.UNTRUSTED_ROOT);
        assertThat(verdict.subject()).isEqualTo("CN=Other Root");
        assertThat(verdict.message()).isEqualTo("The chain ends at the self-signed root CN=Other Root, which is not in the trusted CA bundle.");
    }

    @Test
    void selfSignedLeafIsAnUntrustedRoot() {
        HeldCertificate selfSigned = HeldCertificate.builder().commonName("me").purpose(Purpose.CLIENT).validity(START, END).build();
        Verdict verdict = validate(PeerRole.CLIENT, List.of(selfSigned.certificate()));
        assertThat(verdict.reason()).isEqualTo(Reason.UNTRUSTED_ROOT);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=me is self-signed and is not in the trusted CA bundle.");
    }

    @Test
    void missingIntermediateMentionsAiaUrl() {
        HeldCertificate api = server("api.example").caIssuersUrl("http://ca.example/intermediate.crt").build();
        Verdict verdict = validate(PeerRole.SERVER, List.of(api.certificate()));
        assertThat(verdict.reason()).isEqualTo(Reason.MISSING_INTERMEDIATE);
        assertThat(verdict.subject()).isEqualTo("CN=api.example");
        assertThat(verdict.message()).isEqualTo("The chain stops at the server certificate CN=api.example: its issuer "
                + "CN=Test Intermediate was neither sent with it nor trusted. The issuer's certificate can be downloaded "
                + "from http://ca.example/intermediate.crt.");
    }

    @Test
    void aClientCertificateFromAnUnknownIssuerNamesTheTrustedCas() {
        HeldCertificate otherRoot = ca("Other Root").certificateAuthority(0).build();
        HeldCertificate stranger = HeldCertificate.builder().commonName("stranger").purpose(Purpose.CLIENT)
                .validity(START, END).signedBy(otherRoot).build();
        Verdict verdict = validate(PeerRole.CLIENT, List.of(stranger.certificate()));
        assertThat(verdict.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=stranger was issued by CN=Other Root, which is"
                + " not a trusted CA here (the trusted CAs: CN=Test Root), and its certificate was not sent with it.");
        assertThat(verdict.fix()).isEqualTo("use a client certificate issued by CN=Test Root, or have CN=Other Root (or"
                + " the root CA above it) trusted; if CN=Other Root is an intermediate below a trusted CA, send it with the"
                + " certificate (full chain, leaf first)");
    }

    @Test
    void aClientCertificateBelowAKnownIntermediateThatWasNotSentIsAMissingIntermediate() {
        HeldCertificate acme = client("acme").build();
        Verdict verdict = validate(ValidationRequest.builder().chain(List.of(acme.certificate())).role(PeerRole.CLIENT)
                .knownIntermediates(List.of(intermediate.certificate())));
        assertThat(verdict.reason()).isEqualTo(Reason.MISSING_INTERMEDIATE);
        assertThat(verdict.message()).isEqualTo("The chain stops at the client certificate CN=acme: its issuer"
                + " CN=Test Intermediate, an intermediate CA below the trusted CN=Test Root, was not sent with it.");
        assertThat(verdict.fix()).isEqualTo("send the intermediate CN=Test Intermediate together with the certificate"
                + " (full chain, leaf first)");
    }

    @Test
    void aKnownIntermediateThatLeadsToNoTrustedCaDoesNotMakeAnIssuerKnown() {
        HeldCertificate otherRoot = ca("Other Root").certificateAuthority(1).build();
        HeldCertificate otherIntermediate = ca("Test Intermediate").certificateAuthority(0).signedBy(otherRoot).build();
        HeldCertificate stranger = HeldCertificate.builder().commonName("stranger").purpose(Purpose.CLIENT)
                .validity(START, END).signedBy(otherIntermediate).build();
        Verdict verdict = validate(ValidationRequest.builder().chain(List.of(stranger.certificate())).role(PeerRole.CLIENT)
                .knownIntermediates(List.of(otherIntermediate.certificate())));
        assertThat(verdict.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
    }

    @Test
    void aClientCertificateFromAnotherCaWithATrustedCasNameIsAnUnknownIssuer() {
        HeldCertificate twin = ca("Test Root").certificateAuthority(0).build();
        HeldCertificate acme = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
                .validity(START, END).signedBy(twin).build();
        Verdict verdict = validate(PeerRole.CLIENT, List.of(acme.certificate()));
        assertThat(verdict.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme was issued by a CA named CN=Test Root,"
                + " like a trusted CA, but not by that CA: its authorityKeyIdentifier names another key (a re-created CA,"
                + " or another CA with the same name).");
    }

    @Test
    void badSignature() throws Exception {
        HeldCertificate acme = client("acme").build();
        byte[] der = acme.certificate().getEncoded();
        der[der.length - 5] ^= 0x01; // inside the signature value
        X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        Verdict verdict = validate(PeerRole.CLIENT, List.of(tampered, intermediate.certificate()));
        assertThat(verdict.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(verdict.message()).isEqualTo("The signature on the client certificate CN=acme does not verify "
                + "with the public key of CN=Test Intermediate, the issuer it names.");
    }

    @Test
    void notACa() {
        HeldCertificate leafAsIssuer = HeldCertificate.builder().commonName("Not A CA").purpose(Purpose.SERVER)
                .validity(START, END).signedBy(root).build();
        HeldCertificate acme = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
                .validity(START, END).signedBy(leafAsIssuer).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.NOT_A_CA);
        assertThat(verdict.subject()).isEqualTo("CN=Not A CA");
        assertThat(verdict.message()).isEqualTo("The intermediate CA CN=Not A CA is not a CA certificate "
                + "(basicConstraints says CA:FALSE), yet it signed the client certificate CN=acme.");
    }

    @Test
    void pathLengthExceeded() {
        HeldCertificate second = ca("Second Intermediate").certificateAuthority(0).signedBy(intermediate).build();
        HeldCertificate acme = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
                .validity(START, END).signedBy(second).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.PATH_LENGTH_EXCEEDED);
        assertThat(verdict.message()).isEqualTo("The intermediate CA CN=Test Intermediate allows at most 0 intermediate CAs "
                + "below it (pathLenConstraint 0), but the chain has 1.");
    }

    @Test
    void serverOnlyCertificateUsedAsClient() {
        HeldCertificate provider = server("api.provider.example").build();
        Verdict verdict = validate(PeerRole.CLIENT, provider.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.WRONG_PURPOSE);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=api.provider.example is not allowed for client "
                + "authentication: its extended key usage lists serverAuth but not clientAuth.");
        assertThat(verdict.fix()).contains("public CAs stopped issuing clientAuth in 2026");
    }

    @Test
    void intermediateRestrictingPurpose() {
        HeldCertificate serverOnlyCa = ca("Server CA").certificateAuthority(0)
                .extendedKeyUsage(List.of(KeyPurposeId.id_kp_serverAuth)).signedBy(root).build();
        HeldCertificate acme = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
                .validity(START, END).signedBy(serverOnlyCa).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.WRONG_PURPOSE);
        assertThat(verdict.message()).isEqualTo("The intermediate CA CN=Server CA restricts the certificates below it "
                + "to serverAuth; clientAuth is not among them.");
    }

    @Test
    void dualPurposeCertificateServesBothRoles() {
        HeldCertificate dual = HeldCertificate.builder().commonName("rsp.provider.example").purpose(Purpose.DUAL)
                .addDnsName("rsp.provider.example").validity(START, END).signedBy(intermediate).build();
        assertThat(validate(PeerRole.CLIENT, dual.chainWithoutRoot()).valid()).isTrue();
        assertThat(validate(ValidationRequest.builder().chain(dual.chainWithoutRoot()).role(PeerRole.SERVER)
                .expectedName("rsp.provider.example")).valid()).isTrue();
    }

    @Test
    void caWithoutKeyCertSign() {
        HeldCertificate noSign = ca("No Sign CA").certificateAuthority(0).keyUsage(KeyUsage.cRLSign).signedBy(root).build();
        HeldCertificate acme = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
                .validity(START, END).signedBy(noSign).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.BAD_KEY_USAGE);
        assertThat(verdict.message()).isEqualTo("The intermediate CA CN=No Sign CA may not sign certificates: its key usage "
                + "lacks keyCertSign, yet it signed the client certificate CN=acme.");
    }

    @Test
    void clientWithoutDigitalSignature() {
        HeldCertificate acme = client("acme").keyUsage(KeyUsage.keyAgreement).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.BAD_KEY_USAGE);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme cannot be used for TLS: its key usage lacks "
                + "digitalSignature, which the client needs to prove it holds the key.");
    }

    @Test
    void nameConstraintsOnTheTrustAnchor() {
        HeldCertificate constrainedRoot = ca("Constrained Root").certificateAuthority(0).permitDnsSubtree("example.com").build();
        HeldCertificate outside = HeldCertificate.builder().commonName("evil").purpose(Purpose.SERVER)
                .addDnsName("bank.example.org").validity(START, END).signedBy(constrainedRoot).build();
        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder().chain(List.of(outside.certificate()))
                .trustAnchors(List.of(constrainedRoot.certificate())).role(PeerRole.SERVER).at(NOW).build());
        assertThat(verdict.reason()).isEqualTo(Reason.NAME_CONSTRAINTS_VIOLATED);
        assertThat(verdict.message()).isEqualTo("The server certificate CN=evil is outside what the trusted root CA "
                + "CN=Constrained Root may certify: its DNS name bank.example.org is outside the permitted names.");

        HeldCertificate inside = HeldCertificate.builder().commonName("api").purpose(Purpose.SERVER)
                .addDnsName("api.example.com").validity(START, END).signedBy(constrainedRoot).build();
        assertThat(new ChainValidator().validate(ValidationRequest.builder().chain(List.of(inside.certificate()))
                .trustAnchors(List.of(constrainedRoot.certificate())).role(PeerRole.SERVER).at(NOW).build()).valid()).isTrue();
    }

    @Test
    void unknownCriticalExtension() {
        HeldCertificate acme = client("acme").addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true,
                new DERUTF8String("must understand")).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.UNHANDLED_CRITICAL_EXTENSION);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme has the extension 1.3.6.1.4.1.99999.1 marked "
                + "critical, which this validator does not understand; RFC 5280 requires rejecting it.");
    }

    @Test
    void weakRsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();
        HeldCertificate acme = client("acme").keyPair(weak).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.WEAK_KEY);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme has an RSA key of only 1024 bits (at least 2048 are required).");
    }

    @Test
    void sha1Signature() {
        HeldCertificate acme = client("acme").signatureAlgorithm("SHA1withECDSA").build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.WEAK_SIGNATURE_ALGORITHM);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme is signed with SHA1withECDSA, which is broken: such signatures can be forged.");
    }

    @Test
    void hostNameIsMatchedAgainstSubjectAltNameOnly() {
        HeldCertificate api = HeldCertificate.builder().commonName("www.example.com").purpose(Purpose.SERVER)
                .addDnsName("api.example.com").addDnsName("*.internal.example.com").addIpAddress("10.0.0.1")
                .validity(START, END).signedBy(intermediate).build();
        Verdict byCn = validate(ValidationRequest.builder().chain(api.chainWithoutRoot()).role(PeerRole.SERVER)
                .expectedName("www.example.com"));
        assertThat(byCn.reason()).isEqualTo(Reason.NAME_MISMATCH);
        assertThat(byCn.message()).isEqualTo("The server certificate CN=www.example.com is not valid for the name www.example.com: "
                + "its subjectAltName lists DNS:api.example.com, DNS:*.internal.example.com, IP:10.0.0.1.");
        for (String good : List.of("api.example.com", "API.Example.com", "db.internal.example.com", "10.0.0.1")) {
            assertThat(validate(ValidationRequest.builder().chain(api.chainWithoutRoot()).role(PeerRole.SERVER)
                    .expectedName(good)).valid()).as(good).isTrue();
        }
        for (String bad : List.of("internal.example.com", "a.b.internal.example.com", "10.0.0.2", "example.com")) {
            assertThat(validate(ValidationRequest.builder().chain(api.chainWithoutRoot()).role(PeerRole.SERVER)
                    .expectedName(bad)).reason()).as(bad).isEqualTo(Reason.NAME_MISMATCH);
        }
    }

    @Test
    void noSubjectAltNameNeverMatches() {
        HeldCertificate legacy = HeldCertificate.builder().commonName("legacy.example.com").purpose(Purpose.SERVER)
                .validity(START, END).signedBy(intermediate).build();
        Verdict verdict = validate(ValidationRequest.builder().chain(legacy.chainWithoutRoot()).role(PeerRole.SERVER)
                .expectedName("legacy.example.com"));
        assertThat(verdict.reason()).isEqualTo(Reason.NAME_MISMATCH);
        assertThat(verdict.message()).endsWith("it has no DNS or IP subjectAltName, and the subject CN is never used for matching.");
    }

    @Test
    void revokedByCrl() throws Exception {
        HeldCertificate acme = client("acme").build();
        X509CRL crl = crl(intermediate, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)), acme.certificate().getSerialNumber());
        Verdict verdict = validate(ValidationRequest.builder().chain(acme.chainWithoutRoot()).role(PeerRole.CLIENT).crls(List.of(crl)));
        assertThat(verdict.reason()).isEqualTo(Reason.REVOKED);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme was revoked by CN=Test Intermediate on "
                + "2026-05-31T12:00:00Z (reason: KEY_COMPROMISE).");

        HeldCertificate other = client("other").build();
        assertThat(validate(ValidationRequest.builder().chain(other.chainWithoutRoot()).role(PeerRole.CLIENT)
                .crls(List.of(crl))).valid()).isTrue();
    }

    @Test
    void expiredCrl() throws Exception {
        HeldCertificate acme = client("acme").build();
        X509CRL stale = crl(intermediate, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3)));
        Verdict verdict = validate(ValidationRequest.builder().chain(acme.chainWithoutRoot()).role(PeerRole.CLIENT).crls(List.of(stale)));
        assertThat(verdict.reason()).isEqualTo(Reason.CRL_EXPIRED);
        assertThat(verdict.message()).isEqualTo("The CRL from CN=Test Intermediate expired on 2026-05-29T12:00:00Z "
                + "(3 days before the validation time 2026-06-01T12:00:00Z), so it cannot vouch for the client certificate CN=acme.");
    }

    @Test
    void caCertificateAsLeaf() {
        Verdict verdict = validate(PeerRole.CLIENT, List.of(intermediate.certificate()));
        assertThat(verdict.reason()).isEqualTo(Reason.CA_AS_LEAF);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=Test Intermediate is a CA certificate "
                + "(basicConstraints CA:TRUE), not an end-entity certificate.");
    }

    @Test
    void malformedSerialNumber() {
        HeldCertificate acme = client("acme").serialNumber(BigInteger.ZERO).build();
        Verdict verdict = validate(PeerRole.CLIENT, acme.chainWithoutRoot());
        assertThat(verdict.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme is malformed: its serial number is zero "
                + "(RFC 5280 requires a positive serial number).");
    }

    @Test
    void tooManyNameConstraintComparisons() {
        CertificateBuilder constrained = ca("Many Constraints").certificateAuthority(0);
        for (int i = 0; i < 400; i++) {
            constrained.permitDnsSubtree("d" + i + ".example");
        }
        HeldCertificate constrainedRoot = constrained.build();
        CertificateBuilder leaf = HeldCertificate.builder().commonName("many").purpose(Purpose.SERVER)
                .validity(START, END).signedBy(constrainedRoot);
        for (int i = 0; i < 300; i++) {
            leaf.addDnsName("h" + i + ".d" + i + ".example");
        }
        Verdict verdict = new ChainValidator().validate(ValidationRequest.builder()
                .chain(List.of(leaf.build().certificate())).trustAnchors(List.of(constrainedRoot.certificate()))
                .role(PeerRole.SERVER).at(NOW).build());
        assertThat(verdict.reason()).isEqualTo(Reason.TOO_COMPLEX);
        assertThat(verdict.message()).contains("takes more than 100000 comparisons");
    }

    @Test
    void pathBuildingFindsTheWorkingAlternative() {
        // The same intermediate key certified twice: once by an untrusted root, once by the trusted one.
        HeldCertificate otherRoot = ca("Other Root").certificateAuthority(1).build();
        HeldCertificate crossSigned = ca("Test Intermediate").keyPair(intermediate.keyPair()).certificateAuthority(0)
                .signedBy(otherRoot).build();
        HeldCertificate acme = client("acme").build();
        List<X509Certificate> chain = new ArrayList<>(List.of(acme.certificate(), crossSigned.certificate(),
                otherRoot.certificate(), intermediate.certificate()));
        Verdict verdict = validate(PeerRole.CLIENT, chain);
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.path()).containsExactly(acme.certificate(), intermediate.certificate(), root.certificate());
    }

    static X509CRL crl(HeldCertificate issuer, Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuer.certificate()).getSubject(),
                Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(issuer.keyPair().getPrivate())));
    }
}
