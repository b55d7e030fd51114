package dev.mtlskit.reload;

import dev.mtlskit.validation.PeerRole;

/** Which end of the connection a TLS context is for. */
public enum Side {
    /** Connects out, presents a client certificate, checks the server's chain and name. */
    CLIENT,
    /** Accepts connections, requires a client certificate and checks its chain. */
    SERVER;

    /** The role the other end's certificate must be issued for. */
    public PeerRole peerRole() {
        return this == CLIENT ? PeerRole.SERVER : PeerRole.CLIENT;
    }
}
