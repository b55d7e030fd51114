package dev.mtlskit.inspect;

/** The report on one inspected file: its certificates or its private key. */
public sealed interface FileReport permits BundleReport, KeyReport {

    /** The file name as given, or {@code "stdin"}. */
    String source();
}
