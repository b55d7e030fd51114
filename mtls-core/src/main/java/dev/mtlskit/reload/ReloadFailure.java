package dev.mtlskit.reload;

import dev.mtlskit.reason.Code;

/**
 * Why a reload was not used: it starts the detail of every {@code reload failed:} log line. The
 * files, configuration and sockets in use stay in use until a reload succeeds.
 */
public enum ReloadFailure implements Code {

    /** A certificate, key, keystore or password file. */
    CERTIFICATE_FILES_UNUSABLE("The certificate, key, keystore or password file cannot be used",
            "fix the file the line names (a key renamed after its certificate is picked up at the next look); "
                    + "the certificate in use keeps serving until then"),
    /** A CA bundle or a CRL file. */
    TRUST_FILES_UNUSABLE("A CA bundle or CRL file cannot be used",
            "fix the file the line names; the CAs and CRLs in use stay in force until then"),
    /** A session-ticket key file. */
    SESSION_TICKET_KEYS_UNUSABLE("A session-ticket key file cannot be used",
            "fix the file the line names; the keys in use keep encrypting and decrypting tickets until then"),
    /** The files passed every check, yet the TLS engine would not build a context from them. */
    TLS_ENGINE_REFUSED("The TLS engine refused the new files",
            "check the key type and the certificate with mtls inspect, or try the other engine (provider: jdk)"),
    /** The configuration file has problems, each logged with its file and line. */
    CONFIGURATION_INVALID("The configuration file has problems",
            "fix every problem logged with its file and line, then send SIGHUP again"),
    /** A listener of the new configuration cannot listen on its address. */
    LISTENER_NOT_BOUND("A listener cannot listen on its address",
            "free the address or choose another one, then send SIGHUP again");

    private final String title;
    private final String fix;

    ReloadFailure(String title, String fix) {
        this.title = title;
        this.fix = fix;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String fix() {
        return fix;
    }

    /** Which part of {@code files} the unusable {@code file} belongs to. */
    static ReloadFailure of(TlsFiles files, java.nio.file.Path file) {
        if (file != null && files.sessionTicketKeys().contains(file)) {
            return SESSION_TICKET_KEYS_UNUSABLE;
        }
        return file != null && (files.trustedCertificates().contains(file) || files.crls().contains(file))
                ? TRUST_FILES_UNUSABLE : CERTIFICATE_FILES_UNUSABLE;
    }
}
