package dev.mtlskit.reason;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one walk along an exception's causes: engines and frameworks wrap the failure that tells
 * what happened (a refused connect, an alert, a rejected certificate) in exceptions of their own,
 * so every classifier looks down the chain. A chain that loops back is walked once.
 */
public final class Causes {

    private Causes() {
    }

    /** {@code failure} and its causes, outermost first, each once (null: none). */
    public static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return List.copyOf(chain);
    }

    /** The first exception of {@code type} in the chain or among the suppressed of its members. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t : chain(failure)) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return Optional.of(type.cast(suppressed));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the chain holds an exception of {@code type}. */
    public static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type).isPresent();
    }

    /**
     * The first message of the chain that is an exception's own: not blank, and not a wrapper's copy
     * of its cause ({@code new RuntimeException(cause)} says {@code cause.toString()}, a class name); or null.
     */
    public static String ownMessage(Throwable failure) {
        for (Throwable t : chain(failure)) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && (t.getCause() == null || !message.equals(t.getCause().toString()))) {
                return message;
            }
        }
        return null;
    }

    /**
     * {@link #ownMessage}, or words for an exception that has none (a closed channel says nothing):
     * never a class name, which a person cannot act on.
     */
    public static String message(Throwable failure) {
        String own = ownMessage(failure);
        if (own != null) {
            return own;
        }
        return has(failure, ClosedChannelException.class) ? "the connection was closed" : "no reason given";
    }

    /** The deepest message of the chain (the system's or the engine's words, not a wrapper's), or null. */
    public static String deepestMessage(Throwable failure) {
        String deepest = null;
        for (Throwable t : chain(failure)) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t.getMessage();
            }
        }
        return deepest;
    }

    /** Every message of the chain and of the suppressed exceptions, joined by " / ", for debug lines and matching. */
    public static String allMessages(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t : chain(failure)) {
            append(out, t.getMessage());
            for (Throwable suppressed : t.getSuppressed()) {
                append(out, suppressed.getMessage());
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String message) {
        if (message != null) {
            out.append(out.isEmpty() ? "" : " / ").append(message);
        }
    }
}
