package dev.mtlskit.reason;

/**
 * The causes only a connection can show (a certificate's causes are {@link Reason}s): what
 * {@code mtls doctor} diagnoses, what {@code mtls tunnel} and the gateway log when an upstream
 * cannot be used. Each is documented in docs/reasons.md.
 */
public enum ConnectionCode implements Code {
    /** An mTLS-authenticated request succeeded. */
    OK("mTLS works", "nothing to fix"),
    /** A local file (certificate, key, CA bundle) cannot be used. */
    LOCAL_FILE_ERROR("Local file unusable", "check what the file holds with mtls inspect FILE"),
    UNKNOWN_HOST("Unknown host", "check the host name and DNS"),
    CONNECTION_REFUSED("Connection refused", "check the port, and that the server runs and listens on an address "
            + "you can reach"),
    TIMEOUT("Connection timed out", "check that the server is reachable from here (a firewall or an allow-list "
            + "may drop the packets)"),
    NETWORK_ERROR("Network error", "check the network path to the server (the message quotes the system's error)"),
    NOT_TLS("No TLS on this port", "use the TLS port, or http:// if the service has no TLS"),
    NO_COMMON_PROTOCOL("No common TLS version or cipher", "use a TLS version and cipher suites that both sides "
            + "accept (TLS 1.3, or TLS 1.2 with modern cipher suites)"),
    CLIENT_CERT_NOT_REQUESTED("Client certificate not requested", "turn on mutual TLS on the server (nginx "
            + "ssl_verify_client on; mtls serve client_auth: require)"),
    CLIENT_CERT_ISSUER_NOT_ACCEPTED("Client certificate issuer not accepted", "use a certificate from one of the "
            + "CAs the server lists, or ask its operator to trust your CA"),
    CLIENT_CERT_REJECTED("Client certificate rejected", "ask the server's operator: their log names the reason"),
    HTTP_REJECTED("HTTP request rejected", "read the status and the problem code of the answer (403: ask for "
            + "access to the path)"),
    HANDSHAKE_FAILED("TLS handshake failed", "mtls call -v shows the step that fails");

    private final String title;
    private final String fix;

    ConnectionCode(String title, String fix) {
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
}
