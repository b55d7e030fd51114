package dev.mtlskit.cli;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse (an unknown or missing option, a bad value) is one line with
 * exit code 2: what is wrong, the nearest option when one was mistyped, and where the options are
 * listed, instead of the whole usage help.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String message = exception.getMessage();
        if (exception instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += " (did you mean " + suggestions.get(0) + "?)";
            }
        }
        err.println("error: " + message + "; run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for "
                + (commandLine.getSubcommands().isEmpty() ? "the options" : "the commands and options"));
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
