package dev.mtlskit.gateway.log;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mtlskit.names.Printable;

/**
 * One line per failed upstream connection or exchange on the logger {@code mtls.upstream}, with
 * its code, e.g. {@code tunnel: https://api.example:443 UNTRUSTED_ROOT: the upstream's certificate
 * was refused: … Fix: …}.
 */
public final class UpstreamLog {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.upstream");

    private UpstreamLog() {
    }

    /** @param upstream the upstream's name (the tunnel's is {@code tunnel}) */
    public static void failed(String upstream, URI target, UpstreamFailure failure) {
        LOG.warn("{}: {} {}: {}", upstream, target, failure.code(), Printable.of(failure.explanation()));
    }
}
