package dev.mtlskit.inspect;

/** The report on one inspected file: its certificates, its private key or its certificate signing request. */
public sealed interface FileReport permits BundleReport, KeyReport, CsrReport {

    /** The file name as given, or {@code "stdin"}. */
    String source();
}
