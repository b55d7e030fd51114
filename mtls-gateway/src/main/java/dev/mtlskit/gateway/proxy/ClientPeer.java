package dev.mtlskit.gateway.proxy;

import dev.mtlskit.gateway.config.TrustedProxies;
import dev.mtlskit.gateway.log.RejectionLog;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The address a connection comes from, as the forwarding headers and the access log write it, and
 * whether it is a trusted outer proxy. Worked out once per connection.
 *
 * @param address the textual IP ({@code 192.0.2.7}, {@code ::1})
 * @param forwardedElement the RFC 7239 {@code Forwarded} element ({@code for=192.0.2.7;proto=https},
 *     IPv6 quoted in brackets)
 * @param trustedProxy whether the listener's {@code trusted_proxies} holds the address
 */
public record ClientPeer(String address, String forwardedElement, boolean trustedProxy) {

    private static final AttributeKey<ClientPeer> PEER = AttributeKey.valueOf("mtls.peer");

    /** The peer of a client connection (for HTTP/2, the connection, not the stream). */
    public static ClientPeer of(Channel connection, TrustedProxies trustedProxies) {
        ClientPeer peer = connection.attr(PEER).get();
        if (peer == null) {
            String address = RejectionLog.host(connection.remoteAddress());
            String node = address.indexOf(':') >= 0 ? "\"[" + address + "]\"" : address;
            peer = new ClientPeer(address, "for=" + node + ";proto=https", trustedProxies.trusts(address));
            connection.attr(PEER).set(peer);
        }
        return peer;
    }
}
