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
import dev.mtlskit.reload.ReloadFailure;

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
            ResponseCutCode.class,
            ReloadFailure.class);

    private static final Path DOC = Path.of("..", "docs", "reasons.md");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,3} ([A-Z][A-Z0-9_]*)$");
    private static final Pattern ANY_HEADING = Pattern.compile("(?m)^#{1,3} ");
    /** A sentence's period, not the end of {@code ..} (the text is put in a sentence that has its own). */
    private static final Pattern FINAL_PERIOD = Pattern.compile("(?s).*[^.]\\.");

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
        Map<String, Code> codes = codes();
        assertThat(codes).isNotEmpty();
        assertThat(codes.keySet().stream().filter(name -> !headings.contains(name)).toList())
                .as("codes without their heading '## CODE' or '### CODE' in docs/reasons.md").isEmpty();
        assertThat(headings).as("code headings in docs/reasons.md").doesNotHaveDuplicates();
    }

    @Test
    void theDocNamesNoCodeThatDoesNotExist() {
        Map<String, Code> codes = codes();
        assertThat(headings.stream().filter(heading -> !codes.containsKey(heading)).toList())
                .as("headings in docs/reasons.md that name no code of %s", CODE_TYPES).isEmpty();
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
            softly.assertThat(code.title()).as("%s's title", name).isNotBlank().doesNotMatch(FINAL_PERIOD);
            softly.assertThat(code.fix()).as("%s's fix", name).isNotBlank().doesNotMatch(FINAL_PERIOD);
            softly.assertThat(section).as("the entry %s in docs/reasons.md, which should say the title", name)
                    .contains(normalized(code.title()));
            softly.assertThat(section).as("the entry %s in docs/reasons.md, which should say the fix", name)
                    .contains(normalized(code.fix()));
        });
        softly.assertAll();
    }

    /** {@code 413 **Request body too large**: …} */
    @Test
    void everyProblemEntryStartsWithItsStatusAndTitle() {
        for (ProblemCode code : ProblemCode.values()) {
            assertThat(sections.getOrDefault(code.name(), "").strip()).as("the entry %s in docs/reasons.md", code.name())
                    .startsWith(code.status().code() + " **" + code.title() + "**");
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
