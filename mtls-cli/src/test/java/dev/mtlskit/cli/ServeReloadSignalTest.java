package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.DevPki;
import dev.mtlskit.testing.Programs;

/**
 * {@code kill -HUP} on a real {@code mtls serve --config} process: the gateway keeps running, a
 * valid new configuration changes who may connect, and a broken one is kept out with every
 * problem logged as at start.
 */
class ServeReloadSignalTest {

    @TempDir
    Path temp;

    private DevPki pki;
    private Path yaml;
    private Path err;

    @BeforeEach
    void configuration() throws Exception {
        Programs.requireAll("curl and procps", "curl", "kill");
        pki = DevPki.ensure(temp.resolve("pki"));
        yaml = temp.resolve("gateway.yaml");
        write(yaml, config(pki, "dev-client"));
        err = temp.resolve("serve.err");
    }

    @Test
    void sighupReloadsTheConfigurationAndKeepsABrokenOneOut() throws Exception {
        // env --default-signal=HUP: a build started under nohup hands SIGHUP down ignored, and a JVM that
        // starts with SIGHUP ignored never handles it (nohup's meaning), whatever the gateway asks.
        Process serve = serve("--default-signal=HUP");
        try {
            String banner = ProcessOutput.await(err, Pattern.compile("listener api on https://127\\.0\\.0\\.1:(\\d+)"));
            int port = Integer.parseInt(banner);
            assertThat(curl(pki, port)).isEqualTo("200");

            write(yaml, config(pki, "someone-else"));
            hangUp(serve);
            ProcessOutput.await(err, Pattern.compile("(configuration reloaded: 1 listener \\(1 kept, 0 added\\), 1 upstream; "
                    + "new requests use it)"));
            assertThat(serve.isAlive()).as("SIGHUP does not stop the gateway").isTrue();
            assertThat(curl(pki, port)).isEqualTo("403");

            write(yaml, config(pki, "dev-client").replace("client_auth: require", "client_auth: requir"));
            hangUp(serve);
            ProcessOutput.await(err, Pattern.compile("(reload failed: CONFIGURATION_INVALID: the configuration in force stays)"));
            assertThat(Files.readString(err)).contains("SIGHUP: reading " + yaml + " and the TLS files again",
                    "reload failed: " + yaml + ":10: tls.client_auth: \"requir\" is not one of require, optional, explain",
                    "reload failed: CONFIGURATION_INVALID: the configuration in force stays: fix " + yaml
                            + " and send SIGHUP again");
            assertThat(serve.isAlive()).isTrue();
            assertThat(curl(pki, port)).as("the configuration in force").isEqualTo("403");
        } finally {
            serve.destroy(); // SIGTERM: a graceful stop
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // The JVM ends with 128 + SIGTERM after its shutdown hook stopped the gateway gracefully.
        assertThat(serve.exitValue()).as(Files.readString(err)).isIn(0, 143);
        assertThat(Files.readString(err)).contains("shutting down: finishing requests in flight");
    }

    @Test
    void underNohupItSaysThatSighupCannotReloadIt() throws Exception {
        // What nohup does: the gateway starts with SIGHUP ignored.
        Process serve = serve("--ignore-signal=HUP");
        try {
            int port = Integer.parseInt(ProcessOutput.await(err,
                    Pattern.compile("listener api on https://127\\.0\\.0\\.1:(\\d+)")));
            assertThat(Files.readString(err)).contains("WARN  SIGHUP is ignored in this process (started with nohup?), "
                    + "so kill -HUP cannot reload " + yaml + "; TLS files are still read again when they change. "
                    + "To reload with SIGHUP, start the gateway without nohup (as a service: "
                    + "docs/operations.md#running-as-a-service)");
            write(yaml, config(pki, "someone-else"));
            hangUp(serve);
            Thread.sleep(1000);
            assertThat(serve.isAlive()).as("an ignored SIGHUP does not stop it either").isTrue();
            assertThat(Files.readString(err)).doesNotContain("SIGHUP: reading");
            assertThat(curl(pki, port)).as("the configuration of the start").isEqualTo("200");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ServeCommand.sighupIgnored(null)).contains("kill -HUP cannot reload it;");
    }

    /** {@code mtls serve --config yaml} with SIGHUP set by {@code env SIGNAL_OPTION} (as nohup or a shell leaves it). */
    private Process serve(String signalOption) throws IOException {
        return ServeProcess.start(List.of("env", signalOption), List.of(), temp.resolve("serve.out"), err,
                List.of("serve", "--config", yaml.toString()));
    }

    private static String config(DevPki pki, String allowedCn) {
        return String.join("\n",
                "upstreams:",
                "  echo:",
                "    url: \"echo:\"",
                "listeners:",
                "  - name: api",
                "    listen: 127.0.0.1:0",
                "    tls:",
                "      cert: " + pki.server().chain(),
                "      key: " + pki.server().key(),
                "      client_auth: require",
                "      client_ca: " + pki.caCertificate(),
                "    routes:",
                "      - path: /",
                "        upstream: echo",
                "        allow:",
                "          - cn: " + allowedCn,
                "drain_delay: 0s", // SIGTERM at the end stops at once
                "");
    }

    /** As an editor or a deploy script would: the new file renamed over the old one. */
    private static void write(Path file, String content) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void hangUp(Process process) throws Exception {
        Programs.run(List.of("kill", "-HUP", Long.toString(process.pid())), Duration.ofSeconds(10)).successfulOutput();
    }


    private String curl(DevPki pki, int port) throws Exception {
        return Programs.run(List.of("curl", "-sS", "--max-time", "10",
                "--resolve", "localhost:" + port + ":127.0.0.1", "--cacert", pki.caCertificate().toString(),
                "--cert", pki.client().certificate().toString(), "--key", pki.client().key().toString(),
                "-o", "/dev/null", "-w", "%{http_code}", "https://localhost:" + port + "/"), Duration.ofSeconds(20)).stdout();
    }
}
