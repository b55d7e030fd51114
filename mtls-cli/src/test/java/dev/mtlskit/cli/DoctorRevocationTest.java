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

import picocli.CommandLine;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;
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
    private static final String CA_MUST_ANSWER = "your certificate's CA must fix this, not you: its OCSP responder must"
            + " answer (tell the CA's operator what failed); until it does, servers that check revocation in hard mode"
            + " refuse your certificate";

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
                    "  fix: " + CA_MUST_ANSWER);
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
                            + " its OCSP responder must answer");
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
                    "  fix: " + CA_MUST_ANSWER);
        }
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
                                + " the server's CA can fix that: its OCSP responder must answer");
            }
        }
    }

    // ---- helpers ----

    private static PkiTestCli.Result doctor(Serve gateway, HeldCertificate client) throws Exception {
        Path directory = Files.createTempDirectory(temp, TestPki.commonName(client.certificate()));
        Path certificate = TestPki.writeChain(directory.resolve("client.crt"), client);
        Path key = TestPki.writeKey(directory.resolve("client.key"), client.keyPair().getPrivate());
        return PkiTestCli.run("doctor", gateway.url, "--cert", certificate.toString(), "--key", key.toString(),
                "--cacert", caFile.toString());
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
