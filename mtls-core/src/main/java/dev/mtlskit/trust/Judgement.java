package dev.mtlskit.trust;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.validation.Verdict;

/**
 * What did a peer's chain earn at this end? The {@link dev.mtlskit.validation.Verdict} and, when
 * valid, the identity read from it and the identity header(s) made of it. Cached together by the {@link StrictTrustManager} (one per trust
 * and identity-header setting), so that a client that reconnects costs neither a validation, nor
 * a certificate parse, nor a header encoding.
 *
 * @param verdict the validator's verdict
 * @param identity the identity of the validated path, or {@code null} when the verdict is invalid
 * @param identityHeaders the identity header(s) for upstreams; empty without identity
 */
public record Judgement(Verdict verdict, PeerIdentity identity, Map<String, String> identityHeaders) {

    public Judgement {
        requireNonNull(verdict, "verdict");
        identityHeaders = Map.copyOf(identityHeaders);
        if (identity == null && !identityHeaders.isEmpty()) {
            throw new IllegalArgumentException("identity headers without an identity: " + identityHeaders.keySet());
        }
    }

    /** @param identityHeaders the listener's identity header(s) of an identity */
    static Judgement of(Verdict verdict, List<X509Certificate> presented,
                        Function<PeerIdentity, Map<String, String>> identityHeaders) {
        if (!verdict.valid()) {
            return new Judgement(verdict, null, Map.of());
        }
        PeerIdentity identity = PeerIdentity.of(verdict.path().isEmpty() ? presented : verdict.path());
        return new Judgement(verdict, identity, identityHeaders.apply(identity));
    }
}
