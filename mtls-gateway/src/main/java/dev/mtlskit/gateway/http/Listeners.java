package dev.mtlskit.gateway.http;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLException;

import dev.mtlskit.gateway.config.ListenerConfig;
import dev.mtlskit.gateway.config.UpstreamConfig;
import dev.mtlskit.gateway.log.RejectionLog;
import dev.mtlskit.gateway.tls.ServerTls;
import dev.mtlskit.gateway.tls.VerdictCache;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.PasswordSource;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/** Builds what a listener needs at run time from its configuration. */
public final class Listeners {

    private Listeners() {
    }

    /** The channel initializer of one listener, with its TLS context ready, forwarding to the gateway's {@code upstreams}. */
    public static ConnectionInitializer initializer(ListenerConfig listener, Upstreams upstreams, VerdictCache cache)
            throws SSLException {
        ServerTls tls = listener.plaintext() ? null : ServerTls.build(listener.tls(), cache,
                identity -> HeaderRules.identityHeaders(identity, listener.identityHeaders()), Clock.systemUTC());
        RejectionLog rejections = new RejectionLog(listener.name(), Clock.systemUTC());
        return new ConnectionInitializer(new ListenerRuntime(listener, tls, rejections, upstreams.byName()));
    }

    /** TLS to an https upstream: its CAs (or the JDK's), host name checked, and the gateway's client certificate. */
    static SslContext clientTls(UpstreamConfig upstream) throws SSLException {
        if (!"https".equals(upstream.uri().getScheme())) {
            return null;
        }
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(io.netty.handler.ssl.OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS")
                .protocols("TLSv1.3", "TLSv1.2");
        if (!upstream.caFiles().isEmpty()) {
            List<X509Certificate> cas = new ArrayList<>();
            for (java.nio.file.Path file : upstream.caFiles()) {
                cas.addAll(CertificateBundle.load(file, PasswordSource.none()).asWritten());
            }
            builder.trustManager(cas);
        }
        if (upstream.clientKey() != null) {
            KeyMaterial key = upstream.clientKey().keyStore() != null
                    ? KeyMaterial.loadKeyStore(upstream.clientKey().keyStore(), upstream.clientKey().password(), null)
                    : KeyMaterial.load(upstream.clientKey().certificate(), upstream.clientKey().key(), upstream.clientKey().password());
            builder.keyManager(key.privateKey(), key.chain());
        }
        return builder.build();
    }
}
