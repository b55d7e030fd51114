package dev.mtlskit.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.CertificateBuilder;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.reason.Reason;

/**
 * Revocation does not depend on the order of the CRLs, every CRL that covers a certificate is read,
 * and a CRL that cannot vouch for a certificate leaves its status unknown (rejected), never good.
 * Each case is validated with its CRLs in the order given and reversed.
 */
class RevocationCheckTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final HeldCertificate root = ca("Test Root").certificateAuthority(1).build();
    private final HeldCertificate intermediate = ca("Test Intermediate").certificateAuthority(0).signedBy(root).build();
    private final HeldCertificate acme = HeldCertificate.builder().commonName("acme").purpose(Purpose.CLIENT)
            .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300))).signedBy(intermediate).build();
    private final BigInteger serial = acme.certificate().getSerialNumber();

    private static CertificateBuilder ca(String name) {
        return HeldCertificate.builder().commonName(name).validity(NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(4000)));
    }

    /** The verdict, after checking that the reversed order of the CRLs gives the same one. */
    private Verdict validate(List<X509Certificate> chain, X509CRL... crls) {
        List<X509CRL> given = new ArrayList<>(List.of(crls));
        Verdict verdict = validate(chain, given);
        Collections.reverse(given);
        Verdict reversed = validate(chain, given);
        assertThat(reversed.valid()).as("valid with the CRLs reversed").isEqualTo(verdict.valid());
        assertThat(reversed.reason()).as("reason with the CRLs reversed").isEqualTo(verdict.reason());
        return verdict;
    }

    private Verdict validate(List<X509Certificate> chain, List<X509CRL> crls) {
        return new ChainValidator().validate(ValidationRequest.builder().chain(chain).trustAnchors(List.of(root.certificate()))
                .role(PeerRole.CLIENT).at(NOW).crls(crls).build());
    }

    @Test
    void aSerialOnASecondCrlOfTheIssuerIsRevokedWhateverTheOrder() throws Exception {
        X509CRL notListing = new Crl(intermediate, 1).build();
        X509CRL listing = new Crl(intermediate, 2).revoke(serial, CRLReason.keyCompromise).build();
        Verdict verdict = validate(acme.chainWithoutRoot(), notListing, listing);
        assertThat(verdict.reason()).isEqualTo(Reason.REVOKED);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme was revoked by CN=Test Intermediate on "
                + "2026-05-31T12:00:00Z (reason: KEY_COMPROMISE).");
    }

    @Test
    void aCrlSignedByTheCasOtherKeyIsRead() throws Exception {
        HeldCertificate rekeyed = ca("Test Intermediate").certificateAuthority(0).signedBy(root).build();
        X509CRL oldKey = new Crl(intermediate, 1).build();
        X509CRL newKey = new Crl(rekeyed, 2).revoke(serial, CRLReason.superseded).build();
        List<X509Certificate> chain = List.of(acme.certificate(), intermediate.certificate(), rekeyed.certificate());
        Verdict verdict = validate(chain, oldKey, newKey);
        assertThat(verdict.reason()).isEqualTo(Reason.REVOKED);
        assertThat(verdict.message()).isEqualTo("The client certificate CN=acme was revoked by CN=Test Intermediate on "
                + "2026-05-31T12:00:00Z (reason: SUPERSEDED).");
        assertThat(validate(chain, new Crl(rekeyed, 3).build()).valid()).as("a current CRL of the new key, not listing it").isTrue();
    }

    @Test
    void aCrlSignedByASameNameCaOutsideTheTrustAnchorsCannotVouch() throws Exception {
        HeldCertificate impostor = ca("Test Intermediate").certificateAuthority(0).build(); // self-signed, not under the root
        X509CRL forged = new Crl(impostor, 1).build();
        List<X509Certificate> chain = List.of(acme.certificate(), intermediate.certificate(), impostor.certificate());
        Verdict verdict = validate(chain, forged);
        assertThat(verdict.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
        assertThat(verdict.message()).isEqualTo("The CRL from CN=Test Intermediate is signed by another certificate of "
                + "that CA, which cannot be trusted to sign it: the signature on the certificate CN=Test Intermediate "
                + "does not verify with the public key of CN=Test Intermediate, the issuer it names.");
        assertThat(validate(chain, forged, new Crl(intermediate, 1).build()).valid())
                .as("the CA's own CRL vouches; the forged one is not used").isTrue();
    }

    @Test
    void aCrlThatDoesNotCoverTheCertificateLeavesItsStatusUnknown() throws Exception {
        X509CRL caOnly = new Crl(intermediate, 1).scope(new IssuingDistributionPoint(null, false, true, null, false, false)).build();
        Verdict verdict = validate(acme.chainWithoutRoot(), caOnly);
        assertThat(verdict.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
        assertThat(verdict.message()).isEqualTo("The revocation status of the client certificate CN=acme is unknown: the CRL "
                + "from CN=Test Intermediate was given, but it does not cover the certificate: its issuing distribution point "
                + "limits it to other certificates, or the certificate's distribution points name another CRL issuer.");
        assertThat(verdict.fix()).isEqualTo("pass the complete, current CRLs that cover the certificate (one for each "
                + "distribution point it names)");
        X509CRL userOnly = new Crl(intermediate, 2).scope(new IssuingDistributionPoint(null, true, false, null, false, false)).build();
        assertThat(validate(acme.chainWithoutRoot(), caOnly, userOnly).valid()).isTrue();
        X509CRL userOnlyListing = new Crl(intermediate, 3).revoke(serial, CRLReason.keyCompromise)
                .scope(new IssuingDistributionPoint(null, true, false, null, false, false)).build();
        assertThat(validate(acme.chainWithoutRoot(), caOnly, userOnly, userOnlyListing).reason()).isEqualTo(Reason.REVOKED);
    }

    @Test
    void crlsForSomeReasonsOnlyMustTogetherCoverEveryReason() throws Exception {
        ReasonFlags compromise = new ReasonFlags(ReasonFlags.keyCompromise | ReasonFlags.cACompromise);
        X509CRL first = new Crl(intermediate, 1).scope(new IssuingDistributionPoint(null, false, false, compromise, false, false)).build();
        X509CRL second = new Crl(intermediate, 2).scope(new IssuingDistributionPoint(null, false, false, compromise, false, false)).build();
        Verdict verdict = validate(acme.chainWithoutRoot(), first, second);
        assertThat(verdict.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
        assertThat(verdict.message()).isEqualTo("The revocation status of the client certificate CN=acme is unknown: 2 CRLs "
                + "from CN=Test Intermediate were given, but the CRLs that cover it are limited to some revocation reasons "
                + "(onlySomeReasons) and together do not cover all.");
        ReasonFlags others = new ReasonFlags(ReasonFlags.unused | ReasonFlags.affiliationChanged | ReasonFlags.superseded
                | ReasonFlags.cessationOfOperation | ReasonFlags.certificateHold | ReasonFlags.privilegeWithdrawn
                | ReasonFlags.aACompromise);
        X509CRL rest = new Crl(intermediate, 3).scope(new IssuingDistributionPoint(null, false, false, others, false, false)).build();
        assertThat(validate(acme.chainWithoutRoot(), first, rest).valid()).isTrue();
    }

    @Test
    void deltaCrlsUpdateTheirCompleteCrl() throws Exception {
        X509CRL onHold = new Crl(intermediate, 1).revoke(serial, CRLReason.certificateHold).build();
        X509CRL released = new Crl(intermediate, 2).delta(1).revoke(serial, CRLReason.removeFromCRL).build();
        assertThat(validate(acme.chainWithoutRoot(), onHold, released).valid()).as("taken off hold").isTrue();
        assertThat(validate(acme.chainWithoutRoot(), onHold).reason()).as("on hold").isEqualTo(Reason.REVOKED);

        X509CRL complete = new Crl(intermediate, 1).build();
        X509CRL revokedSince = new Crl(intermediate, 2).delta(1).revoke(serial, CRLReason.keyCompromise).build();
        assertThat(validate(acme.chainWithoutRoot(), complete, revokedSince).reason()).isEqualTo(Reason.REVOKED);

        Verdict alone = validate(acme.chainWithoutRoot(), new Crl(intermediate, 2).delta(1).build());
        assertThat(alone.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
        assertThat(alone.message()).isEqualTo("The revocation status of the client certificate CN=acme is unknown: the CRL "
                + "from CN=Test Intermediate was given, but it is a delta CRL and the complete CRL it updates was not given.");
    }

    @Test
    void crlsThatCannotBeUsedAreNamedWithTheReason() throws Exception {
        IssuingDistributionPoint caOnly = new IssuingDistributionPoint(null, false, true, null, false, false);
        Verdict twoOutOfScope = validate(acme.chainWithoutRoot(), new Crl(intermediate, 1).scope(caOnly).build(),
                new Crl(intermediate, 2).scope(caOnly).build());
        assertThat(twoOutOfScope.message()).isEqualTo("The revocation status of the client certificate CN=acme is unknown: "
                + "2 CRLs from CN=Test Intermediate were given, but none of them covers the certificate: their issuing "
                + "distribution points limit them to other certificates, or the certificate's distribution points name "
                + "another CRL issuer.");
        Verdict twoDeltas = validate(acme.chainWithoutRoot(), new Crl(intermediate, 2).delta(1).build(),
                new Crl(intermediate, 3).delta(1).build());
        assertThat(twoDeltas.message()).endsWith("2 CRLs from CN=Test Intermediate were given, but they are delta CRLs "
                + "and the complete CRLs they update were not given.");

        Extensions unknownCritical = new Extensions(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7"), true,
                new DEROctetString(new byte[] {5, 0})));
        Verdict entryExtension = validate(acme.chainWithoutRoot(),
                new Crl(intermediate, 1).revoke(BigInteger.valueOf(0x1f), unknownCritical).build());
        assertThat(entryExtension.reason()).isEqualTo(Reason.UNHANDLED_CRITICAL_EXTENSION);
        assertThat(entryExtension.message()).isEqualTo("The CRL from CN=Test Intermediate has the extension "
                + "1.3.6.1.4.1.99999.7 (in the entry for serial 1f) marked critical, which this validator does not understand.");

        Extensions otherIssuer = new Extensions(new Extension(Extension.certificateIssuer, true,
                new GeneralNames(new GeneralName(new X500Name("CN=Other CA"))).getEncoded()));
        Verdict notIndirect = validate(acme.chainWithoutRoot(),
                new Crl(intermediate, 1).revoke(BigInteger.valueOf(0x1f), otherIssuer).build());
        assertThat(notIndirect.reason()).isEqualTo(Reason.MALFORMED);
        assertThat(notIndirect.message()).isEqualTo("The CRL from CN=Test Intermediate is malformed: it names other "
                + "certificate issuers in its entries without being marked an indirect CRL.");
        assertThat(notIndirect.fix()).isEqualTo("have the CA reissue the CRL according to RFC 5280");
    }

    @Test
    void aCrlSignerWithoutCrlSignIsNotTrusted() throws Exception {
        HeldCertificate noCrlSign = ca("No CRL Sign CA").certificateAuthority(0).keyUsage(KeyUsage.keyCertSign).signedBy(root).build();
        HeldCertificate bob = HeldCertificate.builder().commonName("bob").purpose(Purpose.CLIENT)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300))).signedBy(noCrlSign).build();
        Verdict verdict = validate(bob.chainWithoutRoot(), new Crl(noCrlSign, 1).build());
        assertThat(verdict.reason()).isEqualTo(Reason.BAD_KEY_USAGE);
        assertThat(verdict.message()).isEqualTo("The CRL from CN=No CRL Sign CA cannot be trusted: the key usage of "
                + "CN=No CRL Sign CA lacks cRLSign, so it may not sign CRLs.");
    }

    @Test
    void withoutACrlOfTheIssuerRevocationIsNotChecked() throws Exception {
        HeldCertificate other = ca("Other CA").certificateAuthority(0).signedBy(root).build();
        assertThat(validate(acme.chainWithoutRoot(), new Crl(other, 1).revoke(serial, CRLReason.keyCompromise).build()).valid())
                .as("a CRL of another CA listing the same serial").isTrue();
    }

    @Test
    void aCrlIsParsedOncePerObjectAndTellsItsCopiesApart() throws Exception {
        X509CRL crl = new Crl(intermediate, 1).build();
        assertThat(CrlFacts.of(crl)).isSameAs(CrlFacts.of(crl));
        // (the JDK's factory hands out its cached object for the same bytes; BouncyCastle's makes a new one)
        X509CRL copy = (X509CRL) CertificateFactory.getInstance("X.509", new BouncyCastleProvider())
                .generateCRL(new ByteArrayInputStream(crl.getEncoded()));
        assertThat(copy).isNotSameAs(crl);
        assertThat(CrlFacts.of(copy)).isNotSameAs(CrlFacts.of(crl));
        assertThat(CrlFacts.of(crl).verifiedBy(CertificateFacts.of(intermediate.certificate()))).isTrue();
        assertThat(CrlFacts.of(crl).verifiedBy(CertificateFacts.of(root.certificate()))).isFalse();
    }

    /** A CRL of the given CA, current at NOW. */
    private static final class Crl {
        private final HeldCertificate issuer;
        private final X509v2CRLBuilder builder;

        Crl(HeldCertificate issuer, int number) throws Exception {
            this.issuer = issuer;
            this.builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuer.certificate()).getSubject(),
                    Date.from(NOW.minus(Duration.ofDays(1))));
            builder.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(6))));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
        }

        Crl revoke(BigInteger serial, int reason) {
            builder.addCRLEntry(serial, Date.from(NOW.minus(Duration.ofDays(1))), reason);
            return this;
        }

        Crl revoke(BigInteger serial, Extensions extensions) {
            builder.addCRLEntry(serial, Date.from(NOW.minus(Duration.ofDays(1))), extensions);
            return this;
        }

        Crl scope(IssuingDistributionPoint point) throws Exception {
            builder.addExtension(Extension.issuingDistributionPoint, true, point);
            return this;
        }

        Crl delta(int baseNumber) throws Exception {
            builder.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(baseNumber));
            return this;
        }

        X509CRL build() throws Exception {
            return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(issuer.keyPair().getPrivate())));
        }
    }
}
