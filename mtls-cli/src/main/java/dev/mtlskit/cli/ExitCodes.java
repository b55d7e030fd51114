package dev.mtlskit.cli;

/** Exit codes shared by all commands. */
final class ExitCodes {
    /** Success; for {@code verify}: the chain is valid. */
    static final int OK = 0;
    /** The thing checked is not acceptable (an invalid chain, a failed connection). */
    static final int INVALID = 1;
    /** Bad input: unreadable files, wrong password, bad options. */
    static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
