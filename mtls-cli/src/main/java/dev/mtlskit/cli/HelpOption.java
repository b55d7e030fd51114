package dev.mtlskit.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for subcommands, which do not inherit the root's standard help options. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
