package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import dev.mtlskit.gateway.ProblemCode;
import dev.mtlskit.reason.Reason;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;

/** A problem answer says what its constant says: status, code, title and fix; the occurrence adds the detail. */
class ProblemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyProblemCodeAnswersWithItsStatusTitleAndFix() throws Exception {
        for (ProblemCode code : ProblemCode.values()) {
            FullHttpResponse response = Problems.response(UnpooledByteBufAllocator.DEFAULT, code, "What happened.", "/api/x");
            try {
                assertThat(response.status()).as(code.name()).isEqualTo(code.status());
                assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
                JsonNode problem = JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
                assertThat(problem.path("type").asText()).isEqualTo("https://mtls-kit.dev/problems/" + code.name());
                assertThat(problem.path("code").asText()).isEqualTo(code.name());
                assertThat(problem.path("status").asInt()).isEqualTo(code.status().code());
                assertThat(problem.path("title").asText()).isEqualTo(code.title());
                assertThat(problem.path("detail").asText()).isEqualTo("What happened.");
                assertThat(problem.path("fix").asText()).isEqualTo(code.fix());
                assertThat(problem.path("instance").asText()).isEqualTo("/api/x");
            } finally {
                response.release();
            }
        }
    }

    @Test
    void anUpstreamFailureTellsTheCallerToRetryAndToReportTheCode() {
        assertThat(ProblemCode.UPSTREAM_TIMEOUT.fix()).isEqualTo("try again later; if it persists, tell the API's "
                + "operator the time of the failure and the code UPSTREAM_TIMEOUT (the gateway's log has the cause)");
    }

    @Test
    void aRefusedIdentityIs403AndARefusedCertificate401() throws Exception {
        assertThat(refusedStatus(Reason.NOT_AUTHORIZED)).isEqualTo(403);
        assertThat(refusedStatus(Reason.NO_CLIENT_CERT)).isEqualTo(401);
        assertThat(refusedStatus(Reason.EXPIRED)).isEqualTo(401);
    }

    private static int refusedStatus(Reason reason) throws Exception {
        FullHttpResponse response = Problems.refused(UnpooledByteBufAllocator.DEFAULT, reason, "What happened.",
                "the verdict's fix", null);
        try {
            JsonNode problem = JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
            assertThat(problem.path("title").asText()).isEqualTo(reason.title());
            assertThat(problem.path("fix").asText()).isEqualTo("the verdict's fix");
            assertThat(problem.has("instance")).isFalse();
            assertThat(problem.path("status").asInt()).isEqualTo(response.status().code());
            return response.status().code();
        } finally {
            response.release();
        }
    }
}
