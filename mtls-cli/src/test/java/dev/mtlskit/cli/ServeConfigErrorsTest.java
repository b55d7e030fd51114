package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/** A broken configuration never starts the gateway: every problem is listed with file:line and the fix. */
@ResourceLock(ServeLogging.LOCK)
class ServeConfigErrorsTest {

    @TempDir
    Path temp;

    private Path dir;

    @BeforeEach
    void pki() {
        dir = PkiTestCli.serverAndClient(temp.resolve("pki"));
    }

    @Test
    void everyErrorOfABrokenFileIsListedAndNothingStarts() throws Exception {
        Path yaml = temp.resolve("gateway.yaml");
        Files.writeString(yaml, String.join("\n",
                "listeners:",
                "  - name: public",
                "    listen: 127.0.0.1:0",
                "    tls:",
                "      cert: " + dir.resolve("localhost-chain.crt"),
                "      key: " + dir.resolve("acme.key"),
                "      client_ca: " + dir.resolve("ca.crt"),
                "      client_auth: requir",
                "    routes:",
                "      - path: /a/",
                "        upstream: nowhere",
                ""));
        PkiTestCli.Result result = PkiTestCli.run("serve", "--config", yaml.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: " + yaml + ":1: missing required key \"upstreams\"\n")
                .contains(yaml + ":6: tls.key: " + dir.resolve("acme.key") + " (EC P-256) does not match "
                        + dir.resolve("localhost-chain.crt") + " (EC P-256)")
                .contains(yaml + ":8: tls.client_auth: \"requir\" is not one of require, optional, explain\n")
                .contains(yaml + ":11: routes[0].upstream: unknown upstream \"nowhere\"")
                .endsWith("the gateway did not start: fix the configuration and try again\n");
    }

    @Test
    void aTakenPortIsOneLineAndAFailedZeroConfigStartLeavesNoDevPkiBehind() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            Path devDir = temp.resolve("fresh-dev");
            PkiTestCli.Result result = PkiTestCli.run("serve", "--listen", listen, "--dev-dir", devDir.toString(), "--admin", "off");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.CANNOT_START);
            assertThat(result.err()).isEqualTo("error: the gateway did not start: listener default cannot listen on " + listen
                    + ": the address is in use (by another process, or by another listener): free it or choose another port\n");
            assertThat(devDir).doesNotExist();
        }
    }

    @Test
    void anAccessLogThatCannotBeOpenedStopsTheStartNamingIt() {
        // /proc/self takes no new file, even for root: as a read-only file system would.
        java.util.List<String> args = new java.util.ArrayList<>(ServeInProcess.arguments(dir));
        args.addAll(java.util.List.of("--access-log", "/proc/self/access.jsonl"));
        PkiTestCli.Result result = PkiTestCli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: access log /proc/self/access.jsonl cannot be opened for writing: "
                + "check the directory exists and is writable\n");
    }

    @Test
    void aConfigFileLeavesNoRoomForTheOneListenerFlags() throws Exception {
        Path yaml = temp.resolve("flags.yaml");
        Files.writeString(yaml, "upstreams: {}\n");
        PkiTestCli.Result result = PkiTestCli.run("serve", "--config", yaml.toString(), "--listen", "0.0.0.0:9443",
                "--upstream", "http://127.0.0.1:9000");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: --config replaces the one-listener flags (--listen, --upstream): put those "
                + "settings in " + yaml + "\n");
    }

    @Test
    void flagsAreCheckedBeforeAnythingStarts() {
        String cert = dir.resolve("localhost-chain.crt").toString();
        String key = dir.resolve("localhost.key").toString();
        String ca = dir.resolve("ca.crt").toString();
        assertThat(PkiTestCli.run("serve", "--cert", cert, "--key", key).err())
                .isEqualTo("error: --client-ca is missing: give the CA bundle that issued your clients' certificates "
                        + "(mutual TLS needs to know whom to trust)\n");
        assertThat(PkiTestCli.run("serve", "--cert", cert, "--key", key, "--client-ca", ca, "--client-auth", "maybe").err())
                .isEqualTo("error: --client-auth maybe: expected require, optional or explain\n");
        assertThat(PkiTestCli.run("serve", "--cert", cert, "--key", key, "--client-ca", ca, "--upstream", "ftp://x").err())
                .isEqualTo("error: --upstream ftp://x: expected http://host:port, https://host:port or echo\n");
        assertThat(PkiTestCli.run("serve", "--cert", cert, "--key", dir.resolve("acme.key").toString(), "--client-ca", ca,
                "--listen", "127.0.0.1:0").err())
                .isEqualTo("error: " + dir.resolve("acme.key") + " (EC P-256) does not match " + cert
                        + " (EC P-256): use the key generated with this certificate (or the certificate issued for this key)\n");
        assertThat(PkiTestCli.run("serve", "--config", temp.resolve("g.yaml").toString(), "--cert", cert).err())
                .startsWith("error: --config replaces the one-listener flags");
        assertThat(PkiTestCli.run("serve", "--cert", cert, "--key", key, "--client-ca", ca, "--ocsp", "strict").err())
                .isEqualTo("error: --ocsp strict: expected off, soft or hard\n");
        assertThat(PkiTestCli.run("serve", "--cert", cert, "--key", key, "--client-ca", ca, "--crl-fetch", "on").err())
                .isEqualTo("error: --crl-fetch on: expected off, soft or hard\n");
        assertThat(PkiTestCli.run("serve", "--cert", cert, "--key", key, "--client-ca", ca, "--drain-delay", "5").err())
                .isEqualTo("error: --drain-delay 5: expected a duration such as 5s, 500ms or 2m (0 to skip)\n");
        assertThat(PkiTestCli.run("serve", "--config", temp.resolve("g.yaml").toString(), "--ocsp", "hard").err())
                .isEqualTo("error: --config replaces the one-listener flags (--ocsp): put those settings in "
                        + temp.resolve("g.yaml") + "\n");
    }
}
