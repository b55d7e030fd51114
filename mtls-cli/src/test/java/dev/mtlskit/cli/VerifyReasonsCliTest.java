package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.CertificateBuilder;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

/**
 * Each reason code not already shown in {@link VerifyCommandTest}, through {@code mtls verify}: the
 * first line names the code, then the certificate, the sentence and the fix.
 */
class VerifyReasonsCliTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String AT = "2026-06-01T12:00:00Z";

    @TempDir
    Path temp;

    private final HeldCertificate root = ca("Root").certificateAuthority(1).build();
    private final HeldCertificate intermediate = ca("Intermediate").certificateAuthority(0).signedBy(root).build();

    private static CertificateBuilder ca(String name) {
        return HeldCertificate.builder().commonName(name)
                .validity(NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(4000)));
    }

    private CertificateBuilder client(String name) {
        return HeldCertificate.builder().commonName(name).purpose(Purpose.CLIENT)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300))).signedBy(intermediate);
    }

    private PkiTestCli.Result verify(List<X509Certificate> chain, String... extra) throws Exception {
        Path chainFile = Files.createTempFile(temp, "chain", ".pem");
        PemWriter.writeCertificates(chainFile, chain);
        Path caFile = temp.resolve("ca.pem");
        PemWriter.writeCertificates(caFile, List.of(root.certificate()));
        List<String> args = new ArrayList<>(List.of("verify", "--cert", chainFile.toString(), "--ca", caFile.toString(),
                "--purpose", "client", "--at", AT));
        args.addAll(List.of(extra));
        return PkiTestCli.run(args.toArray(String[]::new));
    }

    private static void assertInvalid(PkiTestCli.Result result, String code, String subject, String message) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString())
                .startsWith("INVALID " + code + "\n  certificate: " + subject + "\n  " + message + "\n  fix: ");
    }

    @Test
    void notYetValid() throws Exception {
        HeldCertificate acme = client("acme").validity(NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(300))).build();
        assertInvalid(verify(acme.chainWithoutRoot()), "NOT_YET_VALID", "CN=acme", "The client certificate CN=acme is not "
                + "valid until 2026-06-03T12:00:00Z (2 days after the validation time 2026-06-01T12:00:00Z).");
    }

    @Test
    void badSignature() throws Exception {
        byte[] der = client("acme").build().certificate().getEncoded();
        der[der.length - 5] ^= 0x01;
        X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        assertInvalid(verify(List.of(tampered, intermediate.certificate())), "BAD_SIGNATURE", "CN=acme",
                "The signature on the client certificate CN=acme does not verify with the public key of CN=Intermediate, the issuer it names.");
    }

    @Test
    void notACa() throws Exception {
        HeldCertificate leaf = HeldCertificate.builder().commonName("Leaf").purpose(Purpose.CLIENT)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300))).signedBy(root).build();
        HeldCertificate acme = client("acme").signedBy(leaf).build();
        assertInvalid(verify(acme.chainWithoutRoot()), "NOT_A_CA", "CN=Leaf", "The intermediate CA CN=Leaf is not a CA "
                + "certificate (basicConstraints says CA:FALSE), yet it signed the client certificate CN=acme.");
    }

    @Test
    void pathLengthExceeded() throws Exception {
        HeldCertificate second = ca("Second").certificateAuthority(0).signedBy(intermediate).build();
        HeldCertificate acme = client("acme").signedBy(second).build();
        assertInvalid(verify(acme.chainWithoutRoot()), "PATH_LENGTH_EXCEEDED", "CN=Intermediate", "The intermediate CA "
                + "CN=Intermediate allows at most 0 intermediate CAs below it (pathLenConstraint 0), but the chain has 1.");
    }

    @Test
    void badKeyUsage() throws Exception {
        HeldCertificate acme = client("acme").keyUsage(KeyUsage.keyEncipherment).build();
        assertInvalid(verify(acme.chainWithoutRoot()), "BAD_KEY_USAGE", "CN=acme", "The client certificate CN=acme cannot "
                + "be used for TLS: its key usage lacks digitalSignature, which the client needs to prove it holds the key.");
    }

    @Test
    void nameConstraintsViolated() throws Exception {
        HeldCertificate constrained = ca("Partner CA").certificateAuthority(0).permitDnsSubtree("partner.example")
                .signedBy(root).build();
        HeldCertificate acme = client("acme").addDnsName("acme.example").signedBy(constrained).build();
        assertInvalid(verify(acme.chainWithoutRoot()), "NAME_CONSTRAINTS_VIOLATED", "CN=acme", "The client certificate "
                + "CN=acme is outside what the intermediate CA CN=Partner CA may certify: its DNS name acme.example is outside the permitted names.");
    }

    @Test
    void unhandledCriticalExtension() throws Exception {
        HeldCertificate acme = client("acme").addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7"), true,
                new DERUTF8String("x")).build();
        assertInvalid(verify(acme.chainWithoutRoot()), "UNHANDLED_CRITICAL_EXTENSION", "CN=acme", "The client certificate "
                + "CN=acme has the extension 1.3.6.1.4.1.99999.7 marked critical, which this validator does not understand; "
                + "RFC 5280 requires rejecting it.");
    }

    @Test
    void weakKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        HeldCertificate acme = client("acme").keyPair(generator.generateKeyPair()).build();
        assertInvalid(verify(acme.chainWithoutRoot()), "WEAK_KEY", "CN=acme",
                "The client certificate CN=acme has an RSA key of only 1024 bits (at least 2048 are required).");
    }

    @Test
    void weakSignatureAlgorithm() throws Exception {
        HeldCertificate acme = client("acme").signatureAlgorithm("SHA1withECDSA").build();
        assertInvalid(verify(acme.chainWithoutRoot()), "WEAK_SIGNATURE_ALGORITHM", "CN=acme",
                "The client certificate CN=acme is signed with SHA1withECDSA, which is broken: such signatures can be forged.");
    }

    @Test
    void crlExpired() throws Exception {
        HeldCertificate acme = client("acme").build();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(intermediate.certificate()).getSubject(),
                Date.from(NOW.minus(Duration.ofDays(9))));
        builder.setNextUpdate(Date.from(NOW.minus(Duration.ofDays(2))));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
        Path crl = temp.resolve("intermediate.crl");
        Files.writeString(crl, PemWriter.pem(new JcaX509CRLConverter().getCRL(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(intermediate.keyPair().getPrivate())))));
        assertInvalid(verify(acme.chainWithoutRoot(), "--crl", crl.toString()), "CRL_EXPIRED", "CN=acme",
                "The CRL from CN=Intermediate expired on 2026-05-30T12:00:00Z (2 days before the validation time "
                        + "2026-06-01T12:00:00Z), so it cannot vouch for the client certificate CN=acme.");
    }

    @Test
    void tooComplex() throws Exception {
        CertificateBuilder constrained = ca("Busy CA").certificateAuthority(0).signedBy(root);
        for (int i = 0; i < 400; i++) {
            constrained.permitDnsSubtree("d" + i + ".example");
        }
        HeldCertificate busy = constrained.build();
        CertificateBuilder leaf = client("many").signedBy(busy);
        for (int i = 0; i < 300; i++) {
            leaf.addDnsName("h.d" + i + ".example");
        }
        assertInvalid(verify(leaf.build().chainWithoutRoot()), "TOO_COMPLEX", "CN=many", "Checking the names of the client "
                + "certificate CN=many against the name constraints of the intermediate CA CN=Busy CA takes more than 100000 "
                + "comparisons; the chain is rejected to protect against denial of service.");
    }

    @Test
    void malformed() throws Exception {
        HeldCertificate acme = client("acme").serialNumber(BigInteger.valueOf(-5)).build();
        assertInvalid(verify(acme.chainWithoutRoot()), "MALFORMED", "CN=acme", "The client certificate CN=acme is "
                + "malformed: its serial number is negative (RFC 5280 requires a positive serial number).");
    }
}
