package dev.mtlskit.cli;

/**
 * Exit codes shared by all commands, and their lines in {@code --help} (picocli's exit code
 * list: "CODE:TEXT"). docs/configuration.md#exit-codes has the same table.
 */
final class ExitCodes {
    /** Success; for {@code verify}: the chain is valid. */
    static final int OK = 0;
    /** The thing checked is not acceptable (an invalid chain, a failed connection). */
    static final int INVALID = 1;
    /** Bad input: unreadable files, wrong password, bad options, an invalid configuration. */
    static final int BAD_INPUT = 2;
    /** The input is fine but the gateway or tunnel cannot run here: the address is taken, the TLS engine refuses. */
    static final int CANNOT_START = 3;
    /** A bug: an error mtls did not expect (sysexits' EX_SOFTWARE). */
    static final int INTERNAL_ERROR = 70;

    static final String HEADING = "%nExit codes:%n";
    static final String LIST_OK = "0:success";
    static final String LIST_USAGE = "2:usage or input error: an unknown option, an unreadable file, a wrong password, "
            + "an invalid configuration";
    static final String LIST_CANNOT_START = "3:cannot start: the address is in use or not allowed, the TLS engine "
            + "refuses the certificates";
    static final String LIST_INTERNAL = "70:an unexpected error (a bug): run again with --debug and report the "
            + "stack trace";
    static final String LIST_SIGINT = "130:stopped by Ctrl-C (SIGINT), after finishing the requests in flight";
    static final String LIST_SIGTERM_DRAINED = "0:stopped by SIGTERM: not ready at once, connections accepted for the "
            + "drain delay, then the requests in flight finished";
    static final String LIST_SIGTERM = "143:stopped by SIGTERM, after finishing the requests in flight";

    private ExitCodes() {
    }
}
