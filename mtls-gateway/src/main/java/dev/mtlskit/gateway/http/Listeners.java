package dev.mtlskit.gateway.http;

import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.gateway.log.RejectionLog;
import dev.mtlskit.gateway.log.TlsReloadLog;
import dev.mtlskit.gateway.tls.ListenerTls;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.reload.TlsFiles;
import dev.mtlskit.tls.netty.ReloadingNettyContexts;

/** Builds what a listener needs at run time from its configuration. */
public final class Listeners {

    private Listeners() {
    }

    /**
     * The channel initializer of one listener, with its TLS ready and following its files (looked
     * at every {@code pollInterval}, or only on {@link ListenerTls#reloadNow()} when {@code null}),
     * forwarding to the gateway's {@code upstreams}.
     */
    public static ConnectionInitializer initializer(ListenerConfig listener, Upstreams upstreams, Duration pollInterval)
            throws SSLException {
        ListenerTls tls = null;
        if (!listener.plaintext()) {
            tls = tls(listener, pollInterval);
        }
        RejectionLog rejections = new RejectionLog(listener.name(), Clock.systemUTC());
        return new ConnectionInitializer(new ListenerRuntime(listener, tls, rejections, upstreams.byName()));
    }

    /** A listener's server TLS, following its files, with its reloads logged. */
    public static ListenerTls tls(ListenerConfig listener, Duration pollInterval) throws SSLException {
        ListenerTls tls = ListenerTls.start(listener.tls(), listener.identityHeaders(),
                identity -> HeaderRules.identityHeaders(identity, listener.identityHeaders()), pollInterval);
        TlsReloadLog.follow("listener " + listener.name(), "client CAs", tls.material(), tls.contexts(),
                "server certificate");
        return tls;
    }

    /**
     * TLS to an https upstream, following its files: its CAs (or the JDK's), host name checked, and
     * the gateway's client certificate if it has one; {@code null} for a plain-HTTP upstream.
     */
    static ReloadingNettyContexts clientTls(UpstreamConfig upstream, Duration pollInterval) throws SSLException {
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
            TlsReloadLog.follow("upstream " + upstream.name(), "CAs", material, contexts, "client certificate");
            return contexts;
        } catch (SSLException | RuntimeException e) {
            material.close();
            throw e;
        }
    }
}
