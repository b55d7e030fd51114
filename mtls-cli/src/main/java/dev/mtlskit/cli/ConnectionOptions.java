package dev.mtlskit.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mtlskit.client.CallRequest;
import dev.mtlskit.tls.wire.TlsVersion;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to connect, shared by {@code mtls call} and {@code mtls doctor}, with curl's option names. */
final class ConnectionOptions {

    @Option(names = {"-E", "--cert"}, paramLabel = "CERT[:PASSWORD]",
            description = "Client certificate with its intermediates (PEM in any order, DER), or alone: a PKCS#12/JKS "
                    + "keystore or a PEM file with the key in it. As curl, CERT:PASSWORD gives the password too.")
    String certificate;

    @Option(names = "--cert-type", paramLabel = "TYPE",
            description = "PEM, DER or P12, as curl's; mtls reads the file's type itself and says if it differs.")
    String certificateType;

    @Option(names = "--key", paramLabel = "KEY", description = "The client certificate's private key (any format mtls reads).")
    Path keyFile;

    @Mixin
    KeyPasswordOptions keyPassword;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "CA certificates to trust for the server (default: the JDK's CA certificates).")
    Path caFile;

    @Option(names = "--http1.1", description = "Offer HTTP/1.1 only.")
    boolean http11;

    @Option(names = "--http2", description = "Offer HTTP/2 and HTTP/1.1 (the default).")
    boolean http2;

    @Option(names = "--tls-max", paramLabel = "1.2|1.3", description = "The highest TLS version to offer (default 1.3).")
    String tlsMax;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "Give up when the TCP connection and the TLS handshake take longer than SECONDS together, as curl (decimals allowed; default 10).")
    double connectTimeout = 10;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDRESS",
            description = "Connect to ADDRESS for HOST:PORT (repeatable); the certificate is still checked for HOST.")
    List<String> resolve = new ArrayList<>();

    /** A request builder for {@code url} with these options applied; bad options throw {@link UserInputException}. */
    CallRequest.Builder builder(String url) {
        URI target;
        try {
            target = new URI(url);
        } catch (URISyntaxException e) {
            throw new UserInputException("URL " + url + " is not a valid URL (" + e.getMessage() + ")");
        }
        if (!"https".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            throw new UserInputException("URL " + url + ": https only (expected: https://host[:port]/path)");
        }
        if (certificate == null && keyFile != null) {
            throw new UserInputException("--key needs --cert: give the client certificate that belongs to the key");
        }
        CertificateArgument cert = certificate == null ? null : CertificateArgument.parse(certificate, keyPassword);
        if (cert != null && certificateType != null) {
            cert.checkType(certificateType);
        }
        if (http11 && http2) {
            throw new UserInputException("--http1.1 and --http2 exclude each other: pick one");
        }
        if (!(connectTimeout > 0)) {
            throw new UserInputException("--connect-timeout " + connectTimeout + ": expected a number of seconds above 0");
        }
        CallRequest.Builder builder = CallRequest.builder(target)
                .caFile(caFile)
                .http(http11 ? CallRequest.HttpVersions.HTTP1_ONLY : CallRequest.HttpVersions.HTTP2_OR_HTTP1)
                .connectTimeout(Duration.ofMillis(Math.max(1, (long) (connectTimeout * 1000))))
                .resolve(resolved());
        if (cert != null) {
            builder.clientCertificate(cert.file(), keyFile, cert.password());
        }
        if (tlsMax != null) {
            try {
                builder.tlsMax(TlsVersion.parse(tlsMax));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--tls-max " + e.getMessage());
            }
        }
        return builder;
    }

    private Map<String, InetAddress> resolved() {
        Map<String, InetAddress> map = new LinkedHashMap<>();
        for (String entry : resolve) {
            int first = entry.indexOf(':');
            int second = first < 0 ? -1 : entry.indexOf(':', first + 1);
            if (second < 0) {
                throw new UserInputException("--resolve " + entry + ": expected HOST:PORT:ADDRESS, e.g. api.example.com:443:127.0.0.1");
            }
            String address = entry.substring(second + 1);
            if (address.startsWith("[") && address.endsWith("]")) {
                address = address.substring(1, address.length() - 1);
            }
            if (!address.matches("[0-9a-fA-F:.]+")) {
                throw new UserInputException("--resolve " + entry + ": ADDRESS must be an IP address");
            }
            try {
                map.put(entry.substring(0, second), InetAddress.getByName(address));
            } catch (UnknownHostException e) {
                throw new UserInputException("--resolve " + entry + ": " + address + " is not an IP address");
            }
        }
        return map;
    }
}
