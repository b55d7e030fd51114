package dev.mtlskit.gateway;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * A listener cannot listen on its address, said in words: the address is in use, needs privileges,
 * or is not one of this host's. (Netty's native transport reports these as its own IOException
 * with the errno text, e.g. {@code bind(..) failed with error(-98): Address already in use}.)
 */
public final class ListenerBindException extends RuntimeException {

    ListenerBindException(String listener, InetSocketAddress address, Throwable cause) {
        super("listener " + listener + " cannot listen on " + hostPort(address) + ": " + why(cause), cause);
    }

    private static String why(Throwable cause) {
        String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (text.contains("in use")) {
            return "the address is in use (by another process, or by another listener): free it or choose another port";
        }
        if (text.contains("permission denied") || text.contains("access denied")) {
            return "permission denied (ports below 1024 need privileges): choose a port above 1023, or grant the "
                    + "process CAP_NET_BIND_SERVICE";
        }
        if (text.contains("assign requested address") || text.contains("not available")) {
            return "this host has no such address: listen on one of its addresses, or on 0.0.0.0";
        }
        return String.valueOf(cause.getMessage());
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
