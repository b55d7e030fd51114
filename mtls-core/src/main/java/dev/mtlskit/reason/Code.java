package dev.mtlskit.reason;

/**
 * A code a person reads (in an answer, a log line, a report): stable, explained for people in
 * {@code docs/reasons.md} under a heading with its name, with the same title and fix as here.
 * Every enum of such codes implements this and is listed once for the test that keeps the page in step.
 */
public interface Code {

    /** The stable code, e.g. {@code EXPIRED}, {@code UPSTREAM_TIMEOUT}. */
    String name();

    /** Short, capitalized, no final period; the same for every occurrence of the code. */
    String title();

    /** What the reader can do, lower case, no final period (an occurrence may say it more precisely). */
    String fix();
}
