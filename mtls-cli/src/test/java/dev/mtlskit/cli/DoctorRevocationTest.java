package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import picocli.CommandLine;
import dev.mtlskit.pki.KeyType;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
import dev.mtlskit.testing.HttpFiles;
import dev.mtlskit.testing.OcspResponder;
import dev.mtlskit.testing.TestPki;

/**
 * {@code mtls doctor} explains REVOKED and REVOCATION_UNKNOWN on both sides (issue 13, item 5):
 * it asks the OCSP responder the certificates name (a real {@code openssl ocsp}) as {@code mtls serve
 * --ocsp hard} does, and says what the gateway's refusal means.
 */
@ResourceLock(ServeLogging.LOCK)
class DoctorRevocationTest {

    /** The revocation date in an OCSP answer, as the core writes it ({date} in an expected line). */
    private static final String DATE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @TempDir
    static Path temp;

    private static HeldCertificate ca;
    private static Path caFile;
    private static Path serverChain;
    private static Path serverKey;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.root("Doctor Revocation Root CA");
        caFile = TestPki.writeCertificates(temp.resolve("ca.crt"), ca.certificate());
        HeldCertificate server = TestPki.server(ca, "localhost");
        serverChain = TestPki.writeChain(temp.resolve("server.crt"), server);
        serverKey = TestPki.writeKey(temp.resolve("server.key"), server.keyPair().getPrivate());
    }

    /** BoringSSL's certificate_revoked, and the responder's answer: said plainly, with the responder named. */
    @Test
    void aRevokedClientRefusedByAHardGatewayIsRevoked() throws Exception {
        try (OcspResponder ocsp = OcspResponder.start(ca, Files.createTempDirectory(temp, "ocsp"));
             Serve gateway = Serve.start(serverChain, serverKey, "--ocsp", "hard")) {
            HeldCertificate client = TestPki.client("revoked-client", ca, ocsp.url(), null);
            ocsp.revoke(client.certificate());
            PkiTestCli.Result result = doctor(gateway, client);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertLines(result.out(),
                    "FAIL  REVOKED  (side: client)",
                    "  the server rejected your client certificate CN=revoked-client (alert certificate_revoked(44)): its CA"
                            + " has revoked it: the certificate CN=revoked-client was revoked on {date} (reason:"
                            + " KEY_COMPROMISE), says the OCSP responder at " + ocsp.url(),
                    "  fix: get a new certificate from your CA; a revoked certificate cannot be used again");
        }
    }

    /** The gateway's bad_certificate is REVOCATION_UNKNOWN when the responder answers nobody: the CA's to fix. */
    @Test
    void aClientWhoseResponderIsDownRefusedByAHardGatewayIsRevocationUnknown() throws Exception {
        try (OcspResponder ocsp = OcspResponder.start(ca, Files.createTempDirectory(temp, "ocsp"));
             Serve gateway = Serve.start(serverChain, serverKey, "--ocsp", "hard")) {
            HeldCertificate client = TestPki.client("stranded-client", ca, ocsp.url(), null);
            ocsp.stop();
            PkiTestCli.Result result = doctor(gateway, client);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertLines(result.out(),
                    "FAIL  REVOCATION_UNKNOWN  (side: ca)",
                    "  the server rejected your client certificate CN=stranded-client (alert bad_certificate(42)): the likely"
                            + " cause is its revocation status, which cannot be learned here either: the revocation status of"
                            + " the certificate CN=stranded-client could not be learned: the OCSP responder at " + ocsp.url()
                            + " refused the connection; a server that checks revocation in hard mode refuses such a"
                            + " certificate with REVOCATION_UNKNOWN (mtls serve sends alert bad_certificate)",
                    "  fix: " + caMustAnswer(ocsp));
        }
    }

    /** The same from a CRL distribution point (--crl-fetch hard): the CRL that lists the certificate is named. */
    @Test
    void aClientListedOnItsDistributionPointsCrlIsRevoked() throws Exception {
        try (HttpFiles files = new HttpFiles();
             Serve gateway = Serve.start(serverChain, serverKey, "--crl-fetch", "hard")) {
            HeldCertificate client = TestPki.client("listed-client", ca, null, files.url("/ca.crl"));
            files.put("/ca.crl", TestPki.crlDer(ca, client.certificate().getSerialNumber()));
            PkiTestCli.Result result = doctor(gateway, client);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertLines(result.out(),
                    "FAIL  REVOKED  (side: client)",
                    "  the server rejected your client certificate CN=listed-client (alert certificate_revoked(44)): its CA"
                            + " has revoked it: the certificate CN=listed-client was revoked by CN=Doctor Revocation Root CA,"
                            + "O=mtls-kit tests on {date} (reason: KEY_COMPROMISE) (the CRL at " + files.url("/ca.crl") + ")",
                    "  fix: get a new certificate from your CA; a revoked certificate cannot be used again");
            assertThat(files.requests("/ca.crl")).as("the gateway's download, then the doctor's").isEqualTo(2);
        }
    }

    /** A soft gateway admits the client whose responder is down: OK, and the note says what a hard one would do. */
    @Test
    void aSoftGatewayAdmitsTheClientAndTheDoctorSaysWhatAHardOneWouldDo() throws Exception {
        try (OcspResponder ocsp = OcspResponder.start(ca, Files.createTempDirectory(temp, "ocsp"));
             Serve gateway = Serve.start(serverChain, serverKey, "--ocsp", "soft")) {
            HeldCertificate client = TestPki.client("stranded-client", ca, ocsp.url(), null);
            ocsp.stop();
            PkiTestCli.Result result = doctor(gateway, client);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertLines(result.out(),
                    "OK  OK",
                    "  mutual TLS works: the server verified your certificate CN=stranded-client and answered 200",
                    "  note: your certificate's revocation status is unknown: the revocation status of the certificate"
                            + " CN=stranded-client could not be learned: the OCSP responder at " + ocsp.url() + " refused the"
                            + " connection; a server that checks revocation in hard mode refuses such a certificate with"
                            + " REVOCATION_UNKNOWN (mtls serve sends alert bad_certificate), and only your CA can fix that:"
                            + " the OCSP responder at " + ocsp.url() + " must answer");
        }
    }

    @Test
    void aGoodClientIsOkWithOneLineForItsStatus() throws Exception {
        try (OcspResponder ocsp = OcspResponder.start(ca, Files.createTempDirectory(temp, "ocsp"));
             Serve gateway = Serve.start(serverChain, serverKey, "--ocsp", "hard")) {
            HeldCertificate client = TestPki.client("good-client", ca, ocsp.url(), null);
            ocsp.good(client.certificate());
            PkiTestCli.Result result = doctor(gateway, client);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertLines(result.out(),
                    "OK  OK",
                    "  mutual TLS works: the server verified your certificate CN=good-client and answered 200",
                    "  note: your certificate's revocation status: the OCSP responder at " + ocsp.url() + " says the"
                            + " certificate CN=good-client is not revoked");
        }
    }

    /** Explain mode's 401 names the code; the doctor adds what the CA says, without repeating the server's detail. */
    @Test
    void explainModesRevokedAndRevocationUnknownAreExplained() throws Exception {
        try (OcspResponder ocsp = OcspResponder.start(ca, Files.createTempDirectory(temp, "ocsp"));
             Serve gateway = Serve.start(serverChain, serverKey, "--ocsp", "hard", "--client-auth", "explain")) {
            HeldCertificate revoked = TestPki.client("revoked-client", ca, ocsp.url(), null);
            ocsp.revoke(revoked.certificate());
            PkiTestCli.Result result = doctor(gateway, revoked);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertLines(result.out(),
                    "FAIL  REVOKED  (side: client)",
                    "  the server rejected your client certificate CN=revoked-client (HTTP 401 (REVOKED)): its CA has"
                            + " revoked it: the certificate CN=revoked-client was revoked on {date} (reason: KEY_COMPROMISE),"
                            + " says the OCSP responder at " + ocsp.url(),
                    "  fix: get a new certificate from your CA; a revoked certificate cannot be used again");

            HeldCertificate stranded = TestPki.client("stranded-client", ca, ocsp.url(), null);
            ocsp.stop();
            result = doctor(gateway, stranded);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertLines(result.out(),
                    "FAIL  REVOCATION_UNKNOWN  (side: ca)",
                    "  the server rejected your client certificate CN=stranded-client (HTTP 401 (REVOCATION_UNKNOWN)): the"
                            + " server checks revocation in hard mode and cannot learn its status, nor can this machine: the"
                            + " revocation status of the certificate CN=stranded-client could not be learned: the OCSP"
                            + " responder at " + ocsp.url() + " refused the connection",
                    "  fix: " + caMustAnswer(ocsp));
        }
    }

    /** A gateway that does not check admits a revoked client: OK, with the note that checking servers refuse it. */
    @Test
    void aRevokedClientAdmittedByAGatewayThatDoesNotCheckIsOkWithANote() throws Exception {
        try (OcspResponder ocsp = OcspResponder.start(ca, Files.createTempDirectory(temp, "ocsp"));
             Serve gateway = Serve.start(serverChain, serverKey)) {
            HeldCertificate client = TestPki.client("revoked-client", ca, ocsp.url(), null);
            ocsp.revoke(client.certificate(), OcspResponder.Reason.SUPERSEDED);
            PkiTestCli.Result result = doctor(gateway, client);
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertLines(result.out(),
                    "OK  OK",
                    "  mutual TLS works: the server verified your certificate CN=revoked-client and answered 200",
                    "  note: your certificate is revoked (REVOKED), although this server accepted it: the certificate"
                            + " CN=revoked-client was revoked on {date} (reason: SUPERSEDED), says the OCSP responder at "
                            + ocsp.url() + "; servers that check revocation refuse it: get a new certificate from your CA;"
                            + " a revoked certificate cannot be used again");
        }
    }

    /**
     * OCSP needs the issuer's certificate: the doctor finds it next to the client certificate (as a dev
     * PKI keeps them), and says so when it is in none of the files.
     */
    @Test
    void theClientCertificatesIssuerIsLookedForNextToIt() throws Exception {
        HeldCertificate clientCa = TestPki.root("Doctor Revocation Client CA");
        Path clientCaFile = TestPki.writeCertificates(Files.createTempDirectory(temp, "client-ca").resolve("client-ca.crt"),
                clientCa.certificate());
        try (OcspResponder ocsp = OcspResponder.start(clientCa, Files.createTempDirectory(temp, "ocsp"));
             Serve gateway = Serve.start(serverChain, serverKey, "--client-ca", clientCaFile.toString())) {
            HeldCertificate client = TestPki.client("partner", clientCa, ocsp.url(), null);
            ocsp.good(client.certificate());
            Path directory = Files.createTempDirectory(temp, "partner");
            PkiTestCli.Result alone = doctor(gateway, client, directory);
            assertThat(alone.exitCode()).as(alone.toString()).isZero();
            assertLines(alone.out(),
                    "OK  OK",
                    "  mutual TLS works: the server verified your certificate CN=partner and answered 200",
                    "  note: your certificate names where its revocation status is published, but its issuer's certificate"
                            + " CN=Doctor Revocation Client CA,O=mtls-kit tests is in none of your files (--cert, --cacert,"
                            + " or next to " + directory.resolve("client.crt") + "), so its revocation status was not asked");
            assertThat(ocsp.requests()).isZero();

            Files.copy(clientCaFile, directory.resolve("ca.pem"));
            PkiTestCli.Result withIssuer = doctor(gateway, client, directory);
            assertLines(withIssuer.out(),
                    "OK  OK",
                    "  mutual TLS works: the server verified your certificate CN=partner and answered 200",
                    "  note: your certificate's revocation status: the OCSP responder at " + ocsp.url() + " says the"
                            + " certificate CN=partner is not revoked");
        }
    }

    /**
     * The gateway remembers its failed request for a few seconds; the responder is back for the
     * doctor: the server, not the CA, must act (it cannot reach the responder).
     */
    @Test
    void explainModesRevocationUnknownWhileTheResponderAnswersHereIsTheServersToFix() throws Exception {
        try (OcspResponder ocsp = OcspResponder.start(ca, Files.createTempDirectory(temp, "ocsp"));
             Serve gateway = Serve.start(serverChain, serverKey, "--ocsp", "hard", "--client-auth", "explain")) {
            PkiTestCli.Result result = null;
            // The gateway remembers the failure 5 s: a slow machine may need another round, with a new
            // certificate (the gateway would remember the old one's good answer).
            for (int round = 0; round < 3 && (result == null || result.exitCode() == 0); round++) {
                HeldCertificate client = TestPki.client("unlucky-client", ca, ocsp.url(), null);
                ocsp.good(client.certificate());
                ocsp.stop();
                assertThat(doctor(gateway, client).out()).startsWith("FAIL  REVOCATION_UNKNOWN  (side: ca)");
                ocsp.restart();
                result = doctor(gateway, client);
            }
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertLines(result.out(),
                    "FAIL  REVOCATION_UNKNOWN  (side: server)",
                    "  the server rejected your client certificate CN=unlucky-client (HTTP 401 (REVOCATION_UNKNOWN: The"
                            + " revocation status of the certificate CN=unlucky-client could not be learned: the OCSP"
                            + " responder at " + ocsp.url() + " refused the connection.)): the server checks revocation in"
                            + " hard mode and cannot learn its status, but this machine can: the OCSP responder at "
                            + ocsp.url() + " says the certificate CN=unlucky-client is not revoked; the server cannot reach"
                            + " the OCSP responder at " + ocsp.url(),
                    "  fix: the server's operator must let it reach the OCSP responder at " + ocsp.url() + " (check the"
                            + " firewall, proxy and DNS between them); the server's log line names what failed");
        }
    }

    /**
     * Explain mode's REVOCATION_UNKNOWN for a certificate that names nowhere to ask: the CRL the
     * server was given (limited to CA certificates) cannot say, which only the server can fix.
     */
    @Test
    void explainModesRevocationUnknownFromTheServersCrlFilesIsTheServersToFix() throws Exception {
        Path crl = TestPki.writeCrls(Files.createTempDirectory(temp, "crl").resolve("ca-certificates-only.crl"),
                crlForCaCertificatesOnly(ca));
        try (Serve gateway = Serve.start(serverChain, serverKey, "--crl", crl.toString(), "--client-auth", "explain")) {
            PkiTestCli.Result result = doctor(gateway, TestPki.client("plain-client", ca));
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertLines(result.out(),
                    "FAIL  REVOCATION_UNKNOWN  (side: server)",
                    "  the server rejected your client certificate CN=plain-client (HTTP 401 (REVOCATION_UNKNOWN: The"
                            + " revocation status of the client certificate CN=plain-client is unknown: the CRL from CN=Doctor"
                            + " Revocation Root CA,O=mtls-kit tests was given, but it does not cover the certificate: its"
                            + " issuing distribution point limits it to other certificates, or the certificate's distribution"
                            + " points name another CRL issuer.)): the server checks revocation and cannot learn whether it"
                            + " is revoked; the certificate names no OCSP responder or CRL distribution point, so the CRLs the"
                            + " server was given must cover it, and they do not",
                    "  fix: the server's operator must pass the complete, current CRLs of your certificate's CA");
        }
    }

    /** Explain mode's REVOCATION_UNKNOWN when the doctor cannot ask (no issuer certificate): it says so and why. */
    @Test
    void explainModesRevocationUnknownThatTheDoctorCannotAskAboutPointsToTheNote() throws Exception {
        HeldCertificate clientCa = TestPki.root("Doctor Revocation Partner CA");
        Path clientCaFile = TestPki.writeCertificates(Files.createTempDirectory(temp, "partner-ca").resolve("partner-ca.crt"),
                clientCa.certificate());
        try (OcspResponder ocsp = OcspResponder.start(clientCa, Files.createTempDirectory(temp, "ocsp"));
             Serve gateway = Serve.start(serverChain, serverKey, "--client-ca", clientCaFile.toString(), "--ocsp", "hard",
                     "--client-auth", "explain")) {
            HeldCertificate client = TestPki.client("partner", clientCa, ocsp.url(), null);
            ocsp.stop();
            Path directory = Files.createTempDirectory(temp, "partner");
            PkiTestCli.Result result = doctor(gateway, client, directory);
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertLines(result.out(),
                    "FAIL  REVOCATION_UNKNOWN  (side: server)",
                    "  the server rejected your client certificate CN=partner (HTTP 401 (REVOCATION_UNKNOWN: The revocation"
                            + " status of the certificate CN=partner could not be learned: the OCSP responder at " + ocsp.url()
                            + " refused the connection.)): the server checks revocation and cannot learn whether it is"
                            + " revoked; this machine could not ask either (see the note)",
                    "  fix: the server's operator must pass the complete, current CRLs that cover the certificate (one for"
                            + " each distribution point it names); with online checks, the OCSP responder and distribution"
                            + " points must answer the gateway",
                    "  note: your certificate names where its revocation status is published, but its issuer's certificate"
                            + " CN=Doctor Revocation Partner CA,O=mtls-kit tests is in none of your files (--cert, --cacert,"
                            + " or next to " + directory.resolve("client.crt") + "), so its revocation status was not asked");
        }
    }

    /** A CRL of {@code issuer} whose issuing distribution point limits it to CA certificates (RFC 5280 5.2.5). */
    private static X509CRLHolder crlForCaCertificatesOnly(HeldCertificate issuer) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(
                issuer.certificate().getSubjectX500Principal().getEncoded()), Date.from(now.minus(Duration.ofMinutes(5))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
        builder.addExtension(Extension.issuingDistributionPoint, true,
                new IssuingDistributionPoint(null, false, true, null, false, false));
        PrivateKey key = issuer.keyPair().getPrivate();
        return builder.build(new JcaContentSignerBuilder(KeyType.signatureAlgorithmFor(key)).build(key));
    }

    /** The server's certificate is asked about too: revoked, it is the cause, and the server's to replace. */
    @Test
    void aRevokedServerCertificateIsTheServersToReplace() throws Exception {
        try (OcspResponder ocsp = OcspResponder.start(ca, Files.createTempDirectory(temp, "ocsp"))) {
            HeldCertificate server = serverNaming(ocsp);
            ocsp.revoke(server.certificate());
            try (Serve gateway = Serve.start(server)) {
                PkiTestCli.Result result = doctor(gateway, TestPki.client("plain-client", ca));
                assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
                assertLines(result.out(),
                        "FAIL  REVOKED  (side: server)",
                        "  the server's certificate CN=localhost has been revoked by its CA: the certificate CN=localhost was"
                                + " revoked on {date} (reason: KEY_COMPROMISE), says the OCSP responder at " + ocsp.url()
                                + "; clients that check revocation refuse it",
                        "  fix: the server's operator must replace it with a new certificate from its CA; a revoked"
                                + " certificate cannot be used again",
                        "  note: the server also asks for a client certificate issued by CN=Doctor Revocation Root CA,"
                                + "O=mtls-kit tests");
            }
        }
    }

    /** An unknown or good status of the server's certificate is a note only. */
    @Test
    void theServerCertificatesUnknownOrGoodStatusIsANote() throws Exception {
        try (OcspResponder ocsp = OcspResponder.start(ca, Files.createTempDirectory(temp, "ocsp"))) {
            HeldCertificate server = serverNaming(ocsp);
            ocsp.good(server.certificate());
            try (Serve gateway = Serve.start(server)) {
                PkiTestCli.Result good = doctor(gateway, TestPki.client("plain-client", ca));
                assertThat(good.exitCode()).as(good.toString()).isZero();
                assertLines(good.out(),
                        "OK  OK",
                        "  mutual TLS works: the server verified your certificate CN=plain-client and answered 200",
                        "  note: the server certificate's revocation status: the OCSP responder at " + ocsp.url() + " says"
                                + " the certificate CN=localhost is not revoked");
                ocsp.stop();
                PkiTestCli.Result unknown = doctor(gateway, TestPki.client("plain-client", ca));
                assertThat(unknown.exitCode()).as(unknown.toString()).isZero();
                assertLines(unknown.out(),
                        "OK  OK",
                        "  mutual TLS works: the server verified your certificate CN=plain-client and answered 200",
                        "  note: the server certificate's revocation status is unknown: the revocation status of the"
                                + " certificate CN=localhost could not be learned: the OCSP responder at " + ocsp.url()
                                + " refused the connection; clients that check revocation in hard mode refuse it, and only"
                                + " the server's CA can fix that: the OCSP responder at " + ocsp.url() + " must answer");
            }
        }
    }

    @Test
    void theHelpSaysTheDoctorAsksTheRevocationSources() {
        PkiTestCli.Result help = PkiTestCli.run("doctor", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).contains("the side at fault (client, server, ca, network), a"
                + " sentence and the fix. Works against any server: nginx, HAProxy, Envoy, Java servers, mtls serve. Sends a"
                + " GET to the URL, and asks the OCSP responders and CRL distribution points that both sides' certificates"
                + " name.");
    }

    // ---- helpers ----

    private static PkiTestCli.Result doctor(Serve gateway, HeldCertificate client) throws Exception {
        return doctor(gateway, client, Files.createTempDirectory(temp, TestPki.commonName(client.certificate())));
    }

    /** The doctor with the client's certificate (without its root) and key in {@code directory}. */
    private static PkiTestCli.Result doctor(Serve gateway, HeldCertificate client, Path directory) throws Exception {
        Path certificate = TestPki.writeChain(directory.resolve("client.crt"), client);
        Path key = TestPki.writeKey(directory.resolve("client.key"), client.keyPair().getPrivate());
        return PkiTestCli.run("doctor", gateway.url, "--cert", certificate.toString(), "--key", key.toString(),
                "--cacert", caFile.toString());
    }

    private static String caMustAnswer(OcspResponder ocsp) {
        return "your certificate's CA must fix this, not you: the OCSP responder at " + ocsp.url() + " must answer (tell"
                + " the CA's operator what failed); until it does, servers that check revocation in hard mode refuse your"
                + " certificate";
    }

    /** A server certificate for localhost and 127.0.0.1 that names {@code ocsp} as its responder. */
    private static HeldCertificate serverNaming(OcspResponder ocsp) {
        return HeldCertificate.builder().commonName("localhost").purpose(Purpose.SERVER).addDnsName("localhost")
                .addIpAddress("127.0.0.1").ocspUrl(ocsp.url()).signedBy(ca).build();
    }

    /** {@code out} is exactly these lines; "{date}" in one stands for an OCSP revocation date. */
    private static void assertLines(String out, String... lines) {
        StringBuilder pattern = new StringBuilder();
        for (String line : lines) {
            pattern.append(Pattern.quote(line).replace("{date}", "\\E" + DATE + "\\Q")).append("\n");
        }
        assertThat(out).as(out).matches(Pattern.compile(pattern.toString()));
    }

    /** {@code mtls serve} in-process with the test's server certificate and CA, and further options. */
    private record Serve(ServeCommand command, ExecutorService executor, Future<Integer> exit, String url)
            implements AutoCloseable {

        static Serve start(HeldCertificate server, String... options) throws Exception {
            Path chain = TestPki.writeChain(Files.createTempDirectory(temp, "server").resolve("server.crt"), server);
            Path key = TestPki.writeKey(chain.resolveSibling("server.key"), server.keyPair().getPrivate());
            return start(chain, key, options);
        }

        static Serve start(Path chain, Path key, String... options) throws Exception {
            CapturedLog log = CapturedLog.of("mtls.serve");
            CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true),
                    new PrintWriter(new StringWriter(), true));
            ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
            List<String> args = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0", "--cert", chain.toString(),
                    "--key", key.toString(), "--client-ca", caFile.toString(), "--threads", "1", "--access-log", "off",
                    "--admin", "off"));
            args.addAll(List.of(options));
            ExecutorService executor = Executors.newSingleThreadExecutor();
            Future<Integer> exit = executor.submit(() -> commandLine.execute(args.toArray(new String[0])));
            try {
                assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + log.text()).isTrue();
                Matcher port = Pattern.compile("on https://127\\.0\\.0\\.1:(\\d+) ").matcher(log.text());
                assertThat(port.find()).as(log.text()).isTrue();
                return new Serve(serve, executor, exit, "https://127.0.0.1:" + port.group(1) + "/");
            } finally {
                log.close();
            }
        }

        @Override
        public void close() throws Exception {
            command.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            executor.shutdownNow();
        }
    }
}
