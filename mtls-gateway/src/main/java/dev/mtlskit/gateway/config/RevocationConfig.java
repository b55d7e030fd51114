package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

import dev.mtlskit.revocation.OnlineRevocation;
import dev.mtlskit.revocation.RevocationMode;

/**
 * Revocation learned online for a listener's clients ({@code tls.revocation} in YAML, {@code --ocsp},
 * {@code --crl-fetch}): the OCSP responders and CRL distribution points the client certificates name.
 * CRL files ({@code crl:}) are separate and always checked.
 *
 * @param ocsp how OCSP responders are used
 * @param crlFetch how CRL distribution points are used
 * @param timeout how long one fetch may take
 * @param refresh an answer is used at most this long after it was fetched (sooner when it expires sooner)
 */
public record RevocationConfig(RevocationMode ocsp, RevocationMode crlFetch, Duration timeout, Duration refresh) {

    /** Nothing is asked online (the default). */
    public static final RevocationConfig OFF = new RevocationConfig(RevocationMode.OFF, RevocationMode.OFF,
            OnlineRevocation.DEFAULT_TIMEOUT, OnlineRevocation.DEFAULT_REFRESH);

    public RevocationConfig {
        requireNonNull(ocsp, "ocsp");
        requireNonNull(crlFetch, "crlFetch");
        requireNonNull(timeout, "timeout");
        requireNonNull(refresh, "refresh");
        if (timeout.isZero() || timeout.isNegative() || refresh.isZero() || refresh.isNegative()) {
            throw new IllegalArgumentException("timeout and refresh must be positive: " + timeout + ", " + refresh);
        }
    }

    /** Whether any source is asked. */
    public boolean enabled() {
        return ocsp != RevocationMode.OFF || crlFetch != RevocationMode.OFF;
    }

    /** The checker these settings describe (its own threads: close it when done). */
    public OnlineRevocation start(OnlineRevocation.Observer observer) {
        return OnlineRevocation.builder().ocsp(ocsp).crlFetch(crlFetch).timeout(timeout).refresh(refresh)
                .observer(observer)
                // An event loop never waits for a responder: there a check reads what is remembered.
                .waitAllowed(() -> io.netty.util.internal.ThreadExecutorMap.currentExecutor() == null)
                .build();
    }
}
