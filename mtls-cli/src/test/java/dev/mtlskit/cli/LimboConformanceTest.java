package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/**
 * Every x509-limbo case through the validator via the harness: no wrong accept and no wrong reject
 * that is not listed with its reason in conformance/x509-limbo/deviations.tsv, and the counts in
 * the README are the real ones.
 */
class LimboConformanceTest {

    private static final Path LIMBO_DIR = Path.of("..", "conformance", "x509-limbo");

    @Test
    void resultsMatchExpectationsExceptDocumentedDeviations() throws IOException {
        JsonNode limbo = new ObjectMapper().readTree(LIMBO_DIR.resolve("limbo.json").toFile());
        Map<String, String> expected = new HashMap<>();
        for (JsonNode testcase : limbo.get("testcases")) {
            expected.put(testcase.get("id").asText(), testcase.get("expected_result").asText());
        }
        ObjectNode results = LimboHarness.run(Files.readAllBytes(LIMBO_DIR.resolve("limbo.json")));
        assertThat(results.get("version").asInt()).isEqualTo(1);
        assertThat(results.get("harness").asText()).isEqualTo("mtls-kit");

        Map<String, String> deviations = deviations();
        Map<String, String> wrong = new TreeMap<>();
        int passed = 0;
        int wrongAccepts = 0;
        int wrongRejects = 0;
        int skipped = 0;
        for (JsonNode result : results.get("results")) {
            String id = result.get("id").asText();
            String actual = result.get("actual_result").asText();
            String want = expected.get(id);
            if (actual.equals("SKIPPED")) {
                skipped++;
            } else if (actual.equals(want)) {
                passed++;
            } else {
                String kind = want.equals("FAILURE") ? "accept" : "reject";
                if (kind.equals("accept")) {
                    wrongAccepts++;
                } else {
                    wrongRejects++;
                }
                wrong.put(id, kind + ": " + result.get("context").asText());
            }
        }
        Map<String, String> undocumented = new TreeMap<>();
        wrong.forEach((id, what) -> {
            String listed = deviations.get(id);
            if (listed == null || !what.startsWith(listed + ":")) {
                undocumented.put(id, what);
            }
        });
        assertThat(undocumented).as("deviations not listed in deviations.tsv").isEmpty();
        assertThat(deviations.keySet()).as("listed deviations that no longer deviate").isSubsetOf(wrong.keySet());

        String counts = "| " + expected.size() + " | " + passed + " | " + wrongAccepts + " | " + wrongRejects + " | " + skipped + " |";
        assertThat(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8))
                .as("README conformance table row (cases | pass | wrong accepts | wrong rejects | skipped)")
                .contains(counts);
    }

    private static Map<String, String> deviations() throws IOException {
        Map<String, String> deviations = new HashMap<>();
        for (String line : Files.readAllLines(LIMBO_DIR.resolve("deviations.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            assertThat(fields).as("id, kind and reason in: " + line).hasSize(3);
            assertThat(fields[2]).as("reason for " + fields[0]).hasSizeGreaterThan(20);
            deviations.put(fields[0], fields[1]);
        }
        return deviations;
    }
}
