package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mtlskit.testing.Programs;

/**
 * The Prometheus files docs/operations.md offers are what Prometheus accepts: the alert rules
 * and the scrape configuration, checked by Prometheus's own promtool.
 */
class PrometheusFilesTest {

    private static final Path DIRECTORY = Path.of("..", "docs", "prometheus").toAbsolutePath().normalize();

    @Test
    void theAlertRulesAreValid() throws Exception {
        Path promtool = Programs.require("promtool", "prometheus");
        Programs.Result check = Programs.run(List.of(promtool.toString(), "check", "rules",
                DIRECTORY.resolve("alerts.yml").toString()), Duration.ofSeconds(30));
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.stdout()).contains("SUCCESS: 6 rules found");
    }

    @Test
    void theScrapeConfigurationIsValid() throws Exception {
        Path promtool = Programs.require("promtool", "prometheus");
        Programs.Result check = Programs.run(List.of(promtool.toString(), "check", "config",
                DIRECTORY.resolve("prometheus.yml").toString()), Duration.ofSeconds(30));
        assertThat(check.exitCode()).as(check.describe()).isZero();
    }
}
