package dev.mtlskit.gateway.proxy;

import java.time.Duration;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.gateway.log.TlsReloadLog;
import dev.mtlskit.gateway.metrics.GatewayMetrics;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.reload.TlsFiles;
import dev.mtlskit.tls.netty.ReloadingNettyContexts;

/** The gateway's client TLS towards an https upstream. */
final class UpstreamTls {

    private UpstreamTls() {
    }

    /**
     * TLS to an https upstream, following its files: its CAs (or the JDK's), host name checked, and
     * the gateway's client certificate if it has one; {@code null} for a plain-HTTP upstream.
     */
    static ReloadingNettyContexts contexts(UpstreamConfig upstream, Duration pollInterval, GatewayMetrics metrics)
            throws SSLException {
        if (!upstream.isHttps()) {
            return null;
        }
        TlsFiles.Builder files = upstream.clientKey() != null ? upstream.clientKey().tlsFiles() : TlsFiles.builder();
        upstream.caFiles().forEach(files::addTrustedCertificates);
        if (upstream.caFiles().isEmpty()) {
            files.trustJdkRoots();
        }
        TlsFiles built = files.build();
        ReloadingTlsMaterial material = pollInterval == null ? ReloadingTlsMaterial.load(built)
                : ReloadingTlsMaterial.watch(built, pollInterval);
        try {
            ReloadingNettyContexts contexts = ReloadingNettyContexts.forClient(material).build();
            TlsReloadLog.follow("upstream " + upstream.name(), "CAs", material, contexts, "client certificate", metrics);
            return contexts;
        } catch (SSLException | RuntimeException e) {
            material.close();
            throw e;
        }
    }
}
