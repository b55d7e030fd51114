package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mtlskit.gateway.ProblemCode;
import dev.mtlskit.gateway.log.ResponseCutCode;
import dev.mtlskit.reason.Code;
import dev.mtlskit.reason.ConnectionCode;
import dev.mtlskit.reason.Reason;

/**
 * docs/reasons.md explains every code a person can read, as the code says it: one heading per
 * code, with its title and its fix (and its status, for a problem answer), and no heading for a
 * code that does not exist.
 */
class CodesDocumentedTest {

    /**
     * Every type of codes a person reads (in an answer, a log line, a report): an enum implementing
     * {@link Code}. A new type of codes is one more line here.
     */
    static final List<Class<? extends Code>> CODE_TYPES = List.of(
            Reason.class,
            ConnectionCode.class,
            ProblemCode.class,
            ResponseCutCode.class);

    private static final Path DOC = Path.of("..", "docs", "reasons.md");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,3} ([A-Z][A-Z0-9_]*)$");
    private static final Pattern ANY_HEADING = Pattern.compile("(?m)^#{1,3} ");

    /** Each code heading's section: from the heading to the next heading of any level. */
    private static Map<String, String> sections;
    private static List<String> headings;

    @BeforeAll
    static void readDoc() throws IOException {
        String doc = Files.readString(DOC);
        sections = new LinkedHashMap<>();
        headings = new ArrayList<>();
        Matcher heading = HEADING.matcher(doc);
        while (heading.find()) {
            Matcher next = ANY_HEADING.matcher(doc);
            int end = next.find(heading.end()) ? next.start() : doc.length();
            headings.add(heading.group(1));
            sections.put(heading.group(1), doc.substring(heading.end(), end));
        }
    }

    @Test
    void everyCodeHasItsHeadingOnce() {
        assertThat(codes().keySet()).isNotEmpty().allSatisfy(name -> assertThat(headings)
                .as("headings '## %s' or '### %s' in docs/reasons.md", name, name).containsOnlyOnce(name));
    }

    @Test
    void theDocNamesNoCodeThatDoesNotExist() {
        assertThat(headings).as("code headings in docs/reasons.md").allSatisfy(heading -> assertThat(codes())
                .as("a code named %s in %s", heading, CODE_TYPES).containsKey(heading));
    }

    @Test
    void aNameMeansOneCode() {
        Map<String, List<String>> types = new TreeMap<>();
        for (Class<? extends Code> type : CODE_TYPES) {
            for (Code code : type.getEnumConstants()) {
                types.computeIfAbsent(code.name(), name -> new ArrayList<>()).add(type.getSimpleName());
            }
        }
        assertThat(types).as("codes defined more than once").allSatisfy((name, in) -> assertThat(in).hasSize(1));
    }

    @Test
    void everyEntrySaysTheTitleAndTheFixOfItsCode() {
        SoftAssertions softly = new SoftAssertions();
        codes().forEach((name, code) -> {
            String section = normalized(sections.getOrDefault(name, ""));
            softly.assertThat(code.title()).as("%s's title", name).isNotBlank().doesNotEndWith(".");
            softly.assertThat(code.fix()).as("%s's fix", name).isNotBlank().doesNotEndWith(".");
            softly.assertThat(section).as("the entry %s in docs/reasons.md, which should say the title", name)
                    .contains(normalized(code.title()));
            softly.assertThat(section).as("the entry %s in docs/reasons.md, which should say the fix", name)
                    .contains(normalized(code.fix()));
        });
        softly.assertAll();
    }

    @Test
    void everyProblemEntryStartsWithItsStatus() {
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(sections.getOrDefault(code.name(), "").strip())
                    .as("the entry %s in docs/reasons.md", code.name()).startsWith(code.status().code() + ":");
        }
    }

    private static Map<String, Code> codes() {
        Map<String, Code> codes = new LinkedHashMap<>();
        for (Class<? extends Code> type : CODE_TYPES) {
            assertThat(type.getEnumConstants()).as("%s: an enum with constants", type.getName()).isNotEmpty();
            for (Code code : type.getEnumConstants()) {
                codes.putIfAbsent(code.name(), code);
            }
        }
        return codes;
    }

    /** Lower case, no markdown emphasis or code marks, one space between words: wrapping does not matter. */
    private static String normalized(String text) {
        return text.replaceAll("[`*]", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
