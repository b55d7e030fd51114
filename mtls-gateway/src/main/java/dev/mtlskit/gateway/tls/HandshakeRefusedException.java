package dev.mtlskit.gateway.tls;

import javax.net.ssl.SSLHandshakeException;

/**
 * A handshake the gateway refused itself, in front of the TLS engine (a client that offers only
 * SHA-1 signatures, say): its message is already the sentence the log shows.
 */
public final class HandshakeRefusedException extends SSLHandshakeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason a stable key: alike refusals are counted together in the log
     * @param words one sentence in plain words, lower case, no final period
     */
    public HandshakeRefusedException(String reason, String words) {
        super(words);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
