package dev.mtlskit.gateway.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.snakeyaml.engine.v2.nodes.Node;

/** The problems found in one configuration file, each placed at its line. */
final class ConfigErrors {

    private record Entry(int line, int order, String text) {
    }

    private final String file;
    private final List<Entry> entries = new ArrayList<>();

    ConfigErrors(String file) {
        this.file = file;
    }

    /** {@code file:line: path: message}; the path is left out when empty. */
    void add(Node node, String path, String message) {
        add(line(node), path, message);
    }

    void add(int line, String path, String message) {
        String where = line > 0 ? file + ":" + line : file;
        entries.add(new Entry(line, entries.size(), where + ": " + (path.isEmpty() ? "" : path + ": ") + message));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** In file order; problems on one line in the order they were found. */
    List<String> lines() {
        return entries.stream().sorted(Comparator.comparingInt(Entry::line).thenComparingInt(Entry::order))
                .map(Entry::text).toList();
    }

    /** 1-based, as editors count; 0 when unknown. */
    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }
}
