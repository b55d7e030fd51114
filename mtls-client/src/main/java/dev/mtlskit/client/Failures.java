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

    /** All messages of the cause chain, for looking up alert names wherever the engine put them. */
    static String chain(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }
}
