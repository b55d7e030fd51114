package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

import io.netty.handler.ssl.OpenSsl;
import picocli.CommandLine;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.pki.Pkcs12Files;
import dev.mtlskit.testing.SilentServer;

/**
 * {@code mtls call} and {@code mtls doctor} against {@code mtls serve}'s zero-config gateway: the
 * reference request over HTTP/2 and HTTP/1.1 with the trace's steps, and the doctor's verdicts.
 */
@ResourceLock(ServeLogging.LOCK)
class CallAndDoctorAgainstServeTest {

    @TempDir
    static Path temp;

    private static ServeCommand serve;
    private static Future<Integer> exit;
    private static ExecutorService executor;
    private static String base;

    @BeforeAll
    static void startGateway() throws Exception {
        CapturedLog out = CapturedLog.of("mtls.serve");
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        serve = commandLine.getSubcommands().get("serve").getCommand();
        executor = Executors.newSingleThreadExecutor();
        exit = executor.submit(() -> commandLine.execute("serve", "--listen", "127.0.0.1:0",
                "--dev-dir", temp.resolve("mtls-dev").toString(), "--threads", "1", "--access-log", "off"));
        assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + out.text()).isTrue();
        Matcher port = Pattern.compile("https://localhost:(\\d+)/").matcher(out.text());
        assertThat(port.find()).as(out.text()).isTrue();
        out.close();
        base = "https://localhost:" + port.group(1);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        serve.stop();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        executor.shutdownNow();
    }

    private static List<String> credentials() {
        return List.of("--cert", temp.resolve("mtls-dev/client.crt").toString(),
                "--key", temp.resolve("mtls-dev/client.key").toString(),
                "--cacert", temp.resolve("mtls-dev/ca.crt").toString(),
                "--resolve", base.substring("https://".length()) + ":127.0.0.1");
    }

    private static PkiTestCli.Result mtls(String command, String url, List<String> options) {
        List<String> args = new ArrayList<>(List.of(command, url));
        args.addAll(options);
        return PkiTestCli.run(args.toArray(new String[0]));
    }

    @Test
    void theReferenceCallOverHttp2ShowsEachStepAndNamesTheClient() {
        List<String> options = new ArrayList<>(credentials());
        options.addAll(List.of("-v", "--data", "test"));
        PkiTestCli.Result result = mtls("call", base + "/esim-messaging/3/ES4/ES4SmSrService", options);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"method\":\"POST\"", "\"body_bytes\":4", "\"subject\":\"CN=dev-client\"");
        assertThat(result.err()).contains("* ALPN, offering h2", "* Connected to localhost (127.0.0.1)",
                "*  SSL certificate verify ok", "it accepts certificates issued by:", "*   CN=mtls-kit dev Root CA",
                "* Sending client certificate: CN=dev-client", "* SSL connection using TLSv1.3",
                "* ALPN, server accepted to use h2", "> POST /esim-messaging/3/ES4/ES4SmSrService HTTP/2", "< HTTP/2 200");
        assertThat(result.err().indexOf("Server certificate:")).isLessThan(result.err().indexOf("Sending client certificate"));
        assertInOrder(result.err(), "* TLSv1.3 (OUT), TLS handshake, Client hello (1):",
                "* TLSv1.3 (IN), TLS handshake, Server hello (2):",
                "* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):",
                "* TLSv1.3 (IN), TLS handshake, Request CERT (13):",
                "* TLSv1.3 (IN), TLS handshake, Certificate (11):",
                "* TLSv1.3 (IN), TLS handshake, CERT verify (15):",
                "* TLSv1.3 (IN), TLS handshake, Finished (20):",
                "* TLSv1.3 (OUT), TLS handshake, Certificate (11):",
                "* TLSv1.3 (OUT), TLS handshake, CERT verify (15):",
                "* TLSv1.3 (OUT), TLS handshake, Finished (20):",
                "* SSL connection using TLSv1.3");
    }

    @Test
    void http1AndTls12AreChosenByTheOptions() {
        List<String> options = new ArrayList<>(credentials());
        options.addAll(List.of("-v", "-i", "--http1.1", "--tls-max", "1.2"));
        PkiTestCli.Result result = mtls("call", base + "/hello", options);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("HTTP/1.1 200").contains("\"protocol\":\"HTTP/1.1\"", "\"tls\":\"TLSv1.2\"");
        assertThat(result.err()).contains("* SSL connection using TLSv1.2", "> GET /hello HTTP/1.1", "> Host: localhost:");
        // The reference transcript's steps, in its order.
        assertInOrder(result.err(), "* TLSv1.2 (OUT), TLS handshake, Client hello (1):",
                "* TLSv1.2 (IN), TLS handshake, Server hello (2):",
                "* TLSv1.2 (IN), TLS handshake, Certificate (11):",
                "* TLSv1.2 (IN), TLS handshake, Server key exchange (12):",
                "* TLSv1.2 (IN), TLS handshake, Request CERT (13):",
                "* TLSv1.2 (IN), TLS handshake, Server finished (14):",
                "* TLSv1.2 (OUT), TLS handshake, Certificate (11):",
                "* TLSv1.2 (OUT), TLS handshake, Client key exchange (16):",
                "* TLSv1.2 (OUT), TLS handshake, CERT verify (15):",
                "* TLSv1.2 (OUT), TLS change cipher, Change cipher spec (1):",
                "* TLSv1.2 (OUT), TLS handshake, Finished (20):",
                "* TLSv1.2 (IN), TLS change cipher, Change cipher spec (1):",
                "* TLSv1.2 (IN), TLS handshake, Finished (20):",
                "* SSL connection using TLSv1.2");
    }

    private static void assertInOrder(String text, String... lines) {
        int from = 0;
        for (String line : lines) {
            int at = text.indexOf(line, from);
            assertThat(at).as("'" + line + "' after position " + from + " in:\n" + text).isGreaterThanOrEqualTo(0);
            from = at + line.length();
        }
    }

    @Test
    void methodHeadersBinaryFileBodyAndOutputFile() throws Exception {
        Path body = temp.resolve("body.bin");
        byte[] bytes = new byte[100_000];
        new java.util.Random(7).nextBytes(bytes);
        java.nio.file.Files.write(body, bytes);
        Path output = temp.resolve("response.json");
        List<String> options = new ArrayList<>(credentials());
        options.addAll(List.of("-X", "PUT", "--data-binary", "@" + body, "-H", "X-Request-Id: 42", "-H", "Accept:",
                "-o", output.toString(), "-v"));
        PkiTestCli.Result result = mtls("call", base + "/upload?x=1", options);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(java.nio.file.Files.readString(output)).contains("\"method\":\"PUT\"", "\"body_bytes\":100000",
                "\"path\":\"/upload\"");
        assertThat(result.err()).contains("> PUT /upload?x=1 HTTP/2", "> x-request-id: 42", "> content-length: 100000")
                .doesNotContain("> accept:");
    }

    @Test
    void aKeystoreOrAPemWithTheKeyIsGivenAsTheCertificateAlone() throws Exception {
        Path pki = temp.resolve("mtls-dev");
        KeyMaterial client = KeyMaterial.load(pki.resolve("client.crt"),
                pki.resolve("client.key"), PasswordSource.none());
        Path p12 = temp.resolve("client.p12");
        Pkcs12Files.write(p12, client.privateKey(), client.chain(), "client",
                PasswordSource.of("s3cret".toCharArray()));
        Path both = temp.resolve("client-and-key.pem");
        java.nio.file.Files.writeString(both, java.nio.file.Files.readString(pki.resolve("client.key"))
                + java.nio.file.Files.readString(pki.resolve("client.crt")));
        List<String> trust = List.of("--cacert", pki.resolve("ca.crt").toString(),
                "--resolve", base.substring("https://".length()) + ":127.0.0.1");

        for (List<String> cert : List.of(List.of("--cert", p12 + ":s3cret"),
                List.of("--cert", p12.toString(), "--key-pass", "s3cret", "--cert-type", "P12"),
                List.of("--cert", both.toString()))) {
            List<String> options = new ArrayList<>(cert);
            options.addAll(trust);
            PkiTestCli.Result call = mtls("call", base + "/who", options);
            assertThat(call.exitCode()).as(cert + ": " + call.err()).isZero();
            assertThat(call.out()).contains("\"subject\":\"CN=dev-client\"");
            PkiTestCli.Result doctor = mtls("doctor", base + "/who", options);
            assertThat(doctor.exitCode()).as(cert + ": " + doctor.out() + doctor.err()).isZero();
        }

        List<String> certificateOnly = new ArrayList<>(List.of("--cert", pki.resolve("client.crt").toString()));
        certificateOnly.addAll(trust);
        assertThat(mtls("call", base + "/who", certificateOnly).err()).contains(pki.resolve("client.crt")
                + " holds a certificate but no private key: give its key with --key KEY, or pass a PKCS#12 file (or a "
                + "PEM file) that holds both");
        List<String> wrongType = new ArrayList<>(List.of("--cert", p12 + ":s3cret", "--cert-type", "PEM"));
        wrongType.addAll(trust);
        assertThat(mtls("call", base + "/who", wrongType).err()).contains("--cert-type PEM, but " + p12
                + " is P12: leave --cert-type out (mtls reads the type from the file) or pass the PEM file");
    }

    @Test
    void failSetsTheExitCodeForErrorStatuses() {
        // An encoded slash makes the path ambiguous: the gateway answers 400 AMBIGUOUS_PATH.
        List<String> options = new ArrayList<>(credentials());
        options.add("-f");
        PkiTestCli.Result result = mtls("call", base + "/a%2Fb", options);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains("the server answered 400");
    }

    @Test
    void withoutTheCertificateTheCallFailsAndPointsToTheDoctor() {
        List<String> options = new ArrayList<>(credentials());
        options.subList(0, 4).clear();
        PkiTestCli.Result result = mtls("call", base + "/hello", options);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).doesNotContain("dev-client");
        Matcher advice = Pattern.compile("Run '(mtls doctor [^']+)' with the same --cert/--key/--cacert to find out why\\.")
                .matcher(result.err());
        assertThat(advice.find()).as(result.err()).isTrue();
        // The advice, run: the doctor names the cause.
        List<String> doctor = new ArrayList<>(List.of(advice.group(1).substring("mtls ".length()).split(" ")));
        doctor.addAll(options);
        PkiTestCli.Result diagnosis = PkiTestCli.run(doctor.toArray(new String[0]));
        assertThat(diagnosis.out()).startsWith("FAIL  NO_CLIENT_CERT  (side: client)");
    }

    @Test
    void theDoctorSaysOkWhenMutualTlsWorks() {
        PkiTestCli.Result result = mtls("doctor", base + "/", credentials());
        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).startsWith("OK  OK").contains("CN=dev-client");
    }

    @Test
    void theDoctorNamesAMissingClientCertificateInJson() {
        List<String> options = new ArrayList<>(credentials());
        options.subList(0, 4).clear();
        options.add("--json");
        PkiTestCli.Result result = mtls("doctor", base + "/", options);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("\"ok\":false", "\"reason\":\"NO_CLIENT_CERT\"", "\"side\":\"client\"",
                "\"fix\":\"pass your client certificate and key with --cert FILE --key FILE",
                "CN=mtls-kit dev Root CA");
    }

    @Test
    void badInputIsNamedBeforeAnythingIsSent() {
        PkiTestCli.Result noKey = mtls("call", base + "/", List.of("--cert", temp.resolve("mtls-dev/client.crt").toString()));
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("client.crt holds a certificate but no private key: give its key with --key KEY");
        PkiTestCli.Result plain = mtls("call", "http://localhost/", List.of());
        assertThat(plain.exitCode()).isEqualTo(2);
        assertThat(plain.err()).contains("https only");
        PkiTestCli.Result missing = mtls("call", base + "/", List.of("--cert", temp.resolve("nope.crt").toString(),
                "--key", temp.resolve("mtls-dev/client.key").toString()));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.crt");
    }

    /** Issue 11, item 4: without --cacert, call and doctor name the same cause, in the same words. */
    @Test
    void withoutTheDevCaCallAndDoctorBothSayUntrustedRoot() {
        List<String> options = new ArrayList<>(credentials());
        options.subList(4, 6).clear(); // no --cacert: the JDK's CA certificates
        String message = "the server's certificate was issued by CN=mtls-kit dev Root CA,O=mtls-kit dev, which is not"
                + " among the CAs you trust (the JDK's default CA certificates) and which the server does not send";
        String fix = "if CN=mtls-kit dev Root CA,O=mtls-kit dev is the server's root CA and you trust this server, pass"
                + " that CA certificate with --cacert; if it is an intermediate CA, the server's operator must send it with"
                + " the certificate (never turn verification off)";
        PkiTestCli.Result call = mtls("call", base + "/hello", options);
        assertThat(call.exitCode()).isEqualTo(1);
        assertThat(call.err()).isEqualTo("mtls call: UNTRUSTED_ROOT (side: server): " + message + "\n  fix: " + fix + "\n");
        List<String> verbose = new ArrayList<>(options);
        verbose.add("-v");
        String trace = mtls("call", base + "/hello", verbose).err();
        assertThat(trace).contains("*  SSL certificate problem: UNTRUSTED_ROOT: " + message + "\n*  fix: " + fix + "\n",
                "* TLS handshake failed: the server's certificate was refused (above), so this side ended the handshake\n");
        if (OpenSsl.isAvailable()) { // the JDK's engine would send certificate_unknown (docs/client.md)
            assertThat(trace).contains("* TLSv1.3 (OUT), TLS alert, unknown CA (560):\n");
        }
        PkiTestCli.Result doctor = mtls("doctor", base + "/", options);
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.out()).isEqualTo("FAIL  UNTRUSTED_ROOT  (side: server)\n  " + message + "\n  fix: " + fix + "\n"
                + "  note: the server also asks for a client certificate issued by CN=mtls-kit dev Root CA,O=mtls-kit dev\n");
        // The fix, done: the dev root with --cacert.
        assertThat(mtls("call", base + "/hello", credentials()).exitCode()).isZero();
    }

    /** Issue 11, item 4: a server that takes the connection and never answers TLS is a TIMEOUT within --connect-timeout. */
    @Test
    void aSilentServerIsATimeoutWithinTheConnectTimeoutForCallAndDoctor() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            String message = "127.0.0.1:" + silent.port() + " accepted the TCP connection but did not answer the TLS"
                    + " handshake within 0.5 s: something holds the connection without speaking TLS, such as a firewall or"
                    + " load balancer with nowhere to pass it on, or a server waiting for the client to speak another"
                    + " protocol first (plain HTTP, or one that starts TLS later with STARTTLS)";
            String fix = "check that " + silent.port() + " is the server's TLS port and that whatever sits in front of the"
                    + " server (load balancer, firewall) passes connections on; if the server is only slow, allow it more"
                    + " time with --connect-timeout SECONDS";
            long start = System.nanoTime();
            PkiTestCli.Result call = mtls("call", silent.url(), List.of("--connect-timeout", "0.5"));
            assertThat(call.exitCode()).isEqualTo(1);
            assertThat(call.err()).isEqualTo("mtls call: TIMEOUT (side: network): " + message + "\n  fix: " + fix + "\n");
            assertThat(mtls("call", silent.url(), List.of("--connect-timeout", "0.5", "-v")).err()).contains("* TLS handshake"
                    + " failed: the server did not answer the TLS handshake within the connect timeout (0.5 s)\n");
            PkiTestCli.Result doctor = mtls("doctor", silent.url(), List.of("--connect-timeout", "0.5"));
            assertThat(doctor.exitCode()).isEqualTo(1);
            assertThat(doctor.out()).isEqualTo("FAIL  TIMEOUT  (side: network)\n  " + message + "\n  fix: " + fix + "\n");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
        }
    }
}
