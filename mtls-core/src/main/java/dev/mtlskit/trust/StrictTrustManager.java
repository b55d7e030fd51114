package dev.mtlskit.trust;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.revocation.OnlineRevocation;
import dev.mtlskit.revocation.RevocationStatus;
import dev.mtlskit.validation.ChainValidator;
import dev.mtlskit.validation.ExpectedName;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.ValidationRequest;
import dev.mtlskit.validation.Verdict;

/**
 * Judges the peer's chain with mtls-kit's strict validator against fixed trust anchors and CRLs.
 * A client's chain must be valid for clientAuth; a server's for serverAuth and for the host the
 * connection was opened to (the engine's or socket's peer host, matched against subjectAltName
 * only). Works with the JDK's TLS stack and with Netty's (JDK and OpenSSL engines), which call the
 * engine and socket variants; the variants without a connection cannot check a server's name and
 * refuse servers.
 *
 * <p>Each {@link Judgement} is remembered (at most {@code cacheSize} chains, each for up to
 * {@code cacheTtl}, never past the expiry of a certificate in the chain or a trust anchor, the
 * next update of a CRL, or the start of a certificate not valid yet): a peer that reconnects, or
 * whose resumed session is judged again, costs a hash. The trust is fixed for the life of the
 * manager: new trust anchors or CRLs mean a new manager, so a judgement made under old trust is
 * never used under new trust.
 *
 * <p>A client chain that stops short is told apart: below an intermediate this end knows (given,
 * or seen in a client chain it accepted) it is {@code MISSING_INTERMEDIATE}, else {@code UNKNOWN_ISSUER}.
 *
 * <p>A refusal is a {@link RejectedCertificateException} (its message starts with the reason
 * code), or what {@link Builder#rejection} makes of it, e.g. an exception that tells an engine
 * which TLS alert to send. With {@link Builder#refuseInvalid refuseInvalid(false)} nothing is
 * refused here: the caller reads the {@link #judgeClient judgement} after the handshake (the
 * gateway's explain mode).
 *
 * <p>With {@link Builder#revocation online revocation}, a valid client chain is also checked
 * against the OCSP responders and CRL distribution points its certificates name: during the
 * handshake the check waits for their answers (so the engine must run verification off its event
 * loop: Netty's delegated tasks), and {@link #judgeClient} afterwards (a resumed session, an open
 * connection judged again) uses only the answers remembered, never waiting. Revocation answers are
 * not part of the remembered judgements: each handshake reads the current answer.
 */
public final class StrictTrustManager extends X509ExtendedTrustManager {

