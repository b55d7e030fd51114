package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What the gateway logs at start ({@link dev.mtlskit.gateway.Gateway#start}): settings that are
 * valid but risky. Nothing here stops the start; each warning names the listener, the risk and the
 * fix. (A public root among the client CAs without rules that single out partners is not a warning
 * but an error: {@link PublicRootRules}.)
 */
public final class ConfigWarnings {

    private ConfigWarnings() {
    }

    /** Every warning for every listener, each prefixed with {@code listener NAME: }. */
    public static List<String> of(GatewayConfig config) {
        requireNonNull(config, "config");
        List<String> warnings = new ArrayList<>();
        config.listeners().forEach(listener -> warnings.addAll(of(listener)));
        return warnings;
    }

    /**
     * A listener's warnings: client certificates accepted without clientAuth in their extended key
     * usage ({@code accept_missing_client_auth_eku}), X.509 version 1 client certificates accepted
     * ({@code accept_v1_client_certs}).
     */
    public static List<String> of(ListenerConfig listener) {
        requireNonNull(listener, "listener");
        String prefix = "listener " + listener.name() + ": ";
        List<String> warnings = new ArrayList<>();
        if (!(listener.kind() instanceof ListenerKind.MutualTls mutualTls)) {
            return warnings; // no client certificates at all
        }
        if (mutualTls.tls().acceptMissingClientAuthEku()) {
            warnings.add(prefix + "accept_missing_client_auth_eku is on: client certificates whose extended key "
                    + "usage lacks clientAuth (e.g. server certificates) are accepted as client certificates; turn it "
                    + "off once clients have certificates issued for clientAuth");
        }
        if (mutualTls.tls().acceptV1ClientCerts()) {
            warnings.add(prefix + "accept_v1_client_certs is on: X.509 version 1 client certificates (no extensions:"
                    + " any purpose, any key usage) issued by the client CAs are accepted; a v1 intermediate is still"
                    + " refused. Turn it off once the CA issues v3 certificates (openssl x509 -req with -extfile)");
        }
        return warnings;
    }
}
