package dev.mtlskit.names;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.bouncycastle.util.encoders.Hex;

/** IP address text: dotted IPv4, IPv6 in the RFC 5952 short form ({@code ::1}). */
public final class IpAddresses {

    private IpAddresses() {
    }

    public static String format(byte[] octets) {
        if (octets.length != 4 && octets.length != 16) {
            return Hex.toHexString(octets);
        }
        try {
            String text = InetAddress.getByAddress(octets).getHostAddress();
            return octets.length == 16 ? shortIpv6(octets) : text;
        } catch (UnknownHostException e) {
            return Hex.toHexString(octets);
        }
    }

    private static String shortIpv6(byte[] octets) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((octets[2 * i] & 0xff) << 8) | (octets[2 * i + 1] & 0xff);
        }
        // The longest run of two or more zero groups becomes "::" (the first one on a tie).
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
