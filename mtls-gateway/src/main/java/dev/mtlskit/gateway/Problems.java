package dev.mtlskit.gateway;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.mtlskit.gateway.ProblemCode;
import dev.mtlskit.reason.Code;
import dev.mtlskit.reason.Reason;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * RFC 9457 {@code application/problem+json} answers: a status, a stable code (a {@link ProblemCode},
 * or the {@link Reason} of a refused certificate or identity), its title, one sentence about this
 * occurrence and the fix.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /**
     * @param detail this occurrence in one sentence
     * @param instance the request path, or {@code null}
     */
    public static FullHttpResponse response(ByteBufAllocator allocator, ProblemCode code, String detail, String instance) {
        return response(allocator, code.status(), code, detail, code.fix(), instance);
    }

    /** @param fix what the caller can do, said more precisely for this occurrence than {@code code}'s fix */
    public static FullHttpResponse response(ByteBufAllocator allocator, ProblemCode code, String detail, String fix,
                                            String instance) {
        return response(allocator, code.status(), code, detail, fix, instance);
    }

    /**
     * A refused client certificate or identity: 403 for {@code NOT_AUTHORIZED} (a valid certificate
     * whose identity the route does not allow), else 401.
     *
     * @param fix the verdict's fix, which names the certificate's case
     */
    public static FullHttpResponse refused(ByteBufAllocator allocator, Reason reason, String detail, String fix,
                                           String instance) {
        HttpResponseStatus status = reason == Reason.NOT_AUTHORIZED ? HttpResponseStatus.FORBIDDEN
                : HttpResponseStatus.UNAUTHORIZED;
        return response(allocator, status, reason, detail, fix, instance);
    }

    /**
     * @param status the answer's status, the code's own when it has one
     * @param code the stable code, also the last segment of the problem {@code type}
     * @param detail this occurrence in one sentence
     * @param fix what the caller can do, or {@code null}
     * @param instance the request path, or {@code null}
     */
    public static FullHttpResponse response(ByteBufAllocator allocator, HttpResponseStatus status, Code code,
                                            String detail, String fix, String instance) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "https://mtls-kit.dev/problems/" + code.name());
        problem.put("title", code.title());
        problem.put("status", status.code());
        problem.put("code", code.name());
        problem.put("detail", detail);
        if (fix != null) {
            problem.put("fix", fix);
        }
        if (instance != null) {
            problem.put("instance", instance);
        }
        byte[] body = (problem.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuf content = allocator.buffer(body.length).writeBytes(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }
}
