package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.mtlskit.testing.Programs;
import dev.mtlskit.pki.DevPki;

/**
 * The newcomer's path: {@code mtls serve} with no configuration prints a curl command, and that
 * exact command shows the reference transcript's steps and a 200 naming the client; without
 * the client certificate it fails.
 */
@ResourceLock(ServeLogging.LOCK)
class ServeZeroConfigTest {

    @TempDir
    Path temp;

    @Test
    void thePrintedCurlCommandWorksAndFailsWithoutTheCertificate() throws Exception {
        Programs.require("curl", "curl");
        CapturedLog out = CapturedLog.of("mtls.serve");
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<Integer> exit = executor.submit(() -> commandLine.execute("serve", "--listen", "localhost:0",
                "--dev-dir", temp.resolve("mtls-dev").toString(), "--threads", "1"));
        try {
            assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + out.text()).isTrue();
            String banner = out.text();
            Matcher printed = Pattern.compile("(curl -v https://localhost:(\\d+)/esim-messaging/3/ES4/ES4SmSrService .*)").matcher(banner);
            assertThat(printed.find()).as(banner).isTrue();
            assertThat(printed.group(1)).contains("--cert " + temp.resolve("mtls-dev/client.crt"),
                    "--key " + temp.resolve("mtls-dev/client.key"), "--cacert " + temp.resolve("mtls-dev/ca.crt"), "--data 'test'");

            List<String> command = new ArrayList<>(List.of("curl", "--max-time", "20", "-sS", "-v",
                    "https://localhost:" + printed.group(2) + "/esim-messaging/3/ES4/ES4SmSrService",
                    "--cert", temp.resolve("mtls-dev/client.crt").toString(), "--key", temp.resolve("mtls-dev/client.key").toString(),
                    "--cacert", temp.resolve("mtls-dev/ca.crt").toString(), "--data", "test"));
            Programs.Result ok = run(command);
            assertThat(ok.exitCode()).as(ok.describe()).isZero();
            assertThat(ok.stderr()).contains("ALPN: server accepted h2", "Request CERT (13)", "SSL certificate verify ok", "HTTP/2 200");
            assertThat(ok.stdout()).contains("\"method\":\"POST\"", "\"body_bytes\":4", "\"subject\":\"CN=dev-client\"");

            List<String> withoutCertificate = new ArrayList<>(command);
            int cert = withoutCertificate.indexOf("--cert");
            withoutCertificate.subList(cert, cert + 4).clear();
            Programs.Result refused = run(withoutCertificate);
            assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
            assertThat(refused.stdout()).doesNotContain("dev-client");
        } finally {
            serve.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            executor.shutdownNow();
            out.close();
        }
    }

    @Test
    void theAccessLogGoesToTheConfiguredFile() throws Exception {
        Programs.require("curl", "curl");
        CapturedLog out = CapturedLog.of("mtls.serve");
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        Path accessLog = temp.resolve("access.jsonl");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<Integer> exit = executor.submit(() -> commandLine.execute("serve", "--listen", "127.0.0.1:0",
                "--dev-dir", temp.resolve("mtls-dev").toString(), "--threads", "1", "--access-log", accessLog.toString()));
        try {
            assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + out.text()).isTrue();
            Matcher port = Pattern.compile("https://127.0.0.1:(\\d+)").matcher(out.text());
            assertThat(port.find()).as(out.text()).isTrue();
            Programs.Result ok = run(List.of("curl", "--max-time", "20", "-sS", "--resolve", "localhost:" + port.group(1) + ":127.0.0.1",
                    "https://localhost:" + port.group(1) + "/orders?id=7",
                    "--cert", temp.resolve("mtls-dev/client.crt").toString(), "--key", temp.resolve("mtls-dev/client.key").toString(),
                    "--cacert", temp.resolve("mtls-dev/ca.crt").toString()));
            assertThat(ok.exitCode()).as(ok.describe()).isZero();
        } finally {
            serve.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            executor.shutdownNow();
            out.close();
        }
        // Written asynchronously: stopping the appender flushed it.
        String line = java.nio.file.Files.readString(accessLog);
        assertThat(line).contains("\"client\":\"CN=dev-client\"", "\"method\":\"GET\"", "\"path\":\"/orders\"",
                "\"status\":200");
    }

    @Test
    void withRealCertificatesAndNoUpstreamTheBannerSaysTheEchoAnswers() throws Exception {
        DevPki pki = DevPki.ensure(temp.resolve("pki"));
        try (RunningServe serve = RunningServe.start(withRealCertificates(pki))) {
            assertThat(serve.out()).contains("No --upstream: the built-in echo answers every request with what it "
                    + "received; forward requests to your API with --upstream http://HOST:PORT");
        }
    }

    @Test
    void theDoctorsAdviceOnAForbiddenPathIsACommandThatWorks() throws Exception {
        DevPki pki = DevPki.ensure(temp.resolve("pki403"));
        List<String> args = withRealCertificates(pki);
        args.addAll(List.of("--allow-cn", "somebody-else"));
        try (RunningServe serve = RunningServe.start(args)) {
            Matcher port = Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)").matcher(serve.out());
            assertThat(port.find()).as(serve.out()).isTrue();
            PkiTestCli.Result doctor = PkiTestCli.run("doctor", "https://localhost:" + port.group(1) + "/orders",
                    "--resolve", "localhost:" + port.group(1) + ":127.0.0.1", "--cert", pki.client().certificate().toString(),
                    "--key", pki.client().key().toString(), "--cacert", pki.caCertificate().toString());
            Matcher advice = Pattern.compile("'(mtls inspect [^']+)' shows the identity they need").matcher(doctor.out());
            assertThat(advice.find()).as(doctor.out() + doctor.err()).isTrue();
            String[] command = advice.group(1).split(" ");
            PkiTestCli.Result inspect = PkiTestCli.run(java.util.Arrays.copyOfRange(command, 1, command.length));
            assertThat(inspect.exitCode()).as(inspect.err()).isZero();
            assertThat(inspect.out()).contains("CN=dev-client");
        }
    }

    /** serve on an ephemeral loopback port with the PKI's server certificate, trusting its CA for clients. */
    private static List<String> withRealCertificates(DevPki pki) {
        return new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0", "--cert", pki.server().chain().toString(),
                "--key", pki.server().key().toString(), "--client-ca", pki.caCertificate().toString(),
                "--threads", "1", "--access-log", "off"));
    }

    /** {@code mtls serve} running in this JVM until closed; closing stops it and expects exit code 0. */
    private record RunningServe(ServeCommand serve, CapturedLog banner, ExecutorService executor, Future<Integer> exit)
            implements AutoCloseable {

        static RunningServe start(List<String> args) throws Exception {
            CapturedLog banner = CapturedLog.of("mtls.serve");
            CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true),
                    new PrintWriter(new StringWriter(), true));
            ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            Future<Integer> exit = executor.submit(() -> commandLine.execute(args.toArray(String[]::new)));
            RunningServe running = new RunningServe(serve, banner, executor, exit);
            if (!serve.started.await(60, TimeUnit.SECONDS)) {
                running.close();
                throw new AssertionError("gateway did not start: " + banner.text());
            }
            return running;
        }

        String out() {
            return banner.text();
        }

        @Override
        public void close() throws Exception {
            try {
                serve.stop();
                assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            } finally {
                executor.shutdownNow();
                banner.close();
            }
        }
    }

    private static Programs.Result run(List<String> command) throws IOException, InterruptedException {
        return Programs.run(command, Duration.ofSeconds(30));
    }
}
