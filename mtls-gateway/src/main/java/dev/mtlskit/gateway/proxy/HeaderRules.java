package dev.mtlskit.gateway.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mtlskit.gateway.config.IdentityHeaderConfig;
import dev.mtlskit.gateway.tls.HandshakeOutcome;
import dev.mtlskit.identity.IdentityHeaders;
import dev.mtlskit.identity.PeerIdentity;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Which request headers an upstream gets: hop-by-hop headers and every identity header a client
 * could forge are removed, always; forwarding headers ({@code X-Forwarded-For}, {@code Forwarded},
 * {@code X-Real-IP}, ...) are replaced with what the gateway saw unless the connection comes from a
 * trusted outer proxy; the gateway's own identity header is set.
 */
public final class HeaderRules {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "proxy-authenticate", "proxy-authorization");
    /**
     * Forwarding headers: where the request came from. Upstreams log and authorize by them, so a
     * client could claim any address; they pass on only from a trusted proxy.
     */
    private static final Set<String> FORWARDING = Set.of("forwarded", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip");

    private HeaderRules() {
    }

    /**
     * Copies {@code from} into {@code to} without hop-by-hop, HTTP/2-internal and spoofable identity
     * headers, and without forwarding headers unless {@code fromTrustedProxy}.
     */
    static void copyForUpstream(HttpHeaders from, HttpHeaders to, boolean fromTrustedProxy) {
        Set<String> listedInConnection = connectionTokens(from);
        for (java.util.Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || listedInConnection.contains(name) || name.startsWith("x-http2-")
                    || IdentityHeaders.SPOOFABLE.contains(name) || isUnderscoreAlias(name)
                    || (!fromTrustedProxy && FORWARDING.contains(name))
                    || name.equals("expect")) { // the gateway answers 100-continue itself
                continue;
            }
            to.add(header.getKey(), header.getValue());
        }
    }

    /**
     * Whether {@code name} is a header the gateway sets written with underscores
     * ({@code x_forwarded_client_cert}): CGI, WSGI, PHP and others read it as the dashed name, so
     * it could pass for the gateway's own.
     */
    private static boolean isUnderscoreAlias(String name) {
        if (name.indexOf('_') < 0) {
            return false;
        }
        String dashed = name.replace('_', '-');
        return IdentityHeaders.SPOOFABLE.contains(dashed) || FORWARDING.contains(dashed);
    }

    /**
     * Request trailers for the upstream: the same removals as for headers, forwarding headers
     * always (even a trusted proxy sends those as headers), so that neither an identity nor an
     * address can arrive as a trailer.
     */
    static void sanitizeTrailers(HttpHeaders trailers) {
        if (trailers.isEmpty()) {
            return;
        }
        HttpHeaders kept = new io.netty.handler.codec.http.DefaultHttpHeaders();
        copyForUpstream(trailers, kept, false);
        trailers.clear().add(kept);
    }

    /** Response headers for the client: without hop-by-hop headers. */
    static void copyForClient(HttpHeaders from, HttpHeaders to) {
        Set<String> listedInConnection = connectionTokens(from);
        for (java.util.Map.Entry<String, String> header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !listedInConnection.contains(name)) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    /**
     * The identity header(s) for a client: XFCC, or RFC 9440 Client-Cert (and Client-Cert-Chain
     * when configured). Empty without an identity. They depend on the chain only, so they are
     * made once per chain and cached with its judgement ({@link dev.mtlskit.gateway.tls.Judgement}).
     */
    public static java.util.Map<String, String> identityHeaders(PeerIdentity identity, IdentityHeaderConfig config) {
        if (identity == null) {
            return java.util.Map.of();
        }
        if (config.format() == IdentityHeaderConfig.Format.XFCC) {
            return java.util.Map.of("x-forwarded-client-cert",
                    IdentityHeaders.xfcc(identity, config.includeCertificate(), config.includeChain()));
        }
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("client-cert", IdentityHeaders.clientCert(identity.leaf()));
        List<java.security.cert.X509Certificate> chain = identity.chain();
        if (config.includeChain() && chain.size() > 1) {
            String value = IdentityHeaders.clientCertChain(chain.subList(1, chain.size()));
            if (!value.isEmpty()) {
                headers.put("client-cert-chain", value);
            }
        }
        return headers;
    }

    /** Header names listed in Connection: hop-by-hop for this message only (RFC 9110 7.6.1). */
    private static Set<String> connectionTokens(HttpHeaders headers) {
        Set<String> tokens = new java.util.HashSet<>();
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    /**
     * Adds the identity header(s) and the forwarding headers. From a client, {@code X-Forwarded-For},
     * {@code X-Real-IP} and {@code Forwarded} name the address the gateway saw, and
     * {@code X-Forwarded-Proto} is https (the client's own were removed by {@link #copyForUpstream}).
     * From a trusted proxy, its address is appended to the chains it sent, and what it said of the
     * protocol and the real client stays.
     */
    static void addGatewayHeaders(HttpHeaders headers, HandshakeOutcome outcome, ClientPeer peer) {
        if (peer.trustedProxy()) {
            append(headers, "x-forwarded-for", peer.address());
            append(headers, "forwarded", peer.forwardedElement());
            if (!headers.contains("x-forwarded-proto")) {
                headers.set("x-forwarded-proto", "https");
            }
            if (!headers.contains("x-real-ip")) {
                headers.set("x-real-ip", peer.address());
            }
        } else {
            headers.set("x-forwarded-for", peer.address());
            headers.set("forwarded", peer.forwardedElement());
            headers.set("x-real-ip", peer.address());
            headers.set("x-forwarded-proto", "https");
        }
        if (outcome instanceof HandshakeOutcome.Verified verified) {
            verified.identityHeaders().forEach(headers::set);
        }
    }

    /** Every line of a list-valued header, in order, then {@code value}, as one line. */
    private static void append(HttpHeaders headers, String name, String value) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            headers.set(name, value);
            return;
        }
        headers.set(name, String.join(", ", values) + ", " + value);
    }
}
