package dev.mtlskit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help texts wrapped at spaces only. picocli's own wrapping breaks inside words at '.', ':' and
 * '/' (a file name such as {@code client.key}, a URL, {@code e.g.}); here picocli lays out each
 * section on one long line and the lines are wrapped again at spaces to the usage width: the
 * terminal's (at most {@value #MAX_WIDTH} columns), or 80 when the output is not a terminal.
 */
final class HelpLayout {

    /** Longer lines are hard to read, however wide the terminal. */
    static final int MAX_WIDTH = 120;
    private static final int UNWRAPPED = 10_000;
    /** picocli indents the wrapped lines of a table cell by two more columns. */
    private static final int TABLE_CONTINUATION = 2;
    private static final Set<String> TABLES = Set.of(UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, UsageMessageSpec.SECTION_KEY_AT_FILE_PARAMETER,
            UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    /** A table row or list entry: its text starts after the first gap of two spaces or more. */
    private static final Pattern COLUMN = Pattern.compile("^(\\s*\\S+(?: \\S+)*\\s{2,})\\S");

    private HelpLayout() {
    }

    /** Installs the wrapping on the command and all its subcommands; call once they are all added. */
    static void install(CommandLine commandLine) {
        commandLine.setUsageHelpAutoWidth(true);
        Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>();
        commandLine.getHelpSectionMap().forEach((key, renderer) -> sections.put(key, help -> render(key, renderer, help)));
        commandLine.setHelpSectionMap(sections);
    }

    private static String render(String key, IHelpSectionRenderer renderer, Help help) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        boolean autoWidth = usage.autoWidth();
        int width = autoWidth ? Math.min(usage.width(), MAX_WIDTH) : usage.width();
        usage.autoWidth(false);
        int configured = usage.width();
        String text;
        try {
            usage.width(UNWRAPPED);
            text = renderer.render(help);
        } finally {
            usage.width(configured);
            usage.autoWidth(autoWidth);
        }
        boolean synopsis = key.equals(UsageMessageSpec.SECTION_KEY_SYNOPSIS);
        int heading = synopsis ? help.synopsisHeadingLength() : 0;
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (heading + visible(line) <= width) {
                lines.add(line);
            } else if (synopsis) {
                // The synopsis follows its heading ("Usage: "); an option in brackets is never split.
                lines.addAll(wrap(line.stripTrailing(), width, heading,
                        heading + help.commandSpec().qualifiedName().length() + 1, true));
            } else {
                lines.addAll(wrap(line.stripTrailing(), width, 0, continuation(line, TABLES.contains(key)), false));
            }
            heading = 0;
        }
        return String.join("\n", lines);
    }

    private static int continuation(String line, boolean table) {
        String text = ANSI.matcher(line).replaceAll("");
        Matcher column = COLUMN.matcher(text);
        int start = column.find() ? column.end() - 1 : text.length() - text.stripLeading().length();
        return start + (table ? TABLE_CONTINUATION : 0);
    }

    /**
     * Wraps one line at spaces (never inside a word; in a synopsis never inside brackets) so that
     * each line fits {@code width}; a word longer than a line stands alone on its line.
     *
     * @param offset the columns already taken on the first line (a heading printed before it)
     * @param indent the indentation of the following lines
     */
    static List<String> wrap(String line, int width, int offset, int indent, boolean synopsis) {
        List<String> lines = new ArrayList<>();
        String rest = line;
        int taken = offset;
        String prefix = "";
        int minimumBreak = Math.min(Math.max(indent - offset, 1), Math.max(rest.length(), 1));
        while (taken + visible(rest) > width) {
            int cut = -1;
            int depth = 0;
            int column = 0; // visible columns before i: colour codes take none
            for (int i = 0; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == '\u001B' && rest.indexOf('m', i) > 0) {
                    i = rest.indexOf('m', i);
                    continue;
                }
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (c == ' ' && i > 0 && rest.charAt(i - 1) != ' ' && column >= minimumBreak
                        && (!synopsis || depth == 0)) {
                    if (taken + column <= width || cut < 0) {
                        cut = i;
                    } else {
                        break;
                    }
                }
                column++;
            }
            if (cut < 0) {
                break; // one word longer than the line
            }
            lines.add(prefix + rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
            prefix = " ".repeat(indent);
            taken = indent;
            minimumBreak = 1;
        }
        lines.add(prefix + rest);
        return lines;
    }

    /** Columns a text takes on a terminal: without its colour codes. */
    static int visible(String text) {
        return ANSI.matcher(text).replaceAll("").length();
    }
}
