package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.mtlskit.gateway.log.UpstreamFailure;
import dev.mtlskit.gateway.log.UpstreamLog;

/** An upstream that is down does not cost a log line per request. */
class UpstreamLogTest {

    @Test
    void repeatsOfOneFailureAreCountedNotLogged() {
        URI target = URI.create("http://127.0.0.1:9/" + UUID.randomUUID());
        UpstreamFailure refused = UpstreamFailure.of(new ConnectException("Connection refused"));
        try (LogCapture log = LogCapture.of("mtls.upstream")) {
            for (int i = 0; i < 50; i++) {
                UpstreamLog.failed("api", target, refused);
            }
            List<String> lines = log.lines(target.toString());
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("api: " + target, refused.code().name());
        }
    }
}
