package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.MaterialException;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.policy.PublicRoots;

/**
 * What the gateway should log at start: settings that are valid but risky. Nothing here stops the
 * start; each warning names the listener, the risk and the fix.
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
     * A listener's warnings: public roots among the client CAs with routes that let in any of their
     * certificates ({@link PublicRoots#warnings}), and certificates accepted without clientAuth.
     */
    public static List<String> of(ListenerConfig listener) {
        requireNonNull(listener, "listener");
        String prefix = "listener " + listener.name() + ": ";
        List<String> warnings = new ArrayList<>();
        if (listener.plaintext()) {
            return warnings; // no client CAs, nothing accepted by identity
        }
        List<CertificateBundle> bundles = new ArrayList<>();
        for (Path file : listener.tls().clientCaFiles()) {
            try {
                bundles.add(CertificateBundle.load(file, PasswordSource.none(ConfigFiles.PASSWORD_KEY)));
            } catch (MaterialException e) {
                // The loader checked the file; if it changed since, the TLS set-up reports it.
            }
        }
        PublicRoots.warnings(bundles, listener.policy()).forEach(warning -> warnings.add(prefix + warning));
        if (listener.tls().acceptMissingClientAuthEku()) {
            warnings.add(prefix + "accept_missing_client_auth_eku is on: client certificates whose extended key "
                    + "usage lacks clientAuth (e.g. server certificates) are accepted as client certificates; turn it "
                    + "off once clients have certificates issued for clientAuth");
        }
        return warnings;
    }
}
