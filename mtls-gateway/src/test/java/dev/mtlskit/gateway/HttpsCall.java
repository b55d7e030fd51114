package dev.mtlskit.gateway;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.mtlskit.client.CallEvent;
import dev.mtlskit.client.CallRequest;
import dev.mtlskit.client.CallResult;
import dev.mtlskit.client.Caller;
import dev.mtlskit.client.RequestBody;
import dev.mtlskit.client.Transcript;
import dev.mtlskit.material.PasswordSource;

/**
 * An HTTPS request made with {@code mtls call}'s own client ({@link Caller}), for the tests that only
 * need a client: they run where curl is not installed. See {@link GatewayFixture#call}.
 */
final class HttpsCall {

    private final CallRequest.Builder request;

    /** A GET of {@code url} trusting the CAs in {@code caFile}, its host resolved to 127.0.0.1, without a certificate. */
    HttpsCall(URI url, Path caFile) {
        request = CallRequest.builder(url).caFile(caFile)
                .resolve(Map.of(url.getHost() + ":" + url.getPort(), InetAddress.getLoopbackAddress()));
    }

    /** Shows this client certificate (an unencrypted key). */
    HttpsCall as(Path certificate, Path key) {
        request.clientCertificate(certificate, key, PasswordSource.none());
        return this;
    }

    /** Offers http/1.1 only in ALPN. */
    HttpsCall http1() {
        request.http(CallRequest.HttpVersions.HTTP1_ONLY);
        return this;
    }

    /** The HTTP version as the curl flag the parameterized tests name it: --http1.1 or --http2. */
    HttpsCall http(String curlFlag) {
        request.http(switch (curlFlag) {
            case "--http1.1" -> CallRequest.HttpVersions.HTTP1_ONLY;
            case "--http2" -> CallRequest.HttpVersions.HTTP2_OR_HTTP1;
            default -> throw new IllegalArgumentException("not an HTTP version flag: " + curlFlag);
        });
        return this;
    }

    HttpsCall method(String method) {
        request.method(method);
        return this;
    }

    HttpsCall header(String name, String value) {
        request.header(name, value);
        return this;
    }

    /** A POST of {@code text} (UTF-8), as curl's --data. */
    HttpsCall body(String text) {
        request.body(new RequestBody.Bytes(text.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    Response run() {
        Transcript transcript = new Transcript(false);
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CallResult result = new Caller().call(request.build(), event -> lines.addAll(transcript.lines(event)), body);
        return new Response(result, body.toString(StandardCharsets.UTF_8), List.copyOf(lines));
    }

    /**
     * What came back.
     *
     * @param transcript the call's steps as {@code mtls call -v} prints them
     */
    record Response(CallResult result, String body, List<String> transcript) {

        /**
         * Whether a whole response arrived, as curl's exit code 0 says: false when the connection or the
         * handshake failed, or the body was cut.
         */
        boolean completed() {
            return result.response().isPresent() && result.first(CallEvent.ResponseCompleted.class).isPresent()
                    && result.connectionFailure().isEmpty();
        }

        /** The HTTP status; fails the test when no response arrived. */
        int status() {
            return result.response().map(CallEvent.ResponseReceived::status)
                    .orElseThrow(() -> new AssertionError("no response: " + describe()));
        }

        /** The value of the first response header {@code name} (any case). */
        Optional<String> header(String name) {
            return result.response().flatMap(response -> response.headers().stream()
                    .filter(header -> header.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                    .map(CallRequest.Header::value).findFirst());
        }

        /** Everything the call saw, for assertion messages. */
        String describe() {
            return String.join("\n", transcript) + "\n--- body ---\n" + body;
        }
    }
}
