package dev.mtlskit.client.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** docs/reasons.md lists exactly the doctor's codes, in the section that explains them. */
class DoctorCodesDocumentedTest {

    @Test
    void everyDoctorCodeHasItsEntryAndNoEntryIsStale() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "reasons.md"));
        int section = doc.indexOf("# Connection diagnoses");
        assertThat(section).as("the doctor's section in docs/reasons.md").isPositive();
        List<String> documented = new ArrayList<>();
        Matcher heading = Pattern.compile("(?m)^### ([A-Z_]+)$").matcher(doc.substring(section));
        while (heading.find()) {
            documented.add(heading.group(1));
        }
        List<String> codes = new ArrayList<>();
        for (DoctorCode code : DoctorCode.values()) {
            codes.add(code.name());
        }
        assertThat(documented).containsExactlyElementsOf(codes);
    }
}
