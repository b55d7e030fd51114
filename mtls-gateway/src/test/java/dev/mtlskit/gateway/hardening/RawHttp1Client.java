package dev.mtlskit.gateway.hardening;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP/1.1 client that writes exactly the bytes a test gives it (malformed framing included)
 * over TLS with a client certificate, and reads back what the gateway answers, response by response,
 * until the gateway closes the connection.
 *
 * <pre>{@code
 * try (RawHttp1Client client = RawHttp1Client.connect(RawTls.context(pki, pki.acme), gateway.port())) {
 *     client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
 *     RawHttp1Client.Response response = client.readResponse();
 * }
 * }</pre>
 */
public final class RawHttp1Client implements AutoCloseable {

    /** One response: status code, headers (names lower-cased; the last value of each), body as text. */
    public record Response(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp1Client(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects with ALPN http/1.1; reads time out after 10 s. */
    public static RawHttp1Client connect(SSLContext context, int port) throws IOException {
        return new RawHttp1Client(RawTls.connect(context, port, "http/1.1", 10_000));
    }

    /** Writes {@code text} as ISO-8859-1 bytes, exactly (no line ending is added or changed). */
    public RawHttp1Client send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp1Client send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next response; fails if the connection ends (or reads time out) before a whole one came. */
    public Response readResponse() throws IOException {
        Response response = nextResponse();
        if (response == null) {
            throw new IOException("the gateway closed the connection before answering");
        }
        return response;
    }

    /**
     * Every response until the gateway closes the connection. A read timeout (the connection stayed
     * open) fails: the tests that call this expect the gateway to close.
     */
    public List<Response> readResponsesUntilClosed() throws IOException {
        List<Response> responses = new ArrayList<>();
        for (Response response; (response = nextResponse()) != null; ) {
            responses.add(response);
        }
        return responses;
    }

    /** Whether the gateway closes the connection (end of stream or reset) with nothing more to read. */
    public boolean closedByGateway() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException failure) {
            if (RawTls.isClosedByPeer(failure)) {
                return true;
            }
            throw failure;
        }
    }

    private Response nextResponse() throws IOException {
        String statusLine;
        try {
            statusLine = line();
        } catch (IOException failure) {
            if (failure instanceof SocketTimeoutException || !RawTls.isClosedByPeer(failure)) {
                throw failure;
            }
            return null;
        }
        if (statusLine == null) {
            return null;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not a status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(parts[1]);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (status / 100 == 1 || status == 204 || status == 304) {
            return new Response(status, headers, "");
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers are not kept
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** A line without its CRLF (or LF); {@code null} at the end of the stream before any byte. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
