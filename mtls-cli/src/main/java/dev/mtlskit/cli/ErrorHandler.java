package dev.mtlskit.cli;

import dev.mtlskit.material.MaterialException;
import dev.mtlskit.names.Printable;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one clear line and an exit code, without a stack trace: expected
 * failures (bad key material, bad input) exit 2, a gateway or tunnel that cannot start exits 3,
 * anything else is a bug (exit 70) and shows its stack trace with {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        boolean debug = debug(parseResult);
        if (debug) {
            exception.printStackTrace(commandLine.getErr());
        }
        if (exception instanceof CannotStartException) {
            commandLine.getErr().println("error: " + exception.getMessage());
            return ExitCodes.CANNOT_START;
        }
        if (exception instanceof MaterialException || exception instanceof UserInputException) {
            commandLine.getErr().println("error: " + exception.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        String message = exception.getMessage();
        commandLine.getErr().println("error: unexpected failure" + (message == null || message.isBlank() ? ""
                : ": " + Printable.of(message)) + (debug ? "" : " (a bug: run again with --debug and report the stack trace)"));
        return ExitCodes.INTERNAL_ERROR;
    }

    /** Whether {@code --debug} was given, before or after the subcommand's name. */
    static boolean debug(ParseResult parseResult) {
        for (ParseResult part = parseResult; part != null; part = part.subcommand()) {
            if (part.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** Parse errors are reported by picocli with the usage; they are usage errors. */
    static int exitCode(Throwable exception) {
        return ExitCodes.BAD_INPUT;
    }
}
