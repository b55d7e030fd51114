package dev.mtlskit.cli;

/** The user asked for something that cannot be done; the message says what and how to fix it. */
final class UserInputException extends RuntimeException {
    UserInputException(String message) {
        super(message);
    }
}
