package dev.mtlskit.pki;

/**
 * What an end-entity certificate is for. Decides its extended key usage: a client certificate
 * carries clientAuth, a server certificate serverAuth, and a dual one both (as when an API provider
 * uses one certificate for its server and for calling its customers back).
 */
public enum Purpose {
    SERVER(true, false),
    CLIENT(false, true),
    DUAL(true, true);

    private final boolean serverAuth;
    private final boolean clientAuth;

    Purpose(boolean serverAuth, boolean clientAuth) {
        this.serverAuth = serverAuth;
        this.clientAuth = clientAuth;
    }

    public boolean serverAuth() {
        return serverAuth;
    }

    public boolean clientAuth() {
        return clientAuth;
    }
}
