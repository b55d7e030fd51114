package dev.mtlskit.cli;

/**
 * {@code mtls serve} configures the process's logging (the access log's destination), so test
 * classes that run it in-process take this lock instead of running concurrently.
 */
final class ServeLogging {

    static final String LOCK = "mtls-serve-logging";

    private ServeLogging() {
    }
}
