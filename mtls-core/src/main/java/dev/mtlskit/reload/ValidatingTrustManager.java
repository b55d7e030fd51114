package dev.mtlskit.reload;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.mtlskit.validation.ChainValidator;
import dev.mtlskit.validation.ExpectedName;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.ValidationRequest;
import dev.mtlskit.validation.Verdict;

/**
 * Judges the peer's chain with mtls-kit's strict validator against the trust anchors and CRLs of
 * the current snapshot, read at each handshake. A client's chain must be valid for clientAuth; a
 * server's for serverAuth and for the host the connection was opened to (the engine's or socket's
 * peer host, matched against subjectAltName only). A refusal is a {@link RejectedCertificateException}
 * whose message starts with the reason code.
 *
 * <p>Works with the JDK's TLS stack and with Netty's (JDK and OpenSSL providers), which call the
 * engine and socket variants; the variants without a connection cannot check a server's name and
 * refuse servers.
 *
 * <p>A chain found valid is remembered for up to five minutes (never beyond the expiry of a
 * certificate in it or the next update of a CRL), for the snapshot it was checked against: the
 * same peer connecting again costs a hash instead of a validation. Refusals are not remembered.
 */
public final class ValidatingTrustManager extends X509ExtendedTrustManager {

    /** Older versions are refused even if a caller enabled them. */
    private static final Set<String> REFUSED_PROTOCOLS = Set.of("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");

    /** How long a valid verdict is reused at most. */
    static final Duration VALID_VERDICT_TTL = Duration.ofMinutes(5);
    /** Distinct valid chains remembered per snapshot; beyond this the memory starts over. */
    private static final int MAX_REMEMBERED = 4096;

    /** The chains found valid against one snapshot, each with the time it must be checked again. */
    private record Remembered(TlsMaterial snapshot, Map<ByteBuffer, Instant> validUntil) {
    }

    private final Supplier<TlsMaterial> material;
    private final Clock clock;
    private final ChainValidator validator = new ChainValidator();
    private volatile Remembered remembered;

    private ValidatingTrustManager(Supplier<TlsMaterial> material, Clock clock) {
        this.material = requireNonNull(material, "material");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Trusts what the current snapshot of {@code material} trusts, at each handshake. */
    public static ValidatingTrustManager following(ReloadingTlsMaterial material) {
        requireNonNull(material, "material");
        return new ValidatingTrustManager(material::current, Clock.systemUTC());
    }

    /** Trusts what {@code snapshot} trusts. */
    public static ValidatingTrustManager of(TlsMaterial snapshot) {
        return of(snapshot, Clock.systemUTC());
    }

    /** Trusts what {@code snapshot} trusts, validating at the times {@code clock} tells. */
    static ValidatingTrustManager of(TlsMaterial snapshot, Clock clock) {
        requireNonNull(snapshot, "snapshot");
        return new ValidatingTrustManager(() -> snapshot, clock);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkProtocol(engine == null ? null : engine.getHandshakeSession());
        check(chain, PeerRole.CLIENT, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkProtocol(socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
        check(chain, PeerRole.CLIENT, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, PeerRole.CLIENT, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        SSLSession session = engine == null ? null : engine.getHandshakeSession();
        checkProtocol(session);
        check(chain, PeerRole.SERVER, serverName(engine == null ? null : engine.getPeerHost()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        checkProtocol(session);
        check(chain, PeerRole.SERVER, serverName(session == null ? null : session.getPeerHost()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        serverName(null); // always refuses: without a connection there is no name to check
    }

    /** The trusted CAs: a server lists their names when it asks for a client certificate. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return material.get().trustAnchors().toArray(X509Certificate[]::new);
    }

    private void check(X509Certificate[] chain, PeerRole role, ExpectedName name) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the " + role.label() + " sent no certificate");
        }
        TlsMaterial snapshot = material.get();
        Instant now = clock.instant();
        Map<ByteBuffer, Instant> valid = rememberedFor(snapshot);
        ByteBuffer key = key(chain, role, name);
        Instant until = valid.get(key);
        if (until != null && now.isBefore(until)) {
            return;
        }
        Verdict verdict = validator.validate(ValidationRequest.builder()
                .chain(List.of(chain))
                .trustAnchors(snapshot.trustAnchors())
                .crls(snapshot.crls())
                .role(role)
                .expectedName(name)
                .at(now)
                .build());
        if (!verdict.valid()) {
            throw new RejectedCertificateException(verdict);
        }
        if (valid.size() >= MAX_REMEMBERED) {
            valid.clear();
        }
        valid.put(key, validUntil(now, chain, snapshot));
    }

    private Map<ByteBuffer, Instant> rememberedFor(TlsMaterial snapshot) {
        Remembered current = remembered;
        if (current == null || current.snapshot() != snapshot) {
            current = new Remembered(snapshot, new ConcurrentHashMap<>());
            remembered = current;
        }
        return current.validUntil();
    }

    /** Until the verdict could change with time alone: a certificate expires or a CRL needs its successor. */
    private static Instant validUntil(Instant now, X509Certificate[] chain, TlsMaterial snapshot) {
        Instant until = now.plus(VALID_VERDICT_TTL);
        for (X509Certificate certificate : chain) {
            until = earlier(until, certificate.getNotAfter().toInstant());
        }
        for (X509Certificate anchor : snapshot.trustAnchors()) {
            until = earlier(until, anchor.getNotAfter().toInstant());
        }
        for (X509CRL crl : snapshot.crls()) {
            if (crl.getNextUpdate() != null) {
                until = earlier(until, crl.getNextUpdate().toInstant());
            }
        }
        return until;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** SHA-256 of what the verdict depends on besides the snapshot and the time. */
    private static ByteBuffer key(X509Certificate[] chain, PeerRole role, ExpectedName name)
            throws CertificateException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        digest.update((role.label() + "\n" + (name == null ? "" : name.value()) + "\n").getBytes(StandardCharsets.UTF_8));
        for (X509Certificate certificate : chain) {
            byte[] encoded = certificate.getEncoded();
            digest.update(ByteBuffer.allocate(4).putInt(encoded.length).array());
            digest.update(encoded);
        }
        return ByteBuffer.wrap(digest.digest());
    }

    private static ExpectedName serverName(String host) throws CertificateException {
        if (host == null || host.isBlank()) {
            throw new CertificateException("no host name to check the server certificate against: open the "
                    + "connection with the server's name (SSLContext.createSSLEngine(host, port), "
                    + "SSLSocketFactory.createSocket(host, port), or Netty's newHandler(alloc, host, port))");
        }
        try {
            return ExpectedName.of(host);
        } catch (IllegalArgumentException e) {
            throw new CertificateException("the server's host '" + host + "' is not a valid name or address", e);
        }
    }

    private static void checkProtocol(SSLSession session) throws CertificateException {
        String protocol = session == null ? null : session.getProtocol();
        if (protocol != null && REFUSED_PROTOCOLS.contains(protocol)) {
            throw new CertificateException(protocol + " is refused: mtls-kit speaks TLS 1.2 and 1.3 only");
        }
    }
}
