package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.Consumer;

import picocli.CommandLine;

/** Runs {@code mtls} in-process, as {@code main} wires it, and captures what the user reads. */
final class PkiTestCli {

    private PkiTestCli() {
    }

    /**
     * @param exitCode the process exit code
     * @param out standard output
     * @param err standard error
     */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    /**
     * {@code mtls pki init}, then a server certificate for localhost and a client certificate for
     * acme, in {@code dir}: what a test of {@code serve} with its own PKI starts from.
     */
    static Path serverAndClient(Path dir) {
        succeed("pki", "init", "--dir", dir.toString());
        succeed("pki", "issue", "server", "localhost", "--dir", dir.toString());
        succeed("pki", "issue", "client", "acme", "--dir", dir.toString());
        return dir;
    }

    private static void succeed(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new AssertionError("mtls " + String.join(" ", args) + ":\n" + result);
        }
    }

    static Result run(String... args) {
        return run(commandLine -> { }, args);
    }

    /** @param setup adjusts the command line before it runs, e.g. to give a subcommand a clock */
    static Result run(Consumer<CommandLine> setup, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MtlsCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        setup.accept(commandLine);
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** The subcommand object, e.g. {@code subcommand(commandLine, "inspect")} or {@code (commandLine, "pki", "issue")}. */
    @SuppressWarnings("unchecked")
    static <T> T subcommand(CommandLine commandLine, String... path) {
        CommandLine current = commandLine;
        for (String name : path) {
            current = current.getSubcommands().get(name);
        }
        return (T) current.getCommand();
    }
}
