package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mtlskit.testing.Programs;

/**
 * What a real {@code mtls serve} process writes where: standard output carries the access log and
 * nothing else (JSON lines a log shipper can read as they come), standard error carries the
 * banner and every other line, dated with its zone; {@code --log-format json} makes each of those
 * a JSON object too, with the reason code of a rejection as a field.
 */
class ServeLogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code 2026-12-06T21:04:05.123Z} or {@code 2026-12-06T22:04:05.123+01:00}, then the level. */
    private static final Pattern DATED = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (TRACE|DEBUG|INFO |WARN |ERROR) .+");

    @TempDir
    Path temp;

    @Test
    void textStandardErrorIsDatedAndStandardOutputIsTheAccessLogOnly() throws Exception {
        Output output = serveAndCall(List.of());

        for (String line : output.err()) {
            assertThat(line).as("every line of standard error is dated, with its zone").matches(DATED);
        }
        assertThat(String.join("\n", output.err())).contains(
                "INFO  mtls gateway listener default on https://127.0.0.1:" + output.port() + " (client certificates: require)",
                "INFO  Dev PKI in " + temp.resolve("mtls-dev") + "/ (CA " + temp.resolve("mtls-dev/ca.crt") + "); try: curl -v ",
                "WARN  rejected [default] 127.0.0.1:",
                " NO_CLIENT_CERT: the client sent no certificate",
                "INFO  shutting down: finishing requests in flight");
        assertAccessLogOnly(output.out());
    }

    @Test
    void jsonMakesEveryLineOfStandardErrorAnObjectWithTheReasonAsAField() throws Exception {
        Output output = serveAndCall(List.of("--log-format", "json"));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.err()) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.path("time").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
            assertThat(node.path("level").asText()).as(line).isIn("DEBUG", "INFO", "WARN", "ERROR");
            assertThat(node.path("logger").asText()).as(line).startsWith("mtls.");
            assertThat(node.path("message").asText()).as(line).isNotBlank();
            lines.add(node);
        }
        JsonNode banner = find(lines, "listening");
        assertThat(banner.path("listener").asText()).isEqualTo("default");
        assertThat(banner.path("url").asText()).isEqualTo("https://127.0.0.1:" + output.port());
        assertThat(banner.path("client_auth").asText()).isEqualTo("require");
        assertThat(find(lines, "dev_pki").path("try").asText()).startsWith("curl -v https://localhost:" + output.port() + "/");
        JsonNode rejected = find(lines, "rejected");
        assertThat(rejected.path("level").asText()).isEqualTo("WARN");
        assertThat(rejected.path("logger").asText()).isEqualTo("mtls.rejected");
        assertThat(rejected.path("reason").asText()).isEqualTo("NO_CLIENT_CERT");
        assertThat(rejected.path("listener").asText()).isEqualTo("default");
        assertThat(rejected.path("client").asText()).startsWith("127.0.0.1:");
        assertThat(rejected.path("message").asText()).contains("NO_CLIENT_CERT: the client sent no certificate");
        assertAccessLogOnly(output.out());
    }

    @Test
    void aFailedStartIsAJsonLineTooWithTheExitCode() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            PkiTestCli.Result result = PkiTestCli.run("serve", "--log-format", "json", "--listen", listen, "--admin", "off",
                    "--dev-dir", temp.resolve("mtls-dev").toString());

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err().lines()).hasSize(1);
            JsonNode line = JSON.readTree(result.err());
            assertThat(line.path("level").asText()).isEqualTo("ERROR");
            assertThat(line.path("event").asText()).isEqualTo("error");
            assertThat(line.path("exit_code").asInt()).isEqualTo(3);
            assertThat(line.path("message").asText()).startsWith("the gateway did not start: listener default cannot listen on " + listen
                    + ": the address is in use");
            assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
        }
    }

    @Test
    void anUnknownFormatIsRefusedWithTheChoices() {
        PkiTestCli.Result result = PkiTestCli.run("serve", "--log-format", "yaml");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--log-format", "expected text or json, got 'yaml'");
    }

    private static JsonNode find(List<JsonNode> lines, String event) {
        return lines.stream().filter(line -> event.equals(line.path("event").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no \"event\":\"" + event + "\" in " + lines));
    }

    private static void assertAccessLogOnly(List<String> out) throws Exception {
        assertThat(out).as("standard output: one access record per request, nothing else").hasSize(2);
        for (String line : out) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.path("status").asInt()).as(line).isEqualTo(200);
            assertThat(record.path("client").asText()).as(line).isEqualTo("CN=dev-client");
        }
    }

    private record Output(int port, List<String> out, List<String> err) {
    }

    /**
     * Runs zero-config {@code mtls serve} as its own process with the logging configuration it
     * ships with, makes two calls with the dev client certificate and one without, stops it
     * with SIGTERM.
     */
    private Output serveAndCall(List<String> options) throws Exception {
        Programs.require("curl", "curl");
        Path out = temp.resolve("serve.out");
        Path err = temp.resolve("serve.err");
        List<String> args = new ArrayList<>(List.of("serve", "--listen", "127.0.0.1:0", "--threads", "1",
                "--dev-dir", temp.resolve("mtls-dev").toString(), "--admin", "127.0.0.1:0", "--drain-delay", "0"));
        args.addAll(options);
        Process serve = ServeProcess.start(List.of(), List.of(), out, err, args);
        int port;
        try {
            port = Integer.parseInt(ProcessOutput.await(err, Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)")));
            Path dev = temp.resolve("mtls-dev");
            for (int i = 0; i < 2; i++) {
                assertThat(curl(port, "--cert", dev.resolve("client.crt").toString(), "--key", dev.resolve("client.key").toString(),
                        "--cacert", dev.resolve("ca.crt").toString())).isEqualTo("200");
            }
            curl(port, "--cacert", dev.resolve("ca.crt").toString());
            ProcessOutput.await(err, Pattern.compile("(NO_CLIENT_CERT)"));
        } finally {
            serve.destroy(); // SIGTERM: a graceful stop, which flushes both logs
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        return new Output(port, Files.readAllLines(out, StandardCharsets.UTF_8), Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    private static String curl(int port, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-o", "/dev/null",
                "-w", "%{http_code}", "--resolve", "localhost:" + port + ":127.0.0.1"));
        command.addAll(List.of(options));
        command.add("https://localhost:" + port + "/orders");
        return Programs.run(command, Duration.ofSeconds(20)).stdout();
    }

}
