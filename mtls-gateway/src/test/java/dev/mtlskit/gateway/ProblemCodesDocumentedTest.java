package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every problem code the gateway answers with (besides the reason codes) is explained in docs/reasons.md. */
class ProblemCodesDocumentedTest {

    private static final Pattern CODE = Pattern.compile("HttpResponseStatus\\.[A-Z_]+,\\s*\"([A-Z_]+)\"");
    /** Codes of upstream failures, logged on mtls.upstream (some only there): {@code new UpstreamFailure("CODE"}, constants. */
    private static final Pattern LOGGED_CODE = Pattern.compile(
            "new UpstreamFailure\\(\"([A-Z_]+)\"|static final String [A-Z_]+ = \"([A-Z_]+)\";");

    @Test
    void everyGatewayProblemCodeIsDocumented() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher matcher = CODE.matcher(Files.readString(source));
                while (matcher.find()) {
                    codes.add(matcher.group(1));
                }
                if (source.getFileName().toString().equals("UpstreamFailure.java")) {
                    Matcher logged = LOGGED_CODE.matcher(Files.readString(source));
                    while (logged.find()) {
                        codes.add(logged.group(1) != null ? logged.group(1) : logged.group(2));
                    }
                }
            }
        }
        assertThat(codes).as("codes found in the gateway's sources").contains("NO_ROUTE", "UPSTREAM_TIMEOUT",
                "UPSTREAM_TRUNCATED", "RESPONSE_IDLE_TIMEOUT", "UPSTREAM_BAD_RESPONSE", "CONNECTION_REFUSED");
        String doc = Files.readString(Path.of("..", "docs", "reasons.md"));
        for (String code : codes) {
            assertThat(doc).as(code + " in docs/reasons.md").contains("\n### " + code + "\n");
        }
    }
}
