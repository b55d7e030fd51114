package dev.mtlskit.gateway.log;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.names.Printable;

/**
 * One line per failed upstream connection or exchange on the logger {@code mtls.upstream}, with
 * its code, e.g. {@code tunnel: https://api.example:443 UNTRUSTED_ROOT: the upstream's certificate
 * was refused: … Fix: …}.
 *
 * <p>An upstream that is down fails every request: the same upstream, target and code are logged at most
 * once per {@link LogThrottle#WINDOW}, with a count of the others when it ends ({@link LogThrottle}),
 * so that an outage costs the event loops a line every few seconds, not one per request.
 */
public final class UpstreamLog {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.upstream");
    private static final LogThrottle THROTTLE = LogThrottle.standard();

    private UpstreamLog() {
    }

    /** @param upstream the upstream's name (the tunnel's is {@code tunnel}) */
    public static void failed(String upstream, URI target, UpstreamFailure failure) {
        THROTTLE.log("upstream " + upstream, failure.code().name(), target.toString(),
                () -> upstream + ": " + target + " " + failure.code().name() + ": " + Printable.of(failure.explanation()),
                LOG::warn);
    }
}
