package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.material.PrivateKeys;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

/** {@code mtls verify} as a user sees it: the verdict, the code, the sentence, the fix, the exit code. */
class VerifyCommandTest {

    @TempDir
    Path temp;

    private Path init(String name, String... extra) {
        Path dir = temp.resolve(name);
        String[] args = new String[3 + extra.length];
        args[0] = "pki";
        args[1] = "init";
        args[2] = "--dir=" + dir;
        System.arraycopy(extra, 0, args, 3, extra.length);
        assertThat(PkiTestCli.run(args).exitCode()).isZero();
        return dir;
    }

    private static void issue(Path dir, String kind, String name) {
        PkiTestCli.Result result = PkiTestCli.run("pki", "issue", kind, name, "--dir", dir.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    @Test
    void validClientCertificate() {
        Path dir = init("dev");
        issue(dir, "client", "acme");
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "client");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("VALID\n  The client certificate CN=acme is valid for client authentication: "
                + "it is signed directly by the trusted CN=mtls-kit dev Root CA,O=mtls-kit dev.");
    }

    @Test
    void expiredAtAGivenTime() {
        Path dir = init("dev");
        issue(dir, "client", "acme");
        // Issued now for 397 days: a validation 400 days from now finds it expired.
        String later = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(400).toString();
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "client", "--at", later);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("INVALID EXPIRED\n  certificate: CN=acme\n  The client certificate CN=acme expired on ");
        assertThat(result.out()).contains("before the validation time " + later + "T00:00:00Z).", "  fix: renew the certificate");
    }

