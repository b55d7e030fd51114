package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import dev.mtlskit.pki.DevPki;

import picocli.CommandLine;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.pki.Pkcs12Files;

/**
 * {@code mtls tunnel} in process, in front of {@code mtls serve} (zero config: dev PKI, echo): it
 * prints its one line, carries a plain HTTP request to the gateway as the dev client, and stops.
 */
@ResourceLock(ServeLogging.LOCK)
class TunnelCommandTest {

    @TempDir
    Path temp;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"certificate and key", "PKCS#12 with its password"})
    void theTunnelPrintsWhatItDoesCarriesARequestAndStops(String form) throws Exception {
        CapturedLog log = CapturedLog.of("mtls.serve", "mtls.tunnel");
        CommandLine serveLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        ServeCommand serve = serveLine.getSubcommands().get("serve").getCommand();
        StringWriter tunnelOut = new StringWriter();
        StringWriter tunnelErr = new StringWriter();
        CommandLine tunnelLine = MtlsCommand.commandLine(new PrintWriter(tunnelOut, true), new PrintWriter(tunnelErr, true));
        TunnelCommand tunnel = tunnelLine.getSubcommands().get("tunnel").getCommand();
        Path dev = temp.resolve("mtls-dev");
        ExecutorService executor = Executors.newFixedThreadPool(2);
        Future<Integer> serveExit = executor.submit(() -> serveLine.execute("serve", "--listen", "127.0.0.1:0",
                "--dev-dir", dev.toString(), "--threads", "1", "--access-log", "off"));
        Future<Integer> tunnelExit = null;
        try {
            assertThat(serve.started.await(60, TimeUnit.SECONDS)).as("gateway started: " + log.text()).isTrue();
            Matcher gateway = Pattern.compile("https://127.0.0.1:(\\d+)").matcher(log.text());
            assertThat(gateway.find()).as(log.text()).isTrue();
            String target = "https://localhost:" + gateway.group(1);

            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("tunnel", "--listen", "127.0.0.1:0",
                    "--target", target, "--cacert", dev.resolve("ca.crt").toString()));
            if (form.startsWith("PKCS#12")) {
                KeyMaterial client = KeyMaterial.load(dev.resolve("client.crt"),
                        dev.resolve("client.key"), PasswordSource.none());
                Path p12 = temp.resolve("tunnel-client.p12");
                Pkcs12Files.write(p12, client.privateKey(), client.chain(), "client",
                        PasswordSource.of("s3cret".toCharArray()));
                args.addAll(java.util.List.of("--cert", p12 + ":s3cret"));
            } else {
                args.addAll(java.util.List.of("--cert", dev.resolve("client.crt").toString(), "--key",
                        dev.resolve("client.key").toString()));
            }
            tunnelExit = executor.submit(() -> tunnelLine.execute(args.toArray(String[]::new)));
            assertThat(tunnel.started.await(60, TimeUnit.SECONDS)).as("tunnel started: " + log.text() + tunnelErr).isTrue();
            Matcher line = Pattern.compile("tunnel 127\\.0\\.0\\.1:(\\d+) → " + Pattern.quote(target + " as CN=dev-client")
                    + " \\(the certificate reloads when its files change\\)").matcher(log.text());
            assertThat(line.find()).as(log.text()).isTrue();
            assertThat(tunnelOut.toString()).as("standard output is left to the app's data").isEmpty();

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + line.group(1) + "/orders/7")).POST(HttpRequest.BodyPublishers.ofString("test")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"path\":\"/orders/7\"", "\"body_bytes\":4", "\"subject\":\"CN=dev-client\"");
        } finally {
            tunnel.stop();
            serve.stop();
            if (tunnelExit != null) {
                assertThat(tunnelExit.get(30, TimeUnit.SECONDS)).isZero();
            }
            assertThat(serveExit.get(30, TimeUnit.SECONDS)).isZero();
            executor.shutdownNow();
            log.close();
        }
    }

    @Test
    void badOptionsAreNamedWithTheFix() {
        Path dev = temp.resolve("nothing-here");
        assertThat(run("tunnel", "--target", "http://api.example.com", "--cert", dev.resolve("c.crt").toString(),
                "--key", dev.resolve("c.key").toString(), "--cacert", dev.resolve("ca.crt").toString()))
                .contains("error: --target http://api.example.com (expected: https://host[:port])");
        assertThat(run("tunnel", "--target", "https://api.example.com", "--cert", dev.resolve("c.crt").toString(),
                "--key", dev.resolve("c.key").toString(), "--cacert", dev.resolve("ca.crt").toString(), "--tls-max", "1.1"))
                .contains("error: --tls-max TLS version 1.1 (expected: 1.2 or 1.3)");
        assertThat(run("tunnel", "--target", "https://api.example.com", "--cert", dev.resolve("c.crt").toString(),
                "--key", dev.resolve("c.key").toString(), "--cacert", dev.resolve("ca.crt").toString()))
                .contains("error: ", dev.resolve("c.crt").toString());
        assertThat(run("tunnel", "--target", "https://api.example.com")).contains("Missing required options");
    }

    @Test
    void anAddressOtherHostsCanReachNeedsUnsafeListen() throws Exception {
        DevPki dev = DevPki.ensure(temp.resolve("mtls-dev"));
        String[] files = {"--cert", dev.client().certificate().toString(), "--key", dev.client().key().toString(),
                "--cacert", dev.caCertificate().toString()};
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("tunnel", "--listen", "0.0.0.0:8080",
                "--target", "https://localhost:1"));
        args.addAll(java.util.List.of(files));
        assertThat(run(args.toArray(String[]::new))).contains("error: --listen 0.0.0.0:8080: not a loopback address, "
                + "and whoever can connect to the tunnel calls the API with its certificate: listen on 127.0.0.1, ::1 or "
                + "localhost, or, if other hosts must use it, add --unsafe-listen and firewall the port");
    }

    @Test
    void aBusyPortIsNamed() throws Exception {
        DevPki dev = DevPki.ensure(temp.resolve("mtls-dev"));
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + busy.getLocalPort();
            assertThat(run("tunnel", "--listen", listen, "--target", "https://localhost:1", "--cert", dev.client().certificate().toString(),
                    "--key", dev.client().key().toString(), "--cacert", dev.caCertificate().toString()))
                    .contains("error: --listen " + listen + ": cannot listen there (", "pick another address or port");
        }
    }

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        int exit = MtlsCommand.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        return err.toString();
    }
}
