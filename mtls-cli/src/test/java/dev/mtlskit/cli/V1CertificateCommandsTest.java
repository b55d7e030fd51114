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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import picocli.CommandLine;

import dev.mtlskit.testing.TutorialPki;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.V1Certificates;

/**
 * The tutorials' X.509 v1 client certificate through every command: verify, inspect, and doctor
 * and call against mtls serve say V1_CERTIFICATE with the same fix; {@code --accept-v1-client-certs}
 * lets it in.
 */
@ResourceLock(ServeLogging.LOCK)
class V1CertificateCommandsTest {

    private static final String FIX = V1Certificates.leafFix(PeerRole.CLIENT, null);

    @TempDir
    static Path directory;
    private static TutorialPki pki;

    @BeforeAll
    static void tutorialPki() throws Exception {
        pki = TutorialPki.create(directory);
    }

    private static String file(String name) {
        return pki.file(name).toString();
    }

    @Test
    void verifySaysV1CertificateWithTheFix() {
        PkiTestCli.Result result = PkiTestCli.run("verify", "--cert", file("client.crt"), "--ca", file("ca.crt"),
                "--purpose", "client");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("INVALID V1_CERTIFICATE", "  certificate: CN=tutorial-client",
                "  The client certificate CN=tutorial-client is an X.509 version 1 certificate, which carries no extensions",
                "  fix: " + FIX);
    }

    @Test
    void inspectFindsItWithTheSameCodeAndFix() {
        PkiTestCli.Result result = PkiTestCli.run("inspect", file("client.crt"));

        assertThat(result.out()).contains("WARNING         an X.509 version 1 certificate, which carries no extensions"
                + " (no basicConstraints, key usage or extended key usage): strict validators (mtls verify, mtls serve)"
                + " refuse it; fix: " + FIX + " [V1_CERTIFICATE]");
    }

    @Test
    void doctorAndCallAgainstTheGatewayNameTheCauseAndTheOptionLetsItIn() throws Exception {
        withServe(List.of(), url -> {
            PkiTestCli.Result doctor = PkiTestCli.run("doctor", url, "--cert", file("client.crt"), "--key",
                    file("client.key"), "--cacert", file("ca.crt"));
            assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(1);
            assertThat(doctor.out()).as(doctor.toString()).contains("FAIL  V1_CERTIFICATE  (side: client)",
                    "  the server rejected your client certificate CN=tutorial-client (alert unsupported_certificate(43)):"
                            + " it is an X.509 version 1 certificate, which carries no extensions (openssl x509 -req makes"
                            + " one without -extfile); mtls serve and other strict servers refuse it (V1_CERTIFICATE)",
                    "  fix: " + FIX);

            PkiTestCli.Result call = PkiTestCli.run("call", url, "--cert", file("client.crt"), "--key",
                    file("client.key"), "--cacert", file("ca.crt"));
            assertThat(call.exitCode()).as(call.toString()).isNotZero();
            assertThat(call.err()).as(call.toString()).contains("with alert unsupported_certificate(43); your client"
                    + " certificate CN=tutorial-client is an X.509 version 1 certificate, which carries no extensions"
                    + " (openssl x509 -req makes one without -extfile); mtls serve and other strict servers refuse it"
                    + " (V1_CERTIFICATE). Fix: " + FIX);
        });
        withServe(List.of("--accept-v1-client-certs"), url -> {
            PkiTestCli.Result call = PkiTestCli.run("call", url, "--cert", file("client.crt"), "--key",
                    file("client.key"), "--cacert", file("ca.crt"));
            assertThat(call.exitCode()).as(call.toString()).isZero();
            assertThat(call.out()).contains("CN=tutorial-client");
        });
    }

    private interface Calls {
        void run(String url) throws Exception;
    }

    private static void withServe(List<String> options, Calls calls) throws Exception {
        CapturedLog out = CapturedLog.of("mtls.serve");
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        List<String> arguments = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0", "--threads", "1",
                "--cert", file("server.crt"), "--key", file("server.key"), "--client-ca", file("ca.crt"),
                "--access-log", "off"));
        arguments.addAll(options);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<Integer> exit = executor.submit(() -> commandLine.execute(arguments.toArray(String[]::new)));
        try {
            assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + out.text()).isTrue();
            Matcher port = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)").matcher(out.text());
            assertThat(port.find()).as(out.text()).isTrue();
            out.close();
            calls.run("https://127.0.0.1:" + port.group(1) + "/");
        } finally {
            serve.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            executor.shutdownNow();
        }
    }
}
