package dev.mtlskit.gateway.tls;

import static java.util.Objects.requireNonNull;

import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.validation.Verdict;

/**
 * What a client chain earned: the verdict and, when valid, the identity read from it. Cached
 * together, so that a client that reconnects costs neither a validation nor a certificate parse.
 *
 * @param verdict the validator's verdict
 * @param identity the identity of the validated path, or {@code null} when the verdict is invalid
 */
public record Judgement(Verdict verdict, PeerIdentity identity) {

    public Judgement {
        requireNonNull(verdict, "verdict");
    }

    static Judgement of(Verdict verdict, java.util.List<java.security.cert.X509Certificate> presented) {
        if (!verdict.valid()) {
            return new Judgement(verdict, null);
        }
        return new Judgement(verdict, PeerIdentity.of(verdict.path().isEmpty() ? presented : verdict.path()));
    }
}
