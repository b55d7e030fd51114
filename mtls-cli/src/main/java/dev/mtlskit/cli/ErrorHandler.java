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
        boolean json = json(parseResult);
        if (debug && !json) {
            exception.printStackTrace(commandLine.getErr());
        }
        int exitCode;
        String line;
        if (exception instanceof CannotStartException) {
            exitCode = ExitCodes.CANNOT_START;
            line = exception.getMessage();
        } else if (exception instanceof MaterialException || exception instanceof UserInputException) {
            exitCode = ExitCodes.BAD_INPUT;
            line = exception.getMessage();
        } else {
            String message = exception.getMessage();
            exitCode = ExitCodes.INTERNAL_ERROR;
            line = "unexpected failure" + (message == null || message.isBlank() ? "" : ": " + Printable.of(message))
                    + (debug ? "" : " (a bug: run again with --debug and report the stack trace)");
        }
        if (json) {
            commandLine.getErr().println(jsonLine(line, exitCode, debug ? exception : null));
        } else {
            commandLine.getErr().println("error: " + line);
        }
        return exitCode;
    }

    /**
     * The error as {@code --log-format json} writes every line of standard error: one object, with
     * the exit code as a field (a message of several lines stays one line).
     */
    static String jsonLine(String message, int exitCode, Throwable stack) {
        com.fasterxml.jackson.databind.node.ObjectNode line = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        line.put("time", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
                .withZone(java.time.ZoneId.systemDefault()).format(java.time.Instant.now()));
        line.put("level", "ERROR");
        line.put("logger", "mtls");
        line.put("message", message);
        line.put("event", "error");
        line.put("exit_code", exitCode);
        if (stack != null) {
            java.io.StringWriter trace = new java.io.StringWriter();
            stack.printStackTrace(new java.io.PrintWriter(trace));
            line.put("stack", trace.toString());
        }
        return line.toString();
    }

    /** Whether {@code --log-format json} was given (serve, tunnel): errors are JSON lines too. */
    static boolean json(ParseResult parseResult) {
        for (ParseResult part = parseResult; part != null; part = part.subcommand()) {
            if (part.hasMatchedOption("--log-format")
                    && part.matchedOptionValue("--log-format", ConsoleLog.Format.TEXT) == ConsoleLog.Format.JSON) {
                return true;
            }
        }
        return false;
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
