package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.MaterialException;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.policy.PublicRoots;
import dev.mtlskit.policy.PublicRoots.Exposure;

/**
 * A listener that trusts a public root for clients starts only when every route on it singles out
 * its partners: no route without allow rules, and every rule pins the certificate or names a
 * subjectAltName together with its issuer ({@link PublicRoots#exposures}). The configuration
 * reader reports each exposure at its line; {@link #problems} is the same check for a
 * configuration built in code, which {@link dev.mtlskit.gateway.Gateway#start} applies too, so
 * that no way of starting the gateway skips it. Listeners with private CAs only are not affected.
 */
public final class PublicRootRules {

    /** What a rule with a public root needs, as written in a configuration file. */
    static final String EXAMPLE_RULE = "{dns: partner.example, issuer: \"CN=R3,O=Let's Encrypt,C=US\"}";

    private PublicRootRules() {
    }

    /**
     * Every exposure of every listener, each as {@code listener NAME: problem: fix} (the fix in
     * terms of configuration keys). Empty when the configuration may start.
     */
    public static List<String> problems(GatewayConfig config) {
        requireNonNull(config, "config");
        List<String> problems = new ArrayList<>();
        for (ListenerConfig listener : config.listeners()) {
            for (Exposure exposure : exposures(listener)) {
                problems.add("listener " + listener.name() + ": " + exposure.problem() + ": " + fix(exposure.gap()));
            }
        }
        return problems;
    }

    /** The fix for one kind of exposure, in terms of configuration keys. */
    static String fix(PublicRoots.Gap gap) {
        return switch (gap) {
            case NO_ALLOW_RULE -> "add allow rules that name each partner by subjectAltName and issuing CA, e.g. "
                    + EXAMPLE_RULE + ", or pin its certificate (sha256: or spki:); or trust the public root on a "
                    + "listener of its own";
            case NO_ISSUER -> "add issuer: with the DN of the CA that issued the partner's certificate (mtls inspect "
                    + "shows it), e.g. " + EXAMPLE_RULE + ", or pin the certificate (sha256: or spki:)";
            case NO_PARTNER_NAME -> "name the partner by dns: (or uri:, email:) together with issuer:, e.g. "
                    + EXAMPLE_RULE + ", or pin its certificate (sha256: or spki:)";
        };
    }

    /**
     * The routes of one listener that public roots among its client CAs open to strangers (its
     * client CA files are loaded; one that cannot be is left to the TLS set-up to report).
     */
    public static List<Exposure> exposures(ListenerConfig listener) {
        requireNonNull(listener, "listener");
        if (!(listener.kind() instanceof ListenerKind.MutualTls mutualTls)) {
            return List.of(); // no client certificates at all
        }
        List<CertificateBundle> bundles = new ArrayList<>();
        for (Path file : mutualTls.tls().clientCaFiles()) {
            try {
                bundles.add(CertificateBundle.load(file, PasswordSource.none(ConfigFiles.PASSWORD_KEY)));
            } catch (MaterialException e) {
                // Reported where the file is named (reader) or when TLS is set up (Gateway.start).
            }
        }
        return PublicRoots.exposures(bundles, listener.policy());
    }
}
