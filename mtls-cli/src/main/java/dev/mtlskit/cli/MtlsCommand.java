package dev.mtlskit.cli;

import java.io.PrintWriter;

import dev.mtlskit.tls.netty.SignatureSchemes;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mtls} command: mutual TLS that works and explains itself. */
@Command(name = "mtls",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Mutual TLS that works and explains itself.%n",
        subcommands = {
                ServeCommand.class,
                TunnelCommand.class,
                CallCommand.class,
                DoctorCommand.class,
                PkiCommand.class,
                InspectCommand.class,
                VerifyCommand.class,
                AutoComplete.GenerateCompletion.class,
        },
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.LIST_OK,
                "1:a check failed: verify found the chain invalid, doctor found a problem, call got no response (or, with "
                        + "--fail, an error status)",
                ExitCodes.LIST_USAGE, ExitCodes.LIST_CANNOT_START, ExitCodes.LIST_INTERNAL, ExitCodes.LIST_SIGINT,
                ExitCodes.LIST_SIGTERM},
        footer = {"%nRun 'mtls COMMAND --help' for the options of a command.",
                "Shell completion: source <(mtls generate-completion)"})
public final class MtlsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read by {@link ErrorHandler} from the parse result; inherited so that it goes before or after the command. */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On an unexpected error, show its stack trace (for a bug report).")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line wired as {@code main} wires it, writing to the given streams (for tests). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new MtlsCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        // "@file" is data, as in curl's --data-binary @file, not a picocli argument file.
        commandLine.setExpandAtFiles(false);
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        HelpLayout.install(commandLine);
        return commandLine;
    }

    /**
     * The process's standard output as bytes, for response bodies that must reach it unchanged
     * (binary data); null when commands run in-process with captured writers (tests).
     */
    static volatile java.io.OutputStream rawStandardOutput;

    public static void main(String[] args) {
        // Before anything uses the JDK's TLS classes: they read it once (see SignatureSchemes).
        SignatureSchemes.configureJdk();
        rawStandardOutput = System.out;
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exitCode = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }
}
