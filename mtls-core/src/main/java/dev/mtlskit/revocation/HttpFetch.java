package dev.mtlskit.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * One HTTP exchange with an OCSP responder or a CRL distribution point: bounded in time and size,
 * and its failures worded for people ({@link Failure}).
 */
final class HttpFetch {

    /** A failed exchange; the message completes "the OCSP responder at URL …". */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private HttpFetch() {
    }

    /** GET (when {@code body} is {@code null}) or POST {@code body}; the response body, at most {@code maxBytes}. */
    static byte[] exchange(String url, String contentType, byte[] body, String accept, Duration timeout, int maxBytes)
            throws Failure {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpURLConnection connection;
        try {
            URI uri = URI.create(url);
            if (!"http".equalsIgnoreCase(uri.getScheme())) {
                throw new Failure("cannot be asked: only http:// URLs are fetched (OCSP and CRLs are signed, so they are served over plain HTTP)");
            }
            connection = (HttpURLConnection) uri.toURL().openConnection();
        } catch (IllegalArgumentException | IOException e) {
            throw new Failure("cannot be asked: its URL is not valid");
        }
        int millis = (int) Math.max(1, timeout.toMillis());
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestProperty("Accept", accept);
        try {
            if (body != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new Failure("answered HTTP " + status + " instead of " + (body != null ? "an OCSP response" : "a CRL"));
            }
            long declared = connection.getContentLengthLong();
            if (declared > maxBytes) {
                throw new Failure("sent " + declared + " bytes, more than the " + maxBytes + " accepted");
            }
            try (InputStream in = connection.getInputStream()) {
                return readBounded(in, maxBytes, deadline, timeout);
            }
        } catch (SocketTimeoutException e) {
            throw new Failure("did not answer within " + seconds(timeout));
        } catch (ConnectException e) {
            throw new Failure("refused the connection");
        } catch (UnknownHostException e) {
            throw new Failure("cannot be reached: its host name " + connection.getURL().getHost() + " does not resolve");
        } catch (IOException e) {
            throw new Failure("cannot be reached: " + (e.getMessage() == null ? "the connection failed" : e.getMessage()));
        } finally {
            connection.disconnect();
        }
    }

    private static byte[] readBounded(InputStream in, int maxBytes, long deadline, Duration timeout)
            throws IOException, Failure {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > maxBytes) {
                throw new Failure("sent more than the " + maxBytes + " bytes accepted");
            }
            out.write(buffer, 0, n);
            if (System.nanoTime() > deadline) {
                // A trickle of bytes must not hold a handshake past the timeout.
                throw new Failure("did not answer within " + seconds(timeout));
            }
        }
        return out.toByteArray();
    }

    static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
