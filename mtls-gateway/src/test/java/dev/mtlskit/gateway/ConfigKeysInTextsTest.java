package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every configuration key that a text of the gateway names (a problem's fix, a log line:
 * "raise limits.max_body_size", "upstreams.orders.response_idle_timeout") exists in
 * docs/configuration.md, in the table of its section: a reader who follows the fix finds the key.
 */
class ConfigKeysInTextsTest {

    /** A Java string literal. */
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    /** {@code limits.max_body_size} inside a text (not {@code jdk.tls.server...}). */
    private static final Pattern SECTION_KEY = Pattern.compile("(?<![\\w.])(limits|timeouts|tls|identity_header)\\.([a-z_]+)");
    /** {@code "upstreams." + name + ".max_response_header_size"}, or with the name written in. */
    private static final Pattern UPSTREAM_KEY = Pattern.compile(
            "\"[^\"]*upstreams\\.\"\\s*\\+\\s*[\\w.()]+\\s*\\+\\s*\"\\.([a-z_]+)|upstreams\\.[A-Za-z0-9-]+\\.([a-z_]+)");
    /** Words that can only be keys: {@code max_...}, {@code ..._size}, {@code ..._timeout}. */
    private static final Pattern KEY_LIKE = Pattern.compile("\\b(max_[a-z_]+|[a-z]+(?:_[a-z]+)*_(?:size|timeout))\\b");
    private static final Pattern TABLE_KEYS = Pattern.compile("`([a-z_]+)`");

    @Test
    void everyKeyNamedInATextIsDocumented() throws IOException {
        Map<String, Set<String>> documented = documentedKeys(Files.readString(Path.of("..", "docs", "configuration.md")));
        Set<String> everyKey = new TreeSet<>();
        documented.values().forEach(everyKey::addAll);
        List<String> missing = new ArrayList<>();
        int named = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String code = Files.readString(source);
                Matcher upstream = UPSTREAM_KEY.matcher(code);
                while (upstream.find()) {
                    String key = upstream.group(1) != null ? upstream.group(1) : upstream.group(2);
                    named++;
                    if (!documented.get("upstreams").contains(key)) {
                        missing.add(source.getFileName() + ": upstreams.*." + key);
                    }
                }
                Matcher literal = LITERAL.matcher(code);
                while (literal.find()) {
                    String text = literal.group();
                    Matcher sectionKey = SECTION_KEY.matcher(text);
                    while (sectionKey.find()) {
                        named++;
                        if (!documented.get(sectionKey.group(1)).contains(sectionKey.group(2))) {
                            missing.add(source.getFileName() + ": " + sectionKey.group());
                        }
                    }
                    Matcher keyLike = KEY_LIKE.matcher(text);
                    while (keyLike.find()) {
                        named++;
                        if (!everyKey.contains(keyLike.group(1))) {
                            missing.add(source.getFileName() + ": " + keyLike.group(1));
                        }
                    }
                }
            }
        }
        assertThat(named).as("keys named in the gateway's texts").isGreaterThan(10);
        assertThat(missing).as("keys named in texts but not in docs/configuration.md").isEmpty();
    }

    /** Section → the keys in the first column of its table: "## Upstreams" is upstreams, "### limits" limits... */
    static Map<String, Set<String>> documentedKeys(String doc) {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        String section = null;
        for (String line : doc.split("\n")) {
            if (line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").trim();
                section = title.equals("Upstreams") ? "upstreams" : title;
                continue;
            }
            if (section != null && line.startsWith("| `")) {
                String firstCell = line.substring(1, line.indexOf('|', 1));
                Matcher key = TABLE_KEYS.matcher(firstCell);
                while (key.find()) {
                    keys.computeIfAbsent(section, unused -> new LinkedHashSet<>()).add(key.group(1));
                }
            }
        }
        assertThat(keys).as("sections of docs/configuration.md").containsKeys("upstreams", "limits", "timeouts", "tls",
                "identity_header");
        assertThat(keys.get("limits")).contains("max_header_size", "max_body_size");
        return keys;
    }
}