    /** Older versions are refused even if a caller enabled them. */
    private static final Set<String> REFUSED_PROTOCOLS = Set.of("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    static final int MAX_LEARNED_INTERMEDIATES = 64;

    /** How long a judgement is reused at most, by default. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
    /** Distinct chains remembered at most, by default. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private final List<X509Certificate> trustAnchors;
    private final List<X509CRL> crls;
    private final boolean refuseInvalid;
    private final boolean acceptServerOnlyClients;
    private final boolean acceptV1Clients;
    private final List<X509Certificate> knownIntermediates;
    /**
     * Intermediates of client chains accepted here (at most {@link #MAX_LEARNED_INTERMEDIATES}): a
     * later client of the same CA that forgets to send one is told so, not that its issuer is unknown.
     */
    private final Set<X509Certificate> learnedIntermediates = ConcurrentHashMap.newKeySet();
    private final Function<PeerIdentity, Map<String, String>> identityHeaders;
    private final Function<RejectedCertificateException, CertificateException> rejection;
    private final Duration cacheTtl;
    private final Clock clock;
    /** The earliest instant at which the trust itself changes its mind: an anchor expires or a CRL is due. */
    private final Instant trustChanges;
    private final VerdictCache cache;
    private final ChainValidator validator = new ChainValidator();
    /** OCSP and CRL distribution points, or {@code null} when nothing is asked online. */
    private final OnlineRevocation revocation;

    private StrictTrustManager(Builder builder) {
        this.revocation = builder.revocation;
        this.trustAnchors = builder.trustAnchors;
        this.crls = builder.crls;
        this.refuseInvalid = builder.refuseInvalid;
        this.acceptServerOnlyClients = builder.acceptServerOnlyClients;
        this.acceptV1Clients = builder.acceptV1Clients;
        this.knownIntermediates = builder.knownIntermediates;
        this.identityHeaders = builder.identityHeaders;
        this.rejection = builder.rejection;
        this.cacheTtl = builder.cacheTtl;
        this.clock = builder.clock;
        this.cache = new VerdictCache(builder.cacheSize);
        Instant changes = Instant.MAX;
        for (X509Certificate anchor : trustAnchors) {
            changes = earlier(changes, anchor.getNotAfter().toInstant());
        }
        for (X509CRL crl : crls) {
            if (crl.getNextUpdate() != null) {
                changes = earlier(changes, crl.getNextUpdate().toInstant());
            }
        }
        this.trustChanges = changes;
    }

    /** Trusts these CA certificates (and checks these CRLs); every other setting has its default. */
    public static Builder builder(List<X509Certificate> trustAnchors, List<X509CRL> crls) {
        return new Builder(trustAnchors, crls);
    }

    /**
     * The judgement on a client's chain (leaf first), remembered or made now; with online revocation,
     * under the answers remembered now (a certificate without one counts as unknown and is asked in
     * the background). Never waits for the network.
     */
    public Judgement judgeClient(List<X509Certificate> chain) {
        return withRevocation(judge(chain, PeerRole.CLIENT, null), false);
    }

    /** The online revocation checks of this trust, or {@code null} when nothing is asked online. */
    public OnlineRevocation revocation() {
        return revocation;
    }

    /** The judgement on a server's chain (leaf first) for the name the client connected to. */
    public Judgement judgeServer(List<X509Certificate> chain, ExpectedName name) {
        return judge(chain, PeerRole.SERVER, requireNonNull(name, "name"));
    }

    /** The trusted CA certificates, in the order given. */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    public List<X509CRL> crls() {
        return crls;
    }

    /** Chains remembered right now. */
    public int rememberedJudgements() {
        return cache.size();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkProtocol(engine == null ? null : engine.getHandshakeSession());
        checkClient(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkProtocol(socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
        checkClient(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkClient(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkProtocol(engine == null ? null : engine.getHandshakeSession());
        checkServer(chain, serverName(engine == null ? null : engine.getPeerHost()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        checkProtocol(session);
        checkServer(chain, serverName(session == null ? null : session.getPeerHost()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        serverName(null); // always refuses: without a connection there is no name to check
    }

    /** The trusted CAs: a server lists their names when it asks for a client certificate. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trustAnchors.toArray(X509Certificate[]::new);
    }

    private void checkClient(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            return; // no certificate: the engine's client-auth mode decides
        }
        // In the handshake: wait for the OCSP responders and distribution points not remembered yet.
        refuseIfInvalid(withRevocation(judge(List.of(chain), PeerRole.CLIENT, null), true));
    }

    /** The judgement, refused when the client's revocation status refuses it (revoked, or unknown in hard mode). */
    private Judgement withRevocation(Judgement judgement, boolean wait) {
        if (revocation == null || !judgement.verdict().valid()) {
            return judgement;
        }
        List<X509Certificate> path = judgement.verdict().path();
        RevocationStatus status = wait ? revocation.check(path) : revocation.remembered(path);
        if (!status.refuses()) {
            return judgement;
        }
        return new Judgement(new Verdict(false, status.reason(), status.certificate(), status.message(), status.fix(), path),
                null, Map.of());
    }

    private void checkServer(X509Certificate[] chain, ExpectedName name) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        refuseIfInvalid(judgeServer(List.of(chain), name));
    }

    private void refuseIfInvalid(Judgement judgement) throws CertificateException {
        if (refuseInvalid && !judgement.verdict().valid()) {
            throw rejection.apply(new RejectedCertificateException(judgement.verdict()));
        }
    }

    private Judgement judge(List<X509Certificate> chain, PeerRole role, ExpectedName name) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: the peer's certificate first)");
        }
        Instant now = clock.instant();
        ByteBuffer key = VerdictCache.key(chain, role.label(), name == null ? null : name.value());
        Judgement remembered = cache.get(key, now);
        if (remembered != null) {
            return remembered;
        }
        Verdict verdict = validate(chain, role, name, now);
        if (verdict.valid() && role == PeerRole.CLIENT) {
            learn(verdict.path());
        }
        Judgement judgement = Judgement.of(verdict, chain, identityHeaders);
        cache.put(key, judgement, now, rememberUntil(now, chain));
        return judgement;
    }

    private Verdict validate(List<X509Certificate> chain, PeerRole role, ExpectedName name, Instant now) {
        ValidationRequest.Builder request = ValidationRequest.builder().chain(chain).trustAnchors(trustAnchors)
                .crls(crls).expectedName(name).at(now).knownIntermediates(knownIntermediates)
                .knownIntermediates(List.copyOf(learnedIntermediates))
                .acceptV1(role == PeerRole.CLIENT && acceptV1Clients);
        Verdict verdict = validator.validate(request.role(role).build());
        if (!verdict.valid() && verdict.reason() == Reason.WRONG_PURPOSE && role == PeerRole.CLIENT
                && acceptServerOnlyClients && isServerCertificate(chain.get(0))) {
            // The operator accepts serverAuth-only partner certificates: every other check still applies.
            return validator.validate(request.role(null).build());
        }
        return verdict;
    }

    /** The intermediates of a valid path (neither its leaf nor its trust anchor), while there is room. */
    private void learn(List<X509Certificate> path) {
        boolean learned = false;
        for (int i = 1; i < path.size() - 1 && learnedIntermediates.size() < MAX_LEARNED_INTERMEDIATES; i++) {
            learned |= learnedIntermediates.add(path.get(i));
        }
        if (learned) {
            // A client refused as from an unknown issuer may be one that forgot this intermediate.
            cache.forget(judgement -> judgement.verdict().reason() == Reason.UNKNOWN_ISSUER);
        }
    }

    /** Until the judgement could change with time alone. */
    private Instant rememberUntil(Instant now, List<X509Certificate> chain) {
        Instant until = earlier(now.plus(cacheTtl), trustChanges);
        for (X509Certificate certificate : chain) {
            until = earlier(until, certificate.getNotAfter().toInstant());
            Instant notBefore = certificate.getNotBefore().toInstant();
            if (notBefore.isAfter(now)) {
                until = earlier(until, notBefore);
            }
        }
        return until;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static boolean isServerCertificate(X509Certificate leaf) {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            return usages != null && usages.contains(SERVER_AUTH);
        } catch (CertificateParsingException e) {
            return false;
        }
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

    /** Configures a {@link StrictTrustManager}; every setting but the trust is optional. */
    public static final class Builder {
        private final List<X509Certificate> trustAnchors;
        private final List<X509CRL> crls;
        private boolean refuseInvalid = true;
        private boolean acceptServerOnlyClients;
        private boolean acceptV1Clients;
        private List<X509Certificate> knownIntermediates = List.of();
        private Function<PeerIdentity, Map<String, String>> identityHeaders = identity -> Map.of();
        private Function<RejectedCertificateException, CertificateException> rejection = refused -> refused;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private Clock clock = Clock.systemUTC();
        private OnlineRevocation revocation;

        private Builder(List<X509Certificate> trustAnchors, List<X509CRL> crls) {
            this.trustAnchors = List.copyOf(trustAnchors);
            this.crls = List.copyOf(crls);
        }

        /**
         * {@code false}: an invalid chain does not fail the handshake; the judgement says why it is
         * invalid (the gateway answers the request with it in explain mode).
         */
        public Builder refuseInvalid(boolean refuse) {
            this.refuseInvalid = refuse;
            return this;
        }

        /**
         * Accept a client certificate whose extendedKeyUsage names serverAuth but not clientAuth
         * (public CAs issue serverAuth-only certificates since 2026); every other check applies.
         */
        public Builder acceptServerOnlyClientCertificates(boolean accept) {
            this.acceptServerOnlyClients = accept;
            return this;
        }

        /**
         * Accept X.509 version 1 client certificates (and a v1 trust anchor) from a private CA that
         * issues them; a v1 intermediate is refused all the same.
         */
        public Builder acceptV1ClientCertificates(boolean accept) {
            this.acceptV1Clients = accept;
            return this;
        }

        /**
         * CA certificates this end knows without trusting them (its own chain's intermediates): a
         * chain that stops below one of them is told to send it ({@code MISSING_INTERMEDIATE}) rather
         * than that its issuer is unknown.
         */
        public Builder knownIntermediates(List<X509Certificate> certificates) {
            this.knownIntermediates = List.copyOf(certificates);
            return this;
        }

        /** The identity header(s) made once per valid chain and remembered in its judgement. */
        public Builder identityHeaders(Function<PeerIdentity, Map<String, String>> headers) {
            this.identityHeaders = requireNonNull(headers, "headers");
            return this;
        }

        /** What is thrown for a refused chain, e.g. an engine's exception carrying the TLS alert to send. */
        public Builder rejection(Function<RejectedCertificateException, CertificateException> rejection) {
            this.rejection = requireNonNull(rejection, "rejection");
            return this;
        }

        /** How many chains are remembered, and for how long at most. */
        public Builder cache(int size, Duration ttl) {
            if (size < 1) {
                throw new IllegalArgumentException("size: " + size + " (expected: >= 1)");
            }
            requireNonNull(ttl, "ttl");
            this.cacheSize = size;
            this.cacheTtl = ttl;
            return this;
        }

        /**
         * Also check valid client chains online (OCSP, CRL distribution points). The handshake then
         * waits for answers: the engine must verify off its event loop.
         */
        public Builder revocation(OnlineRevocation revocation) {
            this.revocation = revocation;
            return this;
        }

        /** Where validation times come from (tests). */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        public StrictTrustManager build() {
            return new StrictTrustManager(this);
        }
    }
}
