package dev.mtlskit.reason;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** docs/reasons.md documents exactly the codes of {@link Reason}, each with meaning and fix. */
class ReasonDocumentationTest {

    private static final Path DOC = Path.of("..", "docs", "reasons.md");

    @Test
    void everyCodeIsDocumentedAndNothingElse() throws IOException {
        String doc = Files.readString(DOC);
        List<String> headings = doc.lines().filter(line -> line.startsWith("## "))
                .map(line -> line.substring(3).strip()).collect(Collectors.toList());
        List<String> codes = Arrays.stream(Reason.values()).map(Enum::name).collect(Collectors.toList());
        assertThat(headings).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void everyEntrySaysMeaningAndFix() throws IOException {
        String[] sections = Files.readString(DOC).split("\n## ");
        for (int i = 1; i < sections.length; i++) {
            assertThat(sections[i]).as(sections[i].lines().findFirst().orElse("")).contains("**Meaning:**", "**Fix:**");
        }
    }

    @Test
    void everyCodeHasMeaningAndFixInCode() {
        for (Reason reason : Reason.values()) {
            assertThat(reason.meaning()).as(reason.name()).isNotBlank();
            assertThat(reason.fix()).as(reason.name()).isNotBlank();
        }
    }
}
