package dev.mtlskit.client;

import io.netty.handler.codec.DecoderException;

/** Turns exceptions from the network stack into one readable line. */
final class Failures {

    private Failures() {
    }

    /** The most telling message of the cause chain, e.g. the engine's error rather than its wrapper. */
    static String describe(Throwable cause) {
        Throwable deepest = cause;
        while ((deepest instanceof DecoderException || deepest.getMessage() == null) && deepest.getCause() != null) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        return message == null ? deepest.getClass().getSimpleName() : message;
    }
}
