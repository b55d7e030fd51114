package dev.mtlskit.gateway.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.util.IPAddress;

/** Parsing of listen addresses and upstream URLs; each problem is an {@link IllegalArgumentException} with the fix. */
final class ConfigValues {

    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([^\\]]*)\\]|([^:\\[\\]]*)):([0-9]{1,5})");

    private ConfigValues() {
    }

    /**
     * {@code 8443}, {@code :8443} (every interface), {@code 127.0.0.1:8443}, {@code [::1]:8443},
     * {@code localhost:8443}. IP literals are never looked up; a host name is resolved now, so that
     * a typo fails at start.
     */
    static InetSocketAddress listenAddress(String text) {
        String host;
        String port;
        if (text.matches("[0-9]{1,5}")) {
            host = "";
            port = text;
        } else {
            Matcher matcher = HOST_PORT.matcher(text);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("\"" + text + "\" is not an address: write [host]:port, e.g. "
                        + "0.0.0.0:8443, 127.0.0.1:8443, [::]:8443 or :8443");
            }
            host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            port = matcher.group(3);
        }
        int number = Integer.parseInt(port);
        if (number > 65535) {
            throw new IllegalArgumentException("port " + number + " is above 65535");
        }
        if (host.isEmpty() || host.equals("*")) {
            return new InetSocketAddress(number);
        }
        if (IPAddress.isValidIPv4(host) || IPAddress.isValidIPv6(host)) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), number); // a literal: parsed, not looked up
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("\"" + host + "\" is not an IP address");
            }
        }
        InetSocketAddress address = new InetSocketAddress(host, number);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve \"" + host + "\": use an IP address (e.g. 0.0.0.0:"
                    + number + ") or a name this machine resolves");
        }
        return address;
    }

    /**
     * {@code http://host:port}, {@code https://host:port} (the port defaults to 80/443 and is made
     * explicit), or {@code echo:} for the built-in echo upstream.
     */
    static URI upstreamUri(String text) {
        if (text.equals("echo:") || text.equals(UpstreamConfig.ECHO.toString())) {
            return UpstreamConfig.ECHO;
        }
        String expected = ": write http://host:port, https://host:port or \"echo:\"";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a URL (" + e.getReason() + ")" + expected);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("\"" + text + "\" is not an http or https URL" + expected);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + text + "\" has no host" + expected);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("\"" + text + "\" has user information: leave it out (credentials "
                    + "do not belong in the configuration)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("\"" + text + "\" has a path, query or fragment: request paths are "
                    + "forwarded unchanged, so give only scheme, host and port");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        try {
            return new URI(scheme, null, uri.getHost(), port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a URL (" + e.getReason() + ")" + expected);
        }
    }
}
