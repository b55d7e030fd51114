package dev.mtlskit.cli;

import dev.mtlskit.material.MaterialException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns expected failures (bad key material, bad input) into one clear line and exit code 2,
 * without a stack trace; anything else is a bug and keeps its stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        if (exception instanceof MaterialException || exception instanceof UserInputException) {
            commandLine.getErr().println("error: " + exception.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        exception.printStackTrace(commandLine.getErr());
        return ExitCodes.BAD_INPUT;
    }

    static int exitCode(Throwable exception) {
        return ExitCodes.BAD_INPUT;
    }
}