    @Test
    void serverCertificateUsedAsClientCertificate() {
        Path dir = init("dev");
        issue(dir, "server", "api.example");
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", dir.resolve("api.example.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "client");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("INVALID WRONG_PURPOSE\n  certificate: CN=api.example\n"
                + "  The client certificate CN=api.example is not allowed for client authentication: its extended key usage "
                + "lists serverAuth but not clientAuth.\n  fix: reissue it with extendedKeyUsage clientAuth");
    }

    @Test
    void certificateFromAnotherCa() {
        Path ours = init("ours");
        Path theirs = init("theirs", "--name", "Other Corp");
        issue(theirs, "client", "acme");
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", theirs.resolve("acme.crt").toString(),
                "--ca", ours.resolve("ca.crt").toString(), "--purpose", "client");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("INVALID UNKNOWN_ISSUER\n  certificate: CN=acme\n"
                + "  The client certificate CN=acme was issued by CN=Other Corp Root CA,O=Other Corp, which is not a"
                + " trusted CA here (the trusted CAs: CN=mtls-kit dev Root CA,O=mtls-kit dev), and its certificate was not sent with it.");

        PkiTestCli.Result withRoot = PkiTestCli.run("verify", "--cert", theirs.resolve("acme.crt").toString(),
                "--cert", theirs.resolve("ca.crt").toString(), "--ca", ours.resolve("ca.crt").toString());
        assertThat(withRoot.exitCode()).as(withRoot.toString()).isEqualTo(2);
    }

    @Test
    void untrustedRootSentAlong() throws Exception {
        Path ours = init("ours");
        Path theirs = init("theirs", "--name", "Other Corp");
        issue(theirs, "client", "acme");
        Path chain = temp.resolve("acme-with-root.pem");
        Files.writeString(chain, Files.readString(theirs.resolve("acme.crt")) + Files.readString(theirs.resolve("ca.crt")));
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", chain.toString(),
                "--ca", ours.resolve("ca.crt").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("INVALID UNTRUSTED_ROOT\n  certificate: CN=Other Corp Root CA,O=Other Corp\n"
                + "  The chain ends at the self-signed root CN=Other Corp Root CA,O=Other Corp, which is not in the trusted CA bundle.");
    }

    @Test
    void missingIntermediateThenFullChainInAnyOrder() throws Exception {
        Path dir = init("dev", "--intermediate");
        issue(dir, "client", "acme");
        PkiTestCli.Result leafOnly = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "client");
        assertThat(leafOnly.exitCode()).isEqualTo(1);
        // verify knows no intermediate besides those given: the issuer is unknown, the fix says what to send if it is one
        assertThat(leafOnly.out()).startsWith("INVALID UNKNOWN_ISSUER\n");
        assertThat(leafOnly.out()).contains("is an intermediate below a trusted CA, send it with the certificate (full"
                + " chain, leaf first)");

        List<X509Certificate> chain = CertificateBundle.load(dir.resolve("acme-chain.crt"), PasswordSource.none()).certificates();
        Path reversed = temp.resolve("reversed.pem");
        PemWriter.writeCertificates(reversed, List.of(chain.get(1), chain.get(0)));
        PkiTestCli.Result full = PkiTestCli.run("verify", "--cert", reversed.toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "client");
        assertThat(full.exitCode()).as(full.toString()).isZero();
        assertThat(full.out()).contains("through 1 intermediate.",
                "note: " + reversed + " had its certificates out of order; they were used leaf first");
    }

    @Test
    void nameMismatchAndJson() throws Exception {
        Path dir = init("dev");
        issue(dir, "server", "api.example");
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", dir.resolve("api.example.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "server", "--name", "www.example", "--json");
        assertThat(result.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("reason").asText()).isEqualTo("NAME_MISMATCH");
        assertThat(json.get("subject").asText()).isEqualTo("CN=api.example");
        assertThat(json.get("message").asText()).isEqualTo("The server certificate CN=api.example is not valid for the name "
                + "www.example: its subjectAltName lists DNS:api.example.");
        assertThat(json.get("fix").asText()).contains("DNS:www.example");
        assertThat(json.get("path")).hasSize(2);

        PkiTestCli.Result valid = PkiTestCli.run("verify", "--cert", dir.resolve("api.example.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "server", "--name", "api.example", "--json");
        JsonNode ok = new ObjectMapper().readTree(valid.out());
        assertThat(valid.exitCode()).isZero();
        assertThat(ok.get("valid").asBoolean()).isTrue();
        assertThat(ok.has("reason")).isFalse();
    }

    @Test
    void hostNamesAreNormalisedAndPortsRefused() {
        Path dir = init("dev");
        issue(dir, "server", "api.example");
        PkiTestCli.Result trailingDot = PkiTestCli.run("verify", "--cert", dir.resolve("api.example.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "server", "--name", "API.example.");
        assertThat(trailingDot.exitCode()).as(trailingDot.toString()).isZero();

        PkiTestCli.Result withPort = PkiTestCli.run("verify", "--cert", dir.resolve("api.example.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--name", "10.0.0.5:443");
        assertThat(withPort.exitCode()).isEqualTo(2);
        assertThat(withPort.err()).isEqualTo("error: --name 10.0.0.5:443: not a host name or IP address; give e.g. "
                + "api.example.com, 10.0.0.5 or ::1 (without a port)\n");

        PkiTestCli.Result underscore = PkiTestCli.run("pki", "issue", "server", "my_svc.internal", "--dir", dir.toString());
        assertThat(underscore.exitCode()).isEqualTo(2);
        assertThat(underscore.err()).contains("DNS name 'my_svc.internal' is not a valid host name: label 'my_svc' must be "
                + "1-63 letters, digits or hyphens");
    }

    @Test
    void keyMismatch() {
        Path dir = init("dev");
        issue(dir, "client", "acme");
        issue(dir, "client", "other");
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                "--key", dir.resolve("other.key").toString(), "--ca", dir.resolve("ca.crt").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("INVALID KEY_MISMATCH\n  certificate: CN=acme\n  " + dir.resolve("other.key")
                + " (EC P-256) does not match " + dir.resolve("acme.crt") + " (EC P-256): the key belongs to another certificate.");
    }

    @Test
    void revokedByCrl() throws Exception {
        Path dir = init("dev");
        issue(dir, "client", "acme");
        X509Certificate ca = CertificateBundle.load(dir.resolve("ca.crt"), PasswordSource.none()).leaf();
        X509Certificate acme = CertificateBundle.load(dir.resolve("acme.crt"), PasswordSource.none()).leaf();
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(ca).getSubject(),
                Date.from(now.minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        builder.addCRLEntry(acme.getSerialNumber(), Date.from(now.minus(Duration.ofHours(1))), CRLReason.keyCompromise);
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.TWO));
        Path crl = temp.resolve("ca.crl");
        Files.writeString(crl, PemWriter.pem(new JcaX509CRLConverter().getCRL(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(PrivateKeys.load(dir.resolve("ca.key"), PasswordSource.none()))))));
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--crl", crl.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("INVALID REVOKED\n  certificate: CN=acme\n  The certificate CN=acme was revoked by "
                + "CN=mtls-kit dev Root CA,O=mtls-kit dev on ");
        assertThat(result.out()).contains("(reason: KEY_COMPROMISE).");
    }

    @Test
    void theOrderOfTheCrlFilesDoesNotChangeTheVerdict() throws Exception {
        Path dir = init("dev");
        issue(dir, "client", "acme");
        X509Certificate ca = CertificateBundle.load(dir.resolve("ca.crt"), PasswordSource.none()).leaf();
        X509Certificate acme = CertificateBundle.load(dir.resolve("acme.crt"), PasswordSource.none()).leaf();
        Path notListing = caCrl(dir, ca, "first.crl", 1, null);
        Path listing = caCrl(dir, ca, "second.crl", 2, acme.getSerialNumber());
        for (List<Path> order : List.of(List.of(notListing, listing), List.of(listing, notListing))) {
            PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                    "--ca", dir.resolve("ca.crt").toString(), "--crl", order.get(0).toString(), "--crl", order.get(1).toString());
            assertThat(result.exitCode()).as(order.toString()).isEqualTo(1);
            assertThat(result.out()).as(order.toString()).startsWith("INVALID REVOKED\n");
        }
    }

    private Path caCrl(Path dir, X509Certificate ca, String name, int number, BigInteger revoked) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(ca).getSubject(),
                Date.from(now.minus(Duration.ofHours(1))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        if (revoked != null) {
            builder.addCRLEntry(revoked, Date.from(now.minus(Duration.ofHours(1))), CRLReason.keyCompromise);
        }
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
        Path crl = temp.resolve(name);
        Files.writeString(crl, PemWriter.pem(new JcaX509CRLConverter().getCRL(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(PrivateKeys.load(dir.resolve("ca.key"), PasswordSource.none()))))));
        return crl;
    }

    @Test
    void caCertificateAsClientCertificate() {
        Path dir = init("dev", "--intermediate");
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", dir.resolve("intermediate.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "client");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("INVALID CA_AS_LEAF\n");
    }

    @Test
    void selfSignedCertificateTrustedDirectly() throws Exception {
        HeldCertificate pinned = HeldCertificate.builder().commonName("device-7").purpose(Purpose.CLIENT).build();
        Path file = temp.resolve("device.crt");
        PemWriter.writeCertificates(file, List.of(pinned.certificate()));
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", file.toString(), "--ca", file.toString(), "--purpose", "client");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("The client certificate CN=device-7 is trusted directly for client authentication.");
    }

    @Test
    void badInputIsExitTwoWithTheFileAndTheFix() throws Exception {
        Path dir = init("dev");
        issue(dir, "client", "acme");
        PkiTestCli.Result keyAsCa = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                "--ca", dir.resolve("acme.key").toString());
        assertThat(keyAsCa.exitCode()).isEqualTo(2);
        assertThat(keyAsCa.err()).isEqualTo("error: " + dir.resolve("acme.key")
                + " holds no certificate (it looks like a private key): pass the certificate file, not the key\n");

        PkiTestCli.Result missing = PkiTestCli.run("verify", "--cert", temp.resolve("nope.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: " + temp.resolve("nope.crt") + " does not exist: check the path\n");

        PkiTestCli.Result badTime = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--at", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).isEqualTo("error: --at yesterday: not an ISO-8601 time; write e.g. 2026-11-26T12:00:00Z or 2026-11-26\n");

        PkiTestCli.Result badPurpose = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--purpose", "email");
        assertThat(badPurpose.exitCode()).isEqualTo(2);
        assertThat(badPurpose.err()).isEqualTo("error: --purpose email: expected client or server\n");

        Path notCrl = dir.resolve("ca.crt");
        PkiTestCli.Result badCrl = PkiTestCli.run("verify", "--cert", dir.resolve("acme.crt").toString(),
                "--ca", dir.resolve("ca.crt").toString(), "--crl", notCrl.toString());
        assertThat(badCrl.exitCode()).isEqualTo(2);
        assertThat(badCrl.err()).isEqualTo("error: " + notCrl + " holds no CRL (it looks like PEM certificate(s)): "
                + "pass the CA's certificate revocation list (-----BEGIN X509 CRL-----)\n");
    }
}
