package dev.mtlskit.cli;

import picocli.CommandLine.Option;

/** {@code --log-format} for the long-running commands (serve, tunnel), whose stderr is a log. */
final class LogFormatOption {

    @Option(names = "--log-format", paramLabel = "FORMAT", converter = ConsoleLog.FormatConverter.class,
            description = "Standard error as text (default: one dated line per event) or json (one JSON object per "
                    + "line, with the reason code as a field).")
    ConsoleLog.Format format = ConsoleLog.Format.TEXT;
}
