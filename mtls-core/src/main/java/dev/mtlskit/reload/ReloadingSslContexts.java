package dev.mtlskit.reload;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import dev.mtlskit.trust.StrictTrustManager;

/**
 * JDK {@link SSLContext}s that follow a {@link ReloadingTlsMaterial}: each handshake takes the key,
 * chain and trust anchors of the snapshot current at that moment, so new connections use new
 * material while open ones are untouched. Usable wherever an {@code SSLContext} is: the JDK's
 * {@code HttpClient}, {@code HttpsURLConnection}, OkHttp, Apache HttpClient, Jetty.
 *
 * <p>The peer's chain is checked with mtls-kit's strict validator ({@link StrictTrustManager}, one per snapshot):
 * on the client side for serverAuth and the host the connection was opened to, on the server side
 * for clientAuth. Only TLS 1.3 and 1.2 are enabled; a server-side context requires a client
 * certificate.
 */
public final class ReloadingSslContexts {

    /**
     * Bounds how long a session made before a reload may be resumed through a server socket made
     * before it (engines get a fresh context after a reload); the JDK default is 24 h.
     */
    static final int SERVER_SESSION_TIMEOUT_SECONDS = 300;

    private ReloadingSslContexts() {
    }

    /** A context for {@code end} that always uses the current snapshot of {@code material}. */
    public static SSLContext jdk(ReloadingTlsMaterial material, ConnectionEnd end) {
        requireNonNull(material, "material");
        requireNonNull(end, "end");
        KeyManager[] keyManagers = {new ReloadingKeyManager(material)};
        return ModernTlsContextSpi.context(end, material, snapshot -> {
            TrustManager[] trustManagers = {StrictTrustManager.builder(snapshot.trustAnchors(), snapshot.crls()).build()};
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers, trustManagers, null);
                if (end == ConnectionEnd.SERVER) {
                    context.getServerSessionContext().setSessionTimeout(SERVER_SESSION_TIMEOUT_SECONDS);
                }
                return context;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK has no TLS implementation", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK refused a TLS context: " + e.getMessage(), e);
            }
        });
    }
}
