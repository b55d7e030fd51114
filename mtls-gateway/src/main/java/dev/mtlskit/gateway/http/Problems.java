package dev.mtlskit.gateway.http;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * RFC 9457 {@code application/problem+json} answers: a status, a stable code (a reason code from
 * docs/reasons.md, or a gateway code such as UPSTREAM_UNAVAILABLE), one sentence and the fix.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /**
     * @param code the stable code, also the last segment of the problem {@code type}
     * @param title short, the same for every occurrence of the code
     * @param detail this occurrence in one sentence
     * @param fix what the caller can do, or {@code null}
     * @param instance the request path
     */
    public static FullHttpResponse response(ByteBufAllocator allocator, HttpResponseStatus status, String code,
                                            String title, String detail, String fix, String instance) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "https://mtls-kit.dev/problems/" + code);
        problem.put("title", title);
        problem.put("status", status.code());
        problem.put("code", code);
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
