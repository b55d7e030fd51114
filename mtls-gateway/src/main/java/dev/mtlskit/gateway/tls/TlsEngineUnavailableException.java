package dev.mtlskit.gateway.tls;

/**
 * A listener asks for BoringSSL (the default engine) and this process cannot load it: the message
 * says why and what to do, in words (see {@link dev.mtlskit.tls.netty.NativeTls#unavailable(String)}).
 */
public final class TlsEngineUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    TlsEngineUnavailableException(String message) {
        super(message);
    }
}
