package dev.mtlskit.gateway.config;

import java.util.List;

import dev.mtlskit.policy.IpRange;

/**
 * The addresses of outer proxies whose forwarding headers ({@code X-Forwarded-For},
 * {@code Forwarded}, {@code X-Real-IP}, {@code X-Forwarded-Proto/-Host/-Port/-Prefix}) the
 * gateway passes on. From anyone else those headers are replaced with what the gateway saw: a
 * client could otherwise tell the upstream it calls from an address of its choosing.
 *
 * @param ranges IP addresses and CIDR ranges; empty (the default) trusts no one
 */
public record TrustedProxies(List<IpRange> ranges) {

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    /** Trusts no one: every connection's forwarding headers are replaced. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** Parses {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}; throws with the fix for anything else. */
    public static TrustedProxies of(List<String> texts) {
        return new TrustedProxies(texts.stream().map(IpRange::parse).toList());
    }

    /** Whether a connection from {@code address} (a textual IP) comes from a trusted proxy. */
    public boolean trusts(String address) {
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
