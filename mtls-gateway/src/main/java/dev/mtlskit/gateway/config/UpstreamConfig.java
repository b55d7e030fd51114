package dev.mtlskit.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * An upstream the gateway forwards to.
 *
 * @param name how routes refer to it
 * @param uri {@code http://host:port}, {@code https://host:port}, or {@code echo:} for the built-in echo
 * @param clientKey the gateway's client certificate for mTLS to an https upstream, or {@code null}
 * @param caFiles CAs for an https upstream's certificate; empty for the JDK's default trust store
 * @param maxConnections connections to it at most
 */
public record UpstreamConfig(String name, URI uri, KeySource clientKey, List<Path> caFiles, int maxConnections) {

    public UpstreamConfig {
        caFiles = List.copyOf(caFiles);
    }
}
