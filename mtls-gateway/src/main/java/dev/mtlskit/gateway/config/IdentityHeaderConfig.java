package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

/**
 * How the client's identity reaches the upstream. Headers of both kinds sent by the client are
 * always removed first, whatever the format.
 *
 * @param format Envoy's X-Forwarded-Client-Cert (default) or RFC 9440 Client-Cert/Client-Cert-Chain
 * @param includeCertificate XFCC: add {@code Cert=} (URL-encoded PEM of the leaf)
 * @param includeChain XFCC: add {@code Chain=}; RFC 9440: send Client-Cert-Chain
 */
public record IdentityHeaderConfig(Format format, boolean includeCertificate, boolean includeChain) {

    public IdentityHeaderConfig {
        requireNonNull(format, "format");
    }

    public enum Format {
        XFCC,
        RFC9440
    }

    public static IdentityHeaderConfig defaults() {
        return new IdentityHeaderConfig(Format.XFCC, false, false);
    }
}
