package dev.mtlskit.gateway.proxy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.mtlskit.gateway.ProblemCode;
import dev.mtlskit.gateway.tls.HandshakeOutcome;
import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.gateway.Problems;
import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.log.AccessLog;
import dev.mtlskit.gateway.log.RequestRecord;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The built-in echo upstream, answered in the gateway itself: JSON with the method, path, body
 * size, the authenticated client and the identity header an upstream would receive. The body is
 * counted, never stored.
 */
public final class EchoExchange implements Exchange {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final io.netty.util.AttributeKey<String> ECHO_CONNECTION_PART =
            io.netty.util.AttributeKey.valueOf("mtls.echoConnectionPart");

    private final ChannelHandlerContext ctx;
    private final RequestRecord info;
    private final ClientPeer peer;
    private final HandshakeOutcome outcome;
    private final ListenerConfig listener;
    private long bodyBytes;
    private boolean answered;

    /**
     * @param info the request's record, written to the access log when the exchange ends
     * @param peer the client, for the forwarding headers the echo shows
     * @param listener the listener's configuration in force when the request started
     */
    public EchoExchange(ChannelHandlerContext ctx, RequestRecord info, ClientPeer peer, HandshakeOutcome outcome,
                        ListenerConfig listener) {
        this.ctx = ctx;
        this.info = info;
        this.outcome = outcome;
        this.listener = listener;
        this.peer = peer;
    }

    @Override
    public boolean answered() {
        return answered;
    }

    @Override
    public void content(HttpContent content) {
        try {
            if (answered) {
                return;
            }
            bodyBytes += content.content().readableBytes();
            long limit = listener.limits().maxBodyBytes();
            if (bodyBytes > limit) {
                // A chunked body has no Content-Length to refuse up front: refuse when it passes the limit.
                answered = true;
                info.status(413);
                info.code(ProblemCode.BODY_TOO_LARGE.name());
                var response = Problems.response(ctx.alloc(), ProblemCode.BODY_TOO_LARGE,
                        "The request body exceeds the limit of " + limit + " bytes.", info.path());
                if (!info.http2()) {
                    response.headers().set(HttpHeaderNames.CONNECTION, "close");
                    ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
                } else {
                    ctx.writeAndFlush(response);
                }
                AccessLog.ended(info);
                return;
            }
            if (content instanceof LastHttpContent) {
                answered = true;
                respond();
            }
        } finally {
            content.release();
        }
    }

    private void respond() {
        // The per-request part, then what is the same for every request of the connection (cached).
        StringBuilder json = new StringBuilder(768).append("{\"method\":");
        quote(json, info.method()).append(",\"path\":");
        quote(json, info.canonicalPath()).append(",\"body_bytes\":").append(bodyBytes)
                .append(",\"protocol\":\"").append(info.http2() ? "HTTP/2" : "HTTP/1.1").append('"')
                .append(connectionPart()).append("}\n");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuf content = ctx.alloc().buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        info.status(200);
        info.bytesIn(bodyBytes);
        info.bytesOut(bytes.length);
        ctx.writeAndFlush(response);
        AccessLog.ended(info);
    }

    private static StringBuilder quote(StringBuilder json, String value) {
        return json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
    }

    /** {@code ,"tls":…,"client":{…},"identity_headers":{…}}: built on a connection's first request. */
    private String connectionPart() {
        String cached = info.connection().attr(ECHO_CONNECTION_PART).get();
        if (cached != null) {
            return cached;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("tls", outcome instanceof HandshakeOutcome.Tls tls ? tls.protocol() : null);
        PeerIdentity identity = outcome.verifiedIdentity().orElse(null);
        if (identity == null) {
            body.putNull("client");
        } else {
            ObjectNode client = body.putObject("client");
            client.put("subject", identity.subject());
            if (identity.commonName() != null) {
                client.put("common_name", identity.commonName());
            }
            client.put("issuer", identity.issuer());
            array(client.putArray("dns"), identity.dnsNames());
            array(client.putArray("uris"), identity.uris());
            client.put("sha256", identity.sha256Fingerprint());
        }
        HttpHeaders forwarded = new DefaultHttpHeaders();
        HeaderRules.addGatewayHeaders(forwarded, outcome, peer);
        ObjectNode headers = body.putObject("identity_headers");
        forwarded.forEach(header -> headers.put(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue()));
        String object = body.toString();
        String part = "," + object.substring(1, object.length() - 1);
        info.connection().attr(ECHO_CONNECTION_PART).set(part);
        return part;
    }

    private static void array(ArrayNode node, java.util.List<String> values) {
        values.forEach(node::add);
    }

    @Override
    public void clientWritabilityChanged(boolean writable) {
        // A single small answer: nothing to pace.
    }

    @Override
    public void abort() {
        info.finish();
    }
}
