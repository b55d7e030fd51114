package dev.mtlskit.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One YAML mapping being read into typed values. Every problem is reported to {@link ConfigErrors}
 * at the line of the node concerned, and reading goes on, so that one pass finds all problems; a
 * value that could not be read comes back as {@code null} (or the default).
 */
final class YamlMap {

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,12})([kKmMgG]?)");

    /** A scalar value with where it stands, e.g. one file of a list. */
    record Item(String text, Node node, String path) {
    }

    private final Node node;
    private final Node anchor;
    private final String label;
    private final String prefix;
    private final ConfigErrors errors;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    /** Known keys that are absent because an unknown key present is their typo (reported once, as the typo). */
    private final java.util.Set<String> misspelled = new java.util.HashSet<>();

    private YamlMap(MappingNode node, Node anchor, String label, String prefix, ConfigErrors errors) {
        this.node = node;
        this.anchor = anchor;
        this.label = label;
        this.prefix = prefix;
        this.errors = errors;
        Map<String, Integer> firstLines = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                errors.add(tuple.getKeyNode(), label, "keys must be plain names, found " + describe(tuple.getKeyNode()));
                continue;
            }
            Integer first = firstLines.putIfAbsent(key.getValue(), ConfigErrors.line(key));
            if (first != null) {
                errors.add(key, label, "key \"" + key.getValue() + "\" appears twice (first on line " + first
                        + "): keep one");
                continue;
            }
            entries.put(key.getValue(), tuple);
        }
    }

    /**
     * Reads {@code node} as a mapping, or reports what was found instead.
     *
     * @param label names the mapping itself in messages (e.g. {@code listeners[0]}); empty at the top
     * @param prefix is put before its keys in messages (e.g. {@code tls} for {@code tls.cert}); may be empty
     * @param expected what should be there, e.g. "a listener (name:, listen:, tls:, routes:)"
     * @return the mapping, or {@code null} after reporting a problem
     */
    static YamlMap read(Node node, String label, String prefix, String expected, ConfigErrors errors) {
        return read(node, node, label, prefix, expected, errors);
    }

    /** As {@link #read(Node, String, String, String, ConfigErrors)}; problems of the mapping itself stand at {@code anchor}. */
    private static YamlMap read(Node node, Node anchor, String label, String prefix, String expected,
                                ConfigErrors errors) {
        if (node instanceof MappingNode mapping) {
            return new YamlMap(mapping, anchor, label, prefix, errors);
        }
        errors.add(node, label, "expected " + expected + ", found " + describe(node));
        return null;
    }

    Node node() {
        return node;
    }

    /**
     * Where problems of the mapping as a whole (a missing key) are reported: the key that holds it
     * ({@code tls:}), or the mapping's first line for list items and the top.
     */
    Node anchor() {
        return anchor;
    }

    /** How messages name the mapping itself, e.g. {@code tls} or {@code listeners[0]}. */
    String label() {
        return label;
    }

    /** The path of a key in messages: {@code tls.cert}. */
    String path(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** Reports every key that is not one of {@code keys}, with the known key it is most likely a typo of. */
    void allowOnly(List<String> keys) {
        entries.forEach((key, tuple) -> {
            if (!keys.contains(key)) {
                String nearest = nearest(key, keys);
                if (nearest != null && !entries.containsKey(nearest)) {
                    misspelled.add(nearest);
                    errors.add(tuple.getKeyNode(), label, "unknown key \"" + key + "\": did you mean \"" + nearest + "\"?");
                } else {
                    errors.add(tuple.getKeyNode(), label, "unknown key \"" + key + "\" (expected one of: "
                            + String.join(", ", keys) + ")");
                }
            }
        });
    }

    /**
     * Whether {@code key} is absent because a key present is its typo: the typo was reported by
     * {@link #allowOnly(List)}, and "missing required key" would say the same thing twice.
     */
    boolean misspelled(String key) {
        return misspelled.contains(key);
    }

    /** The known key a typo most likely stands for: at most one edit away (two for longer keys), or {@code null}. */
    static String nearest(String typo, List<String> keys) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String normalized = typo.toLowerCase(Locale.ROOT).replace('-', '_');
        for (String key : keys) {
            int distance = distance(normalized, key);
            if (distance <= (key.length() >= 5 ? 2 : 1) && distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The keys present, in file order. */
    List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    /** The node of the key itself, or {@code null} when absent. */
    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    /** Whether the key is present with a value (not empty, not {@code null}). */
    boolean has(String key) {
        return value(key) != null;
    }

    /** The value node, or {@code null} when the key is absent or has no value. */
    Node value(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null || isNull(tuple.getValueNode()) ? null : tuple.getValueNode();
    }

    /** The value node of a required key; reports it missing. */
    Node required(String key) {
        Node value = value(key);
        if (value == null) {
            NodeTuple tuple = entries.get(key);
            if (tuple != null) {
                errors.add(tuple.getKeyNode(), path(key), "has no value");
            } else if (!misspelled(key)) {
                errors.add(anchor, label, "missing required key \"" + key + "\"");
            }
        }
        return value;
    }

    /** Reports a problem with the value of {@code key} (or with the mapping when the key is absent). */
    void problem(String key, String message) {
        NodeTuple tuple = entries.get(key);
        errors.add(tuple == null ? anchor : tuple.getValueNode(), path(key), message);
    }

    /** A nested mapping under {@code key}, or {@code null} (reported when present but not a mapping). */
    YamlMap map(String key, String expected) {
        Node value = value(key);
        return value == null ? null : read(value, entries.get(key).getKeyNode(), path(key), path(key), expected, errors);
    }

    // ---- scalars ----

    /** Text, or {@code null} when absent; a list or mapping is reported. */
    Item item(String key) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof ScalarNode scalar) {
            return new Item(scalar.getValue(), value, path(key));
        }
        errors.add(value, path(key), "expected a single value, found " + describe(value));
        return null;
    }

    String text(String key) {
        Item item = item(key);
        return item == null ? null : item.text();
    }

    /** Text of a required key, or {@code null} after reporting it missing or blank. */
    Item requiredItem(String key) {
        if (required(key) == null) {
            return null;
        }
        Item item = item(key);
        if (item != null && item.text().isBlank()) {
            errors.add(item.node(), item.path(), "is empty");
            return null;
        }
        return item;
    }

    boolean bool(String key, boolean defaultValue) {
        Node value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            return Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        errors.add(value, path(key), "expected true or false, found " + describe(value));
        return defaultValue;
    }

    int positiveInt(String key, int defaultValue) {
        Item item = item(key);
        if (item == null) {
            return defaultValue;
        }
        if (item.text().matches("[0-9]{1,9}") && Integer.parseInt(item.text()) > 0) {
            return Integer.parseInt(item.text());
        }
        errors.add(item.node(), item.path(), "expected a whole number above 0, found " + describe(item.node()));
        return defaultValue;
    }

    /** One of the names in {@code choices} (in the order the message lists them). */
    <E> E choice(String key, Map<String, E> choices, E defaultValue) {
        Item item = item(key);
        if (item == null) {
            return defaultValue;
        }
        E choice = choices.get(item.text());
        if (choice == null) {
            errors.add(item.node(), item.path(), "\"" + item.text() + "\" is not one of "
                    + String.join(", ", choices.keySet()));
            return defaultValue;
        }
        return choice;
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}. */
    Duration duration(String key, Duration defaultValue, boolean allowZero) {
        Item item = item(key);
        if (item == null) {
            return defaultValue;
        }
        Duration duration = DurationText.parse(item.text());
        if (duration == null) {
            errors.add(item.node(), item.path(), "\"" + item.text() + "\" is not a duration: write a number with a "
                    + "unit, e.g. 500ms, 10s, 2m or 1h");
            return defaultValue;
        }
        if (duration.isZero() && !allowZero) {
            errors.add(item.node(), item.path(), "must be longer than 0 (e.g. 10s)");
            return defaultValue;
        }
        return duration;
    }

    /** Bytes with an optional binary unit: {@code 512}, {@code 16k}, {@code 1m}, {@code 1g}. */
    long size(String key, long defaultValue, long max) {
        Item item = item(key);
        if (item == null) {
            return defaultValue;
        }
        Matcher matcher = SIZE.matcher(item.text());
        if (!matcher.matches()) {
            errors.add(item.node(), item.path(), "\"" + item.text() + "\" is not a size: write a number of bytes "
                    + "with an optional unit, e.g. 512, 16k, 1m or 1g");
            return defaultValue;
        }
        int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        long amount = Long.parseLong(matcher.group(1));
        if (amount > (max >> shift)) {
            errors.add(item.node(), item.path(), "\"" + item.text() + "\" is too large (at most " + max + " bytes)");
            return defaultValue;
        }
        return amount << shift;
    }

    // ---- lists ----

    /** A list of single values; one value alone counts as a list of one. Empty when absent. */
    List<Item> items(String key) {
        Node value = value(key);
        List<Item> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (value instanceof ScalarNode scalar) {
            if (scalar.getValue().isBlank()) {
                errors.add(value, path(key), "is empty");
            } else {
                items.add(new Item(scalar.getValue(), value, path(key)));
            }
            return items;
        }
        if (!(value instanceof SequenceNode sequence)) {
            errors.add(value, path(key), "expected a list, found " + describe(value));
            return items;
        }
        List<Node> elements = sequence.getValue();
        for (int i = 0; i < elements.size(); i++) {
            Node element = elements.get(i);
            String elementPath = path(key) + "[" + i + "]";
            if (element instanceof ScalarNode scalar && !isNull(scalar) && !scalar.getValue().isBlank()) {
                items.add(new Item(scalar.getValue(), element, elementPath));
            } else {
                errors.add(element, elementPath, "expected a single value, found " + describe(element));
            }
        }
        return items;
    }

    /** Whether the value of {@code key} is a list without elements ({@code []}). */
    boolean isEmptyList(String key) {
        return value(key) instanceof SequenceNode sequence && sequence.getValue().isEmpty();
    }

    /** The elements of a list under {@code key} ({@code null} after reporting something else). */
    List<Node> sequence(String key) {
        Node value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        errors.add(value, path(key), "expected a list, found " + describe(value));
        return null;
    }

    // ---- helpers ----

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    /** What a node is, for "found ..." in messages. */
    static String describe(Node node) {
        if (node == null || isNull(node)) {
            return "nothing";
        }
        if (node instanceof ScalarNode scalar) {
            return "\"" + scalar.getValue() + "\"";
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }
}
