package dev.mtlskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help} is wrapped once, at spaces, to the width: no line is longer, no
 * word (a file name, a URL, an example's argument) is split, and no paragraph has hard line breaks
 * of its own.
 */
class HelpTextTest {

    static Stream<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(MtlsCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine commandLine, List<String> path, List<List<String>> paths) {
        if (commandLine.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        paths.add(List.copyOf(path));
        commandLine.getSubcommands().forEach((name, sub) -> {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, paths);
        });
    }

    @ParameterizedTest(name = "mtls {0} --help")
    @MethodSource("commands")
    void helpFitsEveryWidthWithoutSplittingAWord(List<String> command) {
        String unwrapped = help(command, 10_000);
        for (int width : new int[] {80, 120}) {
            for (boolean colours : new boolean[] {false, true}) {
                String help = help(command, width, colours);
                for (String line : help.split("\n")) {
                    assertThat(HelpLayout.visible(line)).as("width %d, line: %s", width, line).isLessThanOrEqualTo(width);
                }
                assertThat(words(help)).as("the words at width %d (colours: %s), as without wrapping", width, colours)
                        .isEqualTo(words(unwrapped));
            }
        }
    }

    @ParameterizedTest(name = "mtls {0}")
    @MethodSource("commands")
    void paragraphsHaveNoHardLineBreaks(List<String> command) {
        CommandSpec spec = spec(command);
        List<String> texts = new ArrayList<>();
        texts.addAll(Arrays.asList(spec.usageMessage().description()));
        texts.addAll(Arrays.asList(spec.usageMessage().footer()));
        texts.addAll(Arrays.asList(spec.usageMessage().header()));
        for (OptionSpec option : spec.options()) {
            assertThat(option.description()).as(option.longestName()).hasSizeLessThanOrEqualTo(1);
        }
        for (String text : texts) {
            String line = text.replace("%n", "").stripTrailing();
            // A line of prose ends its sentence (or introduces a list); indented lines are examples or list entries.
            if (!line.isEmpty() && !line.startsWith(" ")) {
                assertThat(line).as("a paragraph broken by hand").matches("(?s).*[.:)]$");
            }
        }
    }

    /** The examples are command lines mtls accepts: every option exists, every required one is there. */
    @ParameterizedTest(name = "mtls {0}")
    @MethodSource("commands")
    void theExamplesAreCommandLinesThatParse(List<String> command) {
        for (List<String> example : examples(spec(command))) {
            CommandLine fresh = MtlsCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            assertThatCode(() -> fresh.parseArgs(example.subList(1, example.size()).toArray(String[]::new)))
                    .as(String.join(" ", example)).doesNotThrowAnyException();
        }
    }

    /** The footer's lines that start with "mtls", continued lines joined, split into words as a shell does. */
    private static List<List<String>> examples(CommandSpec spec) {
        List<List<String>> examples = new ArrayList<>();
        String current = null;
        for (String line : spec.usageMessage().footer()) {
            String text = line.replace("%n", "").strip();
            if (current == null && text.startsWith("mtls ")) {
                current = text;
            } else if (current != null) {
                current += " " + text;
            }
            if (current != null && current.endsWith("\\")) {
                current = current.substring(0, current.length() - 1).strip();
            } else if (current != null) {
                examples.add(shellWords(current));
                current = null;
            }
        }
        return examples;
    }

    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void theExamplesKeepTheirFileNamesWhole() {
        String serve = help(List.of("serve"), 80);
        assertThat(serve).contains("--client-ca clients-ca.pem", "the built-in echo", "(*.example.com allowed)", "(spiffe://domain/* allowed)")
                .doesNotContain("the\nbuilt-in");
        assertThat(help(List.of("call"), 80)).contains("--key mtls-dev/client.key");
        assertThat(help(List.of("doctor"), 80)).contains("[-E=CERT[:PASSWORD]]", "[--tls-max=1.2|1.3]");
    }

    @Test
    void everyCommandListsItsExitCodes() {
        assertThat(help(List.of(), 80)).contains("\nExit codes:\n").containsPattern("(?m)^  0 +success$")
                .containsPattern("(?m)^  1 +a check failed: verify found the chain invalid")
                .containsPattern("(?m)^  2 +usage or input error: an unknown option")
                .containsPattern("(?m)^  3 +cannot start: the address is in use")
                .containsPattern("(?m)^  70 +an unexpected error \\(a bug\\): run again with --debug")
                .containsPattern("(?m)^  130 +stopped by Ctrl-C \\(SIGINT\\)")
                .containsPattern("(?m)^  143 +stopped by SIGTERM");
        assertThat(help(List.of("serve"), 80)).containsPattern("(?m)^  3 +cannot start")
                .containsPattern("(?m)^  0 +stopped by SIGTERM: not ready at once").doesNotContain("  143 ");
        assertThat(help(List.of("tunnel"), 80)).containsPattern("(?m)^  143 +stopped by SIGTERM");
        assertThat(help(List.of("tunnel"), 80)).containsPattern("(?m)^  3 +cannot start");
        assertThat(help(List.of("verify"), 80)).containsPattern("(?m)^  1 +invalid: the reason code says why$");
        assertThat(help(List.of("call"), 80)).containsPattern("(?m)^  1 +the connection, the handshake or");
        assertThat(help(List.of("doctor"), 80)).containsPattern("(?m)^  1 +it did not: the reason code says why$");
        assertThat(help(List.of("inspect"), 80)).containsPattern("(?m)^  2 +a file could not be read$");
        assertThat(help(List.of("pki", "sign"), 80)).containsPattern("(?m)^  2 +usage or input error");
    }

    /** The words a reader sees: without colour codes. */
    private static List<String> words(String text) {
        return Arrays.asList(text.replaceAll("\u001B\\[[0-9;]*m", "").strip().split("\\s+"));
    }

    private static CommandSpec spec(List<String> command) {
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (String name : command) {
            commandLine = commandLine.getSubcommands().get(name);
        }
        return commandLine.getCommandSpec();
    }

    private static String help(List<String> command, int width) {
        return help(command, width, false);
    }

    private static String help(List<String> command, int width, boolean colours) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(colours ? CommandLine.Help.Ansi.ON
                : CommandLine.Help.Ansi.OFF));
        commandLine.setUsageHelpAutoWidth(false);
        commandLine.setUsageHelpWidth(width);
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        assertThat(commandLine.execute(args.toArray(String[]::new))).isZero();
        return out.toString();
    }
}
