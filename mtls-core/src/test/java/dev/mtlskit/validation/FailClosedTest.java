package dev.mtlskit.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.CertificateBuilder;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.reason.Reason;

/** Inputs that once slipped through: whatever the validator cannot check, it rejects. */
class FailClosedTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final HeldCertificate root = ca("Root").certificateAuthority(1).build();

    private static CertificateBuilder ca(String name) {
        return HeldCertificate.builder().commonName(name).validity(NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(4000)));
    }

    private static CertificateBuilder leaf(String name, HeldCertificate issuer) {
        return HeldCertificate.builder().commonName(name).purpose(Purpose.CLIENT)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300))).signedBy(issuer);
    }

    private Verdict validate(HeldCertificate certificate, X509CRL... crls) {
        return new ChainValidator().validate(ValidationRequest.builder().chain(certificate.chainWithoutRoot())
                .trustAnchors(List.of(root.certificate())).role(PeerRole.CLIENT).at(NOW).crls(List.of(crls)).build());
    }

    @Test
    void excludedUriDomainCannotBeDodgedWithATrailingDotOrAnUnparsableHost() {
        HeldCertificate constrained = ca("Partner CA").certificateAuthority(0)
                .excludeSubtree(new GeneralName(GeneralName.uniformResourceIdentifier, ".evil.com")).signedBy(root).build();
        for (String uri : List.of("https://admin.evil.com./", "https://a_b.evil.com/", "https://ADMIN.EVIL.COM/")) {
            Verdict verdict = validate(leaf("svc", constrained).addUri(uri).build());
            assertThat(verdict.reason()).as(uri).isEqualTo(Reason.NAME_CONSTRAINTS_VIOLATED);
        }
        assertThat(validate(leaf("svc", constrained).addUri("https://good.example.com/").build()).valid()).isTrue();
    }

    @Test
    void everyEmailInTheSubjectIsChecked() {
        HeldCertificate constrained = ca("Mail CA").certificateAuthority(0)
                .excludeSubtree(new GeneralName(GeneralName.rfc822Name, "evil.com")).signedBy(root).build();
        HeldCertificate multiValued = leaf("x", constrained).subject("CN=x+E=a@evil.com").build();
        Verdict verdict = validate(multiValued);
        assertThat(verdict.reason()).isEqualTo(Reason.NAME_CONSTRAINTS_VIOLATED);
        assertThat(verdict.message()).contains("email a@evil.com is excluded by email evil.com");
    }

    @Test
    void aListedSerialIsRevokedWhateverTheCrlDates() throws Exception {
        HeldCertificate acme = leaf("acme", root).build();
        BigInteger serial = acme.certificate().getSerialNumber();
        X509CRL fromTheFuture = ChainValidatorTest.crl(root, NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(9)), serial);
        assertThat(validate(acme, fromTheFuture).reason()).isEqualTo(Reason.REVOKED);
        X509CRL expired = ChainValidatorTest.crl(root, NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(10)), serial);
        assertThat(validate(acme, expired).reason()).isEqualTo(Reason.REVOKED);
    }

    @Test
    void aCrlThatDoesNotVerifyIsReported() throws Exception {
        HeldCertificate acme = leaf("acme", root).build();
        HeldCertificate impostor = ca("Root").certificateAuthority(0).build(); // same name, other key
        X509CRL forged = ChainValidatorTest.crl(impostor, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)));
        Verdict verdict = validate(acme, forged);
        assertThat(verdict.reason()).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(verdict.message()).isEqualTo("A CRL naming CN=Root as its issuer does not verify with that CA's public key, "
                + "so the client certificate CN=acme cannot be checked for revocation.");
    }

    @Test
    void requireExplicitPolicyIsNotSilentlyIgnored() {
        HeldCertificate strict = ca("Policy CA").certificateAuthority(0)
                .addExtension(Extension.policyConstraints, true, new DERSequence(new DERTaggedObject(false, 0, new ASN1Integer(0))))
                .signedBy(root).build();
        Verdict verdict = validate(leaf("acme", strict).build());
        assertThat(verdict.reason()).isEqualTo(Reason.UNHANDLED_CRITICAL_EXTENSION);
        assertThat(verdict.message()).startsWith("The intermediate CA CN=Policy CA requires explicit certificate policies");
    }

    @Test
    void controlCharactersFromCertificatesNeverReachAMessage() {
        HeldCertificate acme = leaf("acme\nrejected 10.0.0.1 OK", root).build();
        HeldCertificate other = ca("Other").certificateAuthority(0).build();
        HeldCertificate stranger = leaf("acme\nforged", other).caIssuersUrl("http://x/\r\nInjected: yes").build();
        assertThat(validate(acme).message()).doesNotContain("\n").contains("acme\\u000arejected");
        assertThat(validate(stranger).message()).doesNotContain("\n").doesNotContain("\r").contains("\\u000d\\u000aInjected");
    }
}
