package dev.mtlskit.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.bouncycastle.util.IPAddress;

import dev.mtlskit.names.IpAddresses;

/** An IP address or CIDR range, parsed from literals only: no text here ever causes a DNS lookup. */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** {@code 10.1.2.3}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}. */
    public static IpRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] octets = literal(address);
        if (octets == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR range "
                    + "(expected e.g. 10.1.2.3, 10.0.0.0/8 or fd00::/8)");
        }
        int bits = octets.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            prefix = length.matches("[0-9]{1,3}") ? Integer.parseInt(length) : -1;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("\"" + text + "\" has a prefix length other than 0 to " + bits
                        + " (expected e.g. " + (bits == 32 ? "10.0.0.0/8" : "fd00::/8") + ")");
            }
        }
        IpRange range = new IpRange(octets, prefix);
        byte[] masked = range.masked(octets);
        if (!Arrays.equals(masked, octets)) {
            throw new IllegalArgumentException("\"" + text + "\" has bits set after the prefix length: write "
                    + IpAddresses.format(masked) + "/" + prefix);
        }
        return range;
    }

    /** Whether the textual address {@code address} is in this range (a non-literal never is). */
    public boolean contains(String address) {
        byte[] octets = literal(address);
        return octets != null && octets.length == network.length && Arrays.equals(masked(octets), network);
    }

    private byte[] masked(byte[] octets) {
        byte[] result = octets.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            result[i] &= (byte) (0xff << (8 - keep));
        }
        return result;
    }

    /** The octets of an IPv4 or IPv6 literal, or {@code null}; zone IDs ({@code %eth0}) are refused. */
    private static byte[] literal(String address) {
        if (address.indexOf('%') >= 0 || !(IPAddress.isValidIPv4(address) || IPAddress.isValidIPv6(address))) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress(); // a checked literal: parsed, never resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Canonical text: RFC 5952 for IPv6, the prefix length only for ranges. */
    @Override
    public String toString() {
        String address = IpAddresses.format(network);
        return prefixLength == network.length * 8 ? address : address + "/" + prefixLength;
    }
}
