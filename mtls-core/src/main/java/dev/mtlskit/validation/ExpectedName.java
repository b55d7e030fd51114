package dev.mtlskit.validation;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The name a certificate must be valid for: a DNS host name or an IP address. Matched against the
 * subjectAltName only; the subject CN is never consulted (RFC 9525).
 *
 * @param value as given
 * @param ipAddress the address bytes when the name is an IP literal, else {@code null}
 */
public record ExpectedName(String value, byte[] ipAddress) {

    public ExpectedName {
        requireNonNull(value, "value");
    }

    /** A host name or an IPv4/IPv6 literal (brackets allowed for IPv6). */
    public static ExpectedName of(String name) {
        requireNonNull(name, "name");
        String trimmed = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (isIpLiteral(trimmed)) {
            try {
                return new ExpectedName(trimmed, InetAddress.getByName(trimmed).getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("IP address: " + name, e);
            }
        }
        return new ExpectedName(name.toLowerCase(Locale.ROOT), null);
    }

    /** A DNS name, even if it looks like an address (the caller knows it is a DNS name). */
    public static ExpectedName dns(String name) {
        return new ExpectedName(name.toLowerCase(Locale.ROOT), null);
    }

    public boolean isIpAddress() {
        return ipAddress != null;
    }

    private static boolean isIpLiteral(String name) {
        if (name.contains(":")) {
            return name.matches("[0-9A-Fa-f:.]+");
        }
        return name.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpectedName name && name.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
