package dev.mtlskit.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.mtlskit.gateway.tls.HandshakeOutcome;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The access log line, written without a JSON tree, is exactly what Jackson prints for the same
 * object: field order, escaping (quotes, backslashes, control characters, non-ASCII left as it
 * is), nulls and number forms.
 */
class AccessLogLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLineIsWhatJacksonPrintsForTheSameFields() throws Exception {
        String path = "/odd\"path\\with\u0001control\ttab/é/\u2028";
        RequestRecord request = new RequestRecord(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                path + "?q=1"), null, true, 1_000_000L, "partners \"eu\"", "198.51.100.7:51234",
                new HandshakeOutcome.NoCertificate("TLSv1.3", "TLS_AES_128_GCM_SHA256"));
        request.route("/odd");
        request.status(401);
        request.code("NO_CLIENT_CERT");
        request.bytesIn(12);
        request.bytesOut(345);
        Instant now = Instant.parse("2026-12-07T05:40:01.123456Z");

        String line = AccessLog.line(request, now, 1_000_000L + 2_345_678L);

        ObjectNode expected = JSON.createObjectNode();
        expected.put("time", now.toString());
        expected.put("listener", "partners \"eu\"");
        expected.put("client_address", "198.51.100.7:51234");
        expected.put("protocol", "HTTP/2");
        expected.put("tls", "TLSv1.3");
        expected.put("method", "POST");
        expected.put("path", path);
        expected.put("route", "/odd");
        expected.put("status", 401);
        expected.put("code", "NO_CLIENT_CERT");
        expected.put("bytes_in", 12L);
        expected.put("bytes_out", 345L);
        expected.put("duration_ms", 2.345678);
        assertThat(line).isEqualTo(expected.toString());
        assertThat(JSON.readTree(line).get("path").asText()).as("read back").isEqualTo(path);
    }

    @Test
    void aPlainRequestWithoutRouteOrAddressHasNullsWhereJacksonHasThem() {
        RequestRecord request = new RequestRecord(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"),
                null, false, 0L, "tunnel", null, new HandshakeOutcome.NoTls());
        request.status(200);

        String line = AccessLog.line(request, Instant.EPOCH, 500_000L);

        ObjectNode expected = JSON.createObjectNode();
        expected.put("time", Instant.EPOCH.toString());
        expected.put("listener", "tunnel");
        expected.put("client_address", (String) null);
        expected.put("protocol", "HTTP/1.1");
        expected.put("method", "GET");
        expected.put("path", "/");
        expected.put("status", 200);
        expected.put("bytes_in", 0L);
        expected.put("bytes_out", 0L);
        expected.put("duration_ms", 0.5);
        assertThat(line).isEqualTo(expected.toString())
                .startsWith("{\"time\":\"1970-01-01T00:00:00Z\",\"listener\":\"tunnel\",\"client_address\":null,");
    }
}
