package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.gateway.config.GatewayConfig;
import dev.mtlskit.gateway.config.Timeouts;
import dev.mtlskit.testing.Programs;

/**
 * deploy/systemd/mtls.service is a unit systemd accepts ({@code systemd-analyze verify}, which names
 * any unknown or misspelled setting), that starts the archive's bin/mtls with the configuration in
 * /etc/mtls, reloads with SIGHUP, waits longer than the drain and the shutdown grace, and runs
 * sandboxed without privileges.
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("..", "deploy", "systemd", "mtls.service").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void systemdAcceptsTheUnitAndReportsAMisspelledSetting() throws Exception {
        Programs.require("systemd-analyze", "systemd");
        // verify checks that ExecStart's program exists: the archive's launcher, extracted to <temp>/opt/mtls.
        Path launcher = temp.resolve("opt/mtls/bin/mtls");
        Files.createDirectories(launcher.getParent());
        Files.copy(Path.of("src/dist/bin/mtls"), launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        String unit = Files.readString(UNIT).replace("/opt/mtls/", temp.resolve("opt/mtls") + "/");

        Programs.Result accepted = verify("mtls.service", unit);
        assertThat(accepted.exitCode()).as(accepted.describe()).isZero();
        assertThat(accepted.stdout() + accepted.stderr()).as(accepted.describe()).isEmpty();

        Programs.Result misspelled = verify("misspelled.service", unit.replace("ProtectSystem=", "ProtectSytem="));
        assertThat(misspelled.stderr()).contains("Unknown key 'ProtectSytem' in section [Service]");
    }

    @Test
    void theUnitRunsTheArchiveSandboxedAndStopsAndReloadsAsTheGatewayDoes() throws IOException {
        Map<String, List<String>> service = section(Files.readString(UNIT), "Service");

        assertThat(service.get("ExecStart")).containsExactly("/opt/mtls/bin/mtls serve --config /etc/mtls/gateway.yaml");
        assertThat(service.get("ExecReload")).containsExactly("/bin/kill -HUP $MAINPID");
        assertThat(service.get("SuccessExitStatus")).containsExactly("143");
        assertThat(service.get("Restart")).containsExactly("on-failure");
        Duration stopTimeout = Duration.ofSeconds(Long.parseLong(service.get("TimeoutStopSec").get(0).replace("s", "")));
        assertThat(stopTimeout).as("room for the drain and the grace")
                .isGreaterThan(GatewayConfig.DEFAULT_DRAIN_DELAY.plus(Timeouts.defaults().shutdownGrace()));
        assertThat(service.get("LoadCredential")).containsExactly("server.key:/etc/mtls/private/server.key");
        for (String setting : List.of("DynamicUser", "ProtectHome", "PrivateTmp", "NoNewPrivileges")) {
            assertThat(service.get(setting)).as(setting).containsExactly("yes");
        }
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
        assertThat(service.get("CapabilityBoundingSet")).as("no capability by default").containsExactly("");
        assertThat(service).doesNotContainKeys("AmbientCapabilities", "MemoryDenyWriteExecute");
        assertThat(Files.readString(UNIT)).contains("\n#AmbientCapabilities=CAP_NET_BIND_SERVICE\n"
                + "#CapabilityBoundingSet=CAP_NET_BIND_SERVICE\n");
    }

    /** The settings of one section, each key with its values in order. */
    private static Map<String, List<String>> section(String unit, String name) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String current = "";
        for (String line : unit.split("\n")) {
            if (line.startsWith("[")) {
                current = line.substring(1, line.indexOf(']'));
            } else if (current.equals(name) && !line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                settings.computeIfAbsent(line.substring(0, equals), key -> new ArrayList<>()).add(line.substring(equals + 1));
            }
        }
        return settings;
    }

    private Programs.Result verify(String name, String unit) throws Exception {
        Path file = Files.writeString(temp.resolve(name), unit);
        return Programs.run(List.of("systemd-analyze", "verify", "--man=no", file.toString()), Duration.ofSeconds(60));
    }
}
