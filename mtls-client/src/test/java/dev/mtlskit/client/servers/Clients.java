package dev.mtlskit.client.servers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mtlskit.client.servers.ScenarioPki.Credential;
import dev.mtlskit.testing.Programs;

/**
 * The reference clients a scenario is proven with: real curl and {@code openssl s_client}, run to
 * completion. Both ignore the user's configuration (no ~/.curlrc, no proxy from the environment).
 */
public final class Clients {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Clients() {
    }

    /**
     * What curl got.
     *
     * @param exitCode curl's exit code (0: an HTTP response arrived, whatever its status)
     * @param status the HTTP status, or 0 when no response arrived
     * @param headers response headers, names in lower case
     * @param stderr curl's error message ({@code curl: (35) ...}), empty on success
     */
    public record CurlResult(Programs.Result run, int exitCode, int status, Map<String, String> headers, String body,
            String stderr) {

        /** A response header by its name in any case, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String describe() {
            return run.describe();
        }
    }

    /** Credentials for curl: {@code --cert} and {@code --key}. */
    public static String[] curlCredential(Credential credential) {
        return new String[] {"--cert", credential.certificate().toString(), "--key", credential.key().toString()};
    }

    /** Runs {@code curl -sS -i [arguments] url}; give the trust anchor with {@code --cacert}. */
    public static CurlResult curl(String url, String... arguments) throws IOException, InterruptedException {
        String curl = Programs.require("curl", "curl (apt-get install curl)").toString();
        // -q first: no ~/.curlrc. --noproxy: an https_proxy from the environment must not carry loopback calls.
        List<String> command = new ArrayList<>(List.of(curl, "-q", "-sS", "-i", "--noproxy", "*",
                "--max-time", Long.toString(TIMEOUT.toSeconds() - 5)));
        command.addAll(List.of(arguments));
        command.add(url);
        Programs.Result run = Programs.run(command, TIMEOUT);
        int status = 0;
        Map<String, String> headers = new LinkedHashMap<>();
        String body = "";
        String out = run.stdout();
        if (out.startsWith("HTTP/")) {
            String separator = out.contains("\r\n\r\n") ? "\r\n\r\n" : "\n\n";
            int endOfHeaders = out.indexOf(separator);
            String head = endOfHeaders < 0 ? out : out.substring(0, endOfHeaders);
            body = endOfHeaders < 0 ? "" : out.substring(endOfHeaders + separator.length());
            String[] lines = head.split("\r?\n");
            status = Integer.parseInt(lines[0].split(" ")[1]);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
        }
        return new CurlResult(run, run.exitCode(), status, Map.copyOf(headers), body, run.stderr());
    }

    /**
     * Runs {@code openssl s_client -connect 127.0.0.1:PORT -servername localhost -ign_eof [arguments]}
     * with {@code GET / HTTP/1.0} on its standard input: it completes the handshake, sends the
     * request and reads until the server closes, so that it also sees an alert that TLS 1.3 sends
     * after the handshake. Its verification result is in stdout ({@code Verify return code: N (...)});
     * it does not abort on a bad server certificate.
     */
    public static Programs.Result sClient(int port, String... arguments) throws IOException, InterruptedException {
        String openssl = Programs.require("openssl", "openssl (apt-get install openssl)").toString();
        List<String> command = new ArrayList<>(List.of(openssl, "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-ign_eof"));
        command.addAll(List.of(arguments));
        return Programs.run(command, "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n", TIMEOUT);
    }
}
