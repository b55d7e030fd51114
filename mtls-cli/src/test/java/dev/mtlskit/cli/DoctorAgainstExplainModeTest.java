package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import picocli.CommandLine;

/**
 * Against {@code mtls serve --client-auth explain} every handshake completes and a refused client
 * gets 401 problem+json with the reason code: the doctor reads that code and still finds the local
 * cause (here a certificate from another dev CA, which has the same name as the gateway's).
 */
@ResourceLock(ServeLogging.LOCK)
class DoctorAgainstExplainModeTest {

    @TempDir
    Path temp;

    @Test
    void theDoctorReadsTheGatewaysProblemCodeAndNamesTheLocalCause() throws Exception {
        Path other = temp.resolve("other-ca");
        assertThat(PkiTestCli.run("pki", "init", "--dir", other.toString()).exitCode()).isZero();
        assertThat(PkiTestCli.run("pki", "issue", "client", "stranger", "--dir", other.toString()).exitCode()).isZero();

        CapturedLog out = CapturedLog.of("mtls.serve");
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<Integer> exit = executor.submit(() -> commandLine.execute("serve", "--listen", "127.0.0.1:0",
                "--dev-dir", temp.resolve("mtls-dev").toString(), "--threads", "1", "--client-auth", "explain", "--admin", "off"));
        try {
            assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + out.text()).isTrue();
            Matcher port = Pattern.compile("https://localhost:(\\d+)/").matcher(out.text());
            assertThat(port.find()).as(out.text()).isTrue();
            out.close();
            PkiTestCli.Result result = PkiTestCli.run("doctor", "https://127.0.0.1:" + port.group(1) + "/", "--json",
                    "--cert", other.resolve("stranger.crt").toString(), "--key", other.resolve("stranger.key").toString(),
                    "--cacert", temp.resolve("mtls-dev/ca.crt").toString());
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            // Both dev CAs are called "CN=mtls-kit dev Root CA": the names match, the keys do not.
            assertThat(result.out()).contains("\"reason\":\"UNKNOWN_ISSUER\"", "\"side\":\"client\"",
                    "HTTP 401 (UNKNOWN_ISSUER", "like a trusted CA, but not by that CA", "a different CA with the same name");
        } finally {
            serve.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            executor.shutdownNow();
        }
    }
}
