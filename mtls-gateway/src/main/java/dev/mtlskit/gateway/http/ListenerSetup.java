package dev.mtlskit.gateway.http;

import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.ListenerKind;
import dev.mtlskit.gateway.config.TlsConfig;
import dev.mtlskit.gateway.log.RejectionLog;
import dev.mtlskit.gateway.log.TlsReloadLog;
import dev.mtlskit.gateway.metrics.GatewayMetrics;
import dev.mtlskit.gateway.proxy.HeaderRules;
import dev.mtlskit.gateway.proxy.Upstreams;
import dev.mtlskit.gateway.tls.ListenerTls;

/** Builds what a listener needs at run time from its configuration. */
public final class ListenerSetup {

    private ListenerSetup() {
    }

    /**
     * The channel initializer of one listener, with its TLS ready and following its files (looked
     * at every {@code pollInterval}, or only on {@link ListenerTls#reloadNow()} when {@code null}),
     * forwarding to the gateway's {@code upstreams}.
     */
    public static ConnectionInitializer initializer(ListenerConfig listener, Upstreams upstreams, Duration pollInterval,
                                                    GatewayMetrics metrics) throws SSLException {
        // A plain-HTTP listener (mtls tunnel's) has no TLS of its own.
        ListenerTls tls = listener.kind() instanceof ListenerKind.MutualTls mutualTls
                ? tls(listener, mutualTls.tls(), pollInterval, metrics) : null;
        RejectionLog rejections = new RejectionLog(listener.name(), Clock.systemUTC());
        return new ConnectionInitializer(new ListenerRuntime(listener, tls, rejections, metrics.listener(listener.name()),
                upstreams.byName()));
    }

    /** An mTLS listener's server TLS, following its files, with its reloads logged. */
    public static ListenerTls tls(ListenerConfig listener, TlsConfig settings, Duration pollInterval,
                                  GatewayMetrics metrics) throws SSLException {
        ListenerTls tls = ListenerTls.start(settings, listener.identityHeaders(),
                identity -> HeaderRules.identityHeaders(identity, listener.identityHeaders()), pollInterval,
                metrics.listener(listener.name()).revocation());
        TlsReloadLog.follow("listener " + listener.name(), "client CAs", tls.material(), tls.contexts(),
                "server certificate", metrics);
        return tls;
    }
}
