package dev.mtlskit.revocation;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.security.auth.x500.X500Principal;

import dev.mtlskit.reason.Reason;
import dev.mtlskit.revocation.RevocationStatus.State;
import dev.mtlskit.validation.ChainValidator;
import dev.mtlskit.validation.ValidationRequest;
import dev.mtlskit.validation.Verdict;

/**
 * The revocation status of validated chains, learned online: from the OCSP responders their
 * certificates name (authorityInfoAccess) and from the CRLs at their distribution points, each
 * source {@link RevocationMode off, soft or hard}.
 *
 * <p>Answers are verified (OCSP: {@link OcspClient}; CRLs: the strict validator, so that a CRL it
 * cannot use, e.g. an indirect or partitioned one, gives an unknown status, never a good one) and
 * remembered per certificate until they expire: the OCSP nextUpdate or the CRL's nextUpdate, and at
 * most {@code refresh} after they were fetched; a failure is remembered {@link #FAILURE_TTL} so that
 * a responder that is down is not asked at every handshake. Fetches run on this object's own
 * threads, bounded by a timeout; callers asking about the same certificate (or CRL) at the same time
 * share one request. A handshake waits for the answer ({@link #check}); a resumed session or an
 * open connection only reads what is remembered ({@link #remembered}).
 *
 * <p>Certificates {@link #follow followed} (clients with open connections) are asked again ahead of
 * expiry; when the new answer refuses the client (revoked, or unknown in hard mode), the listeners
 * hear of it, so that the client's connections can be closed. Thread-safe.
 */
public final class OnlineRevocation implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** An answer is used at most this long after it was fetched, whatever its own expiry says. */
    public static final Duration DEFAULT_REFRESH = Duration.ofHours(1);
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    /** How long a failed fetch is remembered before the source is asked again. */
    static final Duration FAILURE_TTL = Duration.ofSeconds(5);
    /** How long an OCSP answer without nextUpdate (current only when made) is used. */
    static final Duration NO_NEXT_UPDATE_TTL = Duration.ofMinutes(5);
    /** CRLs kept at most (they can be large; a CA has one or a few). */
    static final int MAX_CRLS = 64;
    static final int FETCH_THREADS = 16;

    /** Hears of each check and fetch (metrics); called on the checking threads, so it must be quick. */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        /** A handshake's chain was checked ({@link #check}): good, revoked, unknown (refused or admitted), or not checked. */
        default void checked(RevocationStatus status) {
        }

        /** A source was asked: {@code ok} when a usable answer came. */
        default void fetched(Source source, boolean ok) {
        }
    }

    /** A connection's interest in its client's answers; closing it twice is harmless. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** Where an answer comes from. */
    public enum Source {
        OCSP, CRL;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What is remembered of one certificate from one source. */
    private record Remembered(RevocationStatus status, Instant fetched) {
        boolean freshAt(Instant now) {
            return now.isBefore(status.validUntil());
        }

        /** When a followed certificate is asked again: a fifth of the answer's life before it expires. */
        Instant refreshAt() {
            Duration life = Duration.between(fetched, status.validUntil());
            return status.validUntil().minus(life.dividedBy(5));
        }
    }

    private record Key(X509Certificate certificate, Source source) {
    }

    private record Crl(X509CRL crl, String failure, Instant validUntil) {
    }

    /** A certificate followed for one or more open connections, with its issuer. */
    private static final class Followed {
        final List<X509Certificate> path;
        final AtomicInteger connections = new AtomicInteger();

        Followed(List<X509Certificate> path) {
            this.path = path;
        }
    }

    private final RevocationMode ocsp;
    private final RevocationMode crlFetch;
    private final Duration timeout;
    private final Duration refresh;
    private final int cacheSize;
    private final Clock clock;
    private final OcspClient ocspClient;
    private final ChainValidator validator = new ChainValidator();
    private final Map<Key, Remembered> statuses = new ConcurrentHashMap<>();
    private final Map<Key, CompletableFuture<RevocationStatus>> asking = new ConcurrentHashMap<>();
    private final Map<String, Crl> crls = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Crl>> downloading = new ConcurrentHashMap<>();
    /** CRLs a refresh wants downloaded again although the one in hand has not expired yet. */
    private final Set<String> crlsDue = ConcurrentHashMap.newKeySet();
    private final Map<X509Certificate, Followed> followed = new ConcurrentHashMap<>();
    /** Per leaf (its DER): until when every answer its chain needs is remembered. */
    private final Map<java.nio.ByteBuffer, Instant> rememberedUntil = new ConcurrentHashMap<>();
    private final java.util.function.BooleanSupplier waitAllowed;
    private final List<Consumer<X509Certificate>> listeners = new CopyOnWriteArrayList<>();
    private final Observer observer;
    private final ThreadPoolExecutor fetchers;
    private final ScheduledExecutorService refresher;

    private OnlineRevocation(Builder builder) {
        this.ocsp = builder.ocsp;
        this.crlFetch = builder.crlFetch;
        this.timeout = builder.timeout;
        this.refresh = builder.refresh;
        this.cacheSize = builder.cacheSize;
        this.clock = builder.clock;
        this.observer = builder.observer;
        this.waitAllowed = builder.waitAllowed;
        this.ocspClient = new OcspClient(timeout, builder.nonce);
        AtomicInteger threads = new AtomicInteger();
        this.fetchers = new ThreadPoolExecutor(FETCH_THREADS, FETCH_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> daemon(runnable, "mtls-revocation-" + threads.incrementAndGet()));
        fetchers.allowCoreThreadTimeOut(true);
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "mtls-revocation-refresh"));
        long every = Math.max(250, Math.min(30_000, refresh.toMillis() / 10));
        refresher.scheduleWithFixedDelay(this::refreshFollowed, every, every, TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The status of a validated path (leaf first, trust anchor last): its worst certificate's. Asks
     * the sources of every certificate but the anchor whose answer is not remembered, and waits for
     * them (at most about the timeout): call it where blocking is allowed, never on an event loop.
     */
    public RevocationStatus check(List<X509Certificate> path) {
        // A thread that must not wait (an event loop) gets what is remembered, as after a handshake.
        return status(path, waitAllowed.getAsBoolean(), true);
    }

    /**
     * Whether every answer the chain of this leaf needs is remembered for at least another
     * {@code margin}: then {@link #check} will not wait for the network. Costs a hash of the leaf.
     */
    public boolean answersRemembered(byte[] leafDer, Duration margin) {
        Instant until = rememberedUntil.get(java.nio.ByteBuffer.wrap(leafDer));
        return until != null && clock.instant().plus(margin).isBefore(until);
    }

    /**
     * The status of a validated path from remembered answers only; never waits. A certificate with
     * no current answer counts as unknown ("not known yet") and is asked in the background.
     */
    public RevocationStatus remembered(List<X509Certificate> path) {
        return status(path, false, false);
    }

    /**
     * Keeps the path's answers fresh while the returned lease is open (a connection of its client):
     * they are asked again ahead of expiry, and listeners hear when a new answer refuses the client.
     */
    public Lease follow(List<X509Certificate> path) {
        if (path.size() < 2) {
            return () -> { };
        }
        X509Certificate leaf = path.get(0);
        Followed entry = followed.compute(leaf, (key, existing) -> {
            Followed f = existing != null ? existing : new Followed(List.copyOf(path));
            f.connections.incrementAndGet();
            return f;
        });
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                followed.computeIfPresent(leaf, (key, f) -> f.connections.decrementAndGet() <= 0 ? null : f);
            }
        };
    }

    /** {@code listener} hears of each followed leaf whose new answer refuses it (revoked, or unknown in hard mode). */
    public void addListener(Consumer<X509Certificate> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        fetchers.shutdownNow();
    }

    /** @param handshake whether a handshake's check: counted by the observer */
    private RevocationStatus status(List<X509Certificate> path, boolean wait, boolean handshake) {
        Instant now = clock.instant();
        RevocationStatus worst = null;
        Instant allUntil = Instant.MAX;
        boolean allRemembered = true;
        List<Key> pendingKeys = new ArrayList<>();
        List<CompletableFuture<RevocationStatus>> pending = new ArrayList<>();
        for (int i = 0; i < path.size() - 1; i++) {
            for (Source source : Source.values()) {
                if (mode(source) == RevocationMode.OFF) {
                    continue;
                }
                Key key = new Key(path.get(i), source);
                // A remembered answer means the certificate names the source: its extensions are not parsed again.
                Remembered remembered = statuses.get(key);
                if (remembered == null && !names(path.get(i), source)) {
                    continue;
                }
                if (remembered != null && remembered.freshAt(now)) {
                    worst = RevocationStatus.worse(worst, remembered.status());
                    allUntil = earlier(allUntil, remembered.status().validUntil());
                    continue;
                }
                allRemembered = false;
                CompletableFuture<RevocationStatus> asked = ask(key, path, i, false);
                if (wait) {
                    pendingKeys.add(key);
                    pending.add(asked);
                } else {
                    RevocationStatus known = asked.getNow(null);
                    worst = RevocationStatus.worse(worst, known != null ? known
                            : unknown(path.get(i), source, "no current answer is remembered for it; it is being asked now", now));
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (int p = 0; p < pending.size(); p++) {
            RevocationStatus answer = await(pending.get(p), deadline);
            Key key = pendingKeys.get(p);
            worst = RevocationStatus.worse(worst, answer != null ? answer
                    : unknown(key.certificate(), key.source(), "no answer came within " + HttpFetch.seconds(timeout), now));
        }
        if (allRemembered) {
            rememberUntil(path.get(0), allUntil);
        }
        RevocationStatus status = worst != null ? worst : new RevocationStatus(State.NOT_CHECKED, path.get(0), "",
                "No OCSP responder or CRL distribution point is named in the chain, so its revocation status was not checked online.",
                Instant.MAX, RevocationMode.SOFT);
        if (handshake) {
            observer.checked(status); // once per handshake: a resumed session or a re-check only reads
        }
        return status;
    }

    /** Notes that the leaf's chain needs no fetch until {@code until} (bounded: cleared when full). */
    private void rememberUntil(X509Certificate leaf, Instant until) {
        if (rememberedUntil.size() >= cacheSize) {
            rememberedUntil.clear();
        }
        try {
            rememberedUntil.put(java.nio.ByteBuffer.wrap(leaf.getEncoded()), until);
        } catch (java.security.cert.CertificateEncodingException e) {
            // not remembered: the next handshake of this client asks as the first did
        }
    }

    /** The answer, or {@code null} when none came in time (never taken as good). */
    private static RevocationStatus await(CompletableFuture<RevocationStatus> asked, long deadline) {
        try {
            return asked.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("revocation check failed: " + e.getCause(), e.getCause());
        }
    }

    private static boolean names(X509Certificate certificate, Source source) {
        return source == Source.OCSP ? !OcspClient.responders(certificate).isEmpty()
                : !CrlDownloads.distributionPoints(certificate).isEmpty();
    }

    /**
     * The answer being asked for {@code key}, shared with every caller asking at the same time.
     *
     * @param refresh a refresh ahead of expiry: asked unless another refresh just answered
     */
    private CompletableFuture<RevocationStatus> ask(Key key, List<X509Certificate> path, int index, boolean refresh) {
        CompletableFuture<RevocationStatus> mine = new CompletableFuture<>();
        CompletableFuture<RevocationStatus> theirs = asking.putIfAbsent(key, mine);
        if (theirs != null) {
            return theirs;
        }
        // A fetch that ended between the caller's look at the answers and now has remembered its answer
        // before leaving `asking`: use it rather than ask the responder a second time.
        Remembered answered = statuses.get(key);
        Instant now = clock.instant();
        if (answered != null && (refresh ? now.isBefore(answered.refreshAt()) : answered.freshAt(now))) {
            asking.remove(key, mine);
            mine.complete(answered.status());
            return mine;
        }
        List<X509Certificate> copy = List.copyOf(path);
        try {
            fetchers.execute(() -> {
                try {
                    Instant fetched = clock.instant();
                    RevocationStatus status = key.source() == Source.OCSP ? askOcsp(copy, index, fetched)
                            : askCrl(copy, index, fetched);
                    remember(key, new Remembered(status, fetched));
                    mine.complete(status);
                } catch (RuntimeException | Error e) {
                    mine.complete(unknown(key.certificate(), key.source(), "an internal error stopped the check ("
                            + (e.getMessage() == null ? "no detail" : e.getMessage()) + ")", clock.instant()));
                } finally {
                    asking.remove(key, mine);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            asking.remove(key, mine);
            mine.complete(unknown(key.certificate(), key.source(), "revocation checking has stopped", clock.instant()));
        }
        return mine;
    }

    private RevocationStatus askOcsp(List<X509Certificate> path, int index, Instant now) {
        X509Certificate certificate = path.get(index);
        X509Certificate issuer = path.get(index + 1);
        RevocationStatus failed = null;
        for (String url : OcspClient.responders(certificate)) {
            String source = "the OCSP responder at " + url;
            try {
                OcspClient.Answer answer = ocspClient.ask(certificate, issuer, url, now);
                observer.fetched(Source.OCSP, true);
                Instant until = earlier(answer.nextUpdate() != null ? answer.nextUpdate() : now.plus(NO_NEXT_UPDATE_TTL),
                        now.plus(refresh));
                if (answer.revoked()) {
                    return new RevocationStatus(State.REVOKED, certificate, source, "The certificate " + subject(certificate)
                            + " was revoked on " + answer.revokedAt()
                            + (answer.reason() == null || answer.reason() == java.security.cert.CRLReason.UNSPECIFIED ? ""
                            : " (reason: " + answer.reason() + ")") + ", says " + source + ".", until, ocsp);
                }
                if (answer.unknownToResponder()) {
                    return new RevocationStatus(State.UNKNOWN, certificate, source, "The revocation status of the certificate "
                            + subject(certificate) + " could not be learned: " + source
                            + " does not know it (it answered \"unknown\").", until, ocsp);
                }
                return new RevocationStatus(State.GOOD, certificate, source, capitalize(source) + " says the certificate "
                        + subject(certificate) + " is not revoked.", until, ocsp);
            } catch (HttpFetch.Failure e) {
                observer.fetched(Source.OCSP, false);
                if (failed == null) {
                    failed = unknown(certificate, Source.OCSP, source, source + " " + e.getMessage(), now);
                }
            }
        }
        return failed;
    }

    private RevocationStatus askCrl(List<X509Certificate> path, int index, Instant now) {
        X509Certificate certificate = path.get(index);
        List<X509CRL> found = new ArrayList<>();
        List<String> from = new ArrayList<>();
        String failure = null;
        String failedUrl = null;
        Instant until = now.plus(refresh);
        for (String url : CrlDownloads.distributionPoints(certificate)) {
            Crl crl = crl(url, now);
            if (crl.crl() == null) {
                if (failure == null) {
                    failure = "the CRL distribution point " + url + " " + crl.failure();
                    failedUrl = url;
                }
                until = earlier(until, crl.validUntil());
                continue;
            }
            found.add(crl.crl());
            from.add(url);
            until = earlier(until, crl.validUntil());
        }
        if (found.isEmpty()) {
            return unknown(certificate, Source.CRL, "the CRL distribution point " + failedUrl, failure, now);
        }
        String source = "the CRL at " + String.join(" and ", from);
        if (!covers(found, certificate)) {
            return new RevocationStatus(State.UNKNOWN, certificate, source, "The revocation status of the certificate "
                    + subject(certificate) + " could not be learned: " + source + " is issued by "
                    + found.get(0).getIssuerX500Principal().getName() + ", not by the certificate's CA.", until, crlFetch);
        }
        ValidationRequest request = ValidationRequest.builder().chain(path.subList(0, path.size() - 1))
                .trustAnchors(List.of(path.get(path.size() - 1))).crls(found).at(now).acceptV1(true).role(null).build();
        Verdict verdict = validator.validate(request);
        if (verdict.valid()) {
            return new RevocationStatus(State.GOOD, certificate, source, capitalize(source) + " does not list the certificate "
                    + subject(certificate) + ".", until, crlFetch);
        }
        if (verdict.reason() == Reason.REVOKED) {
            return new RevocationStatus(State.REVOKED, certificate, source, withoutPeriod(verdict.message())
                    + " (" + source + ").", until, crlFetch);
        }
        // Expired, badly signed, or a CRL the validator cannot use (indirect, partitioned): unknown, never good.
        return new RevocationStatus(State.UNKNOWN, certificate, source, "The revocation status of the certificate "
                + subject(certificate) + " could not be learned from " + source + ": " + lowerFirst(verdict.message()),
                earlier(until, now.plus(FAILURE_TTL)), crlFetch);
    }

    /** Whether one of the CRLs is issued by the certificate's issuer (or names it as a cRLIssuer of its own). */
    private static boolean covers(List<X509CRL> found, X509Certificate certificate) {
        X500Principal issuer = certificate.getIssuerX500Principal();
        for (X509CRL crl : found) {
            if (crl.getIssuerX500Principal().equals(issuer)) {
                return true;
            }
        }
        // An indirect CRL: the validator decides whether it may speak for the certificate.
        return !found.isEmpty() && found.stream().anyMatch(OnlineRevocation::isIndirect);
    }

    private static boolean isIndirect(X509CRL crl) {
        byte[] idp = crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.issuingDistributionPoint.getId());
        if (idp == null) {
            return false;
        }
        try {
            return org.bouncycastle.asn1.x509.IssuingDistributionPoint.getInstance(
                    org.bouncycastle.asn1.ASN1OctetString.getInstance(idp).getOctets()).isIndirectCRL();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The CRL at {@code url}: remembered, or downloaded now (callers asking at the same time share one download). */
    private Crl crl(String url, Instant now) {
        Crl known = crls.get(url);
        if (known != null && now.isBefore(known.validUntil()) && !crlsDue.contains(url)) {
            return known;
        }
        CompletableFuture<Crl> mine = new CompletableFuture<>();
        CompletableFuture<Crl> theirs = downloading.putIfAbsent(url, mine);
        if (theirs != null) {
            return theirs.join();
        }
        try {
            Crl crl;
            try {
                X509CRL downloaded = CrlDownloads.download(url, timeout);
                observer.fetched(Source.CRL, true);
                Instant until = now.plus(refresh);
                if (downloaded.getNextUpdate() != null && downloaded.getNextUpdate().toInstant().isAfter(now)) {
                    until = earlier(until, downloaded.getNextUpdate().toInstant());
                } else {
                    until = earlier(until, now.plus(FAILURE_TTL)); // expired already: ask again soon
                }
                crl = new Crl(downloaded, null, until);
            } catch (HttpFetch.Failure e) {
                observer.fetched(Source.CRL, false);
                // A refresh ahead of expiry that failed: the CRL in hand holds until it expires.
                crl = known != null && known.crl() != null && now.isBefore(known.validUntil()) ? known
                        : new Crl(null, e.getMessage(), now.plus(FAILURE_TTL));
            }
            if (crls.size() >= MAX_CRLS) {
                crls.values().removeIf(c -> !now.isBefore(c.validUntil()));
                Iterator<String> urls = crls.keySet().iterator();
                while (crls.size() >= MAX_CRLS && urls.hasNext()) {
                    urls.next();
                    urls.remove();
                }
            }
            crls.put(url, crl);
            mine.complete(crl);
            return crl;
        } finally {
            crlsDue.remove(url); // the next refresh round asks again when it is still due
            downloading.remove(url, mine);
        }
    }

    private void remember(Key key, Remembered remembered) {
        Remembered current = statuses.get(key);
        if (remembered.status().state() == State.UNKNOWN && current != null && current.freshAt(remembered.fetched())
                && current.status().state() != State.UNKNOWN) {
            // A refresh ahead of expiry that failed: the answer in hand holds until it expires (asked again meanwhile).
            return;
        }
        Remembered previous = statuses.put(key, remembered);
        if (statuses.size() > cacheSize) {
            Instant now = clock.instant();
            statuses.entrySet().removeIf(e -> !e.getValue().freshAt(now));
            Iterator<Key> keys = statuses.keySet().iterator();
            int excess = statuses.size() - cacheSize * 9 / 10;
            while (excess > 0 && keys.hasNext()) {
                Key next = keys.next();
                if (!followed.containsKey(next.certificate())) {
                    keys.remove();
                    excess--;
                }
            }
        }
        boolean nowRefused = remembered.status().refuses();
        boolean wasRefused = previous != null && previous.status().refuses() && previous.freshAt(remembered.fetched());
        if (nowRefused && !wasRefused) {
            notifyRefused(key.certificate());
        }
    }

    /** Tells the listeners about the followed leaves whose path holds {@code certificate}. */
    private void notifyRefused(X509Certificate certificate) {
        for (Followed f : followed.values()) {
            if (f.path.contains(certificate)) {
                for (Consumer<X509Certificate> listener : listeners) {
                    try {
                        listener.accept(f.path.get(0));
                    } catch (RuntimeException e) {
                        // one listener's failure must not keep the others from hearing
                    }
                }
            }
        }
    }

    /** Asks again, ahead of expiry, about every certificate of a followed path. */
    private void refreshFollowed() {
        try {
            Instant now = clock.instant();
            Set<Key> due = new java.util.HashSet<>();
            for (Followed f : followed.values()) {
                for (int i = 0; i < f.path.size() - 1; i++) {
                    for (Source source : Source.values()) {
                        Key key = new Key(f.path.get(i), source);
                        if (mode(source) == RevocationMode.OFF || !due.add(key)) {
                            continue;
                        }
                        Remembered remembered = statuses.get(key);
                        if (remembered == null && !names(key.certificate(), source)) {
                            continue;
                        }
                        if (remembered == null || !now.isBefore(remembered.refreshAt())) {
                            if (source == Source.CRL) {
                                for (String url : CrlDownloads.distributionPoints(key.certificate())) {
                                    Crl crl = crls.get(url);
                                    if (crl != null && !now.isBefore(earlier(crl.validUntil(), remembered == null
                                            ? crl.validUntil() : remembered.refreshAt()))) {
                                        crlsDue.add(url); // a refresh downloads the CRL again
                                    }
                                }
                            }
                            ask(key, f.path, i, true);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // the next round tries again
        }
    }

    private RevocationStatus unknown(X509Certificate certificate, Source source, String why, Instant now) {
        List<String> urls = source == Source.OCSP ? OcspClient.responders(certificate) : CrlDownloads.distributionPoints(certificate);
        String from = (source == Source.OCSP ? "the OCSP responder" : "the CRL distribution point")
                + (urls.isEmpty() ? "" : (source == Source.OCSP ? " at " : " ") + urls.get(0));
        return unknown(certificate, source, from, why, now);
    }

    /** @param from who was asked, e.g. "the OCSP responder at http://…/" */
    private RevocationStatus unknown(X509Certificate certificate, Source source, String from, String why, Instant now) {
        return new RevocationStatus(State.UNKNOWN, certificate, from,
                "The revocation status of the certificate " + subject(certificate) + " could not be learned: " + why
                        + (why.endsWith(".") ? "" : "."),
                now.plus(FAILURE_TTL), mode(source));
    }

    private RevocationMode mode(Source source) {
        return source == Source.OCSP ? ocsp : crlFetch;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String subject(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName();
        return name.isEmpty() ? "with serial " + certificate.getSerialNumber().toString(16) : name;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String withoutPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Configures {@link OnlineRevocation}; both sources are off unless set. */
    public static final class Builder {
        private RevocationMode ocsp = RevocationMode.OFF;
        private RevocationMode crlFetch = RevocationMode.OFF;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration refresh = DEFAULT_REFRESH;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private boolean nonce = true;
        private Clock clock = Clock.systemUTC();
        private Observer observer = Observer.NONE;
        private java.util.function.BooleanSupplier waitAllowed = () -> true;

        private Builder() {
        }

        public Builder ocsp(RevocationMode mode) {
            this.ocsp = requireNonNull(mode, "mode");
            return this;
        }

        public Builder crlFetch(RevocationMode mode) {
            this.crlFetch = requireNonNull(mode, "mode");
            return this;
        }

        /** How long one fetch may take (connect, send, receive). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
            }
            this.timeout = timeout;
            return this;
        }

        /** An answer is used at most this long after it was fetched (sooner if it expires sooner). */
        public Builder refresh(Duration refresh) {
            if (refresh.isNegative() || refresh.isZero()) {
                throw new IllegalArgumentException("refresh: " + refresh + " (expected: > 0)");
            }
            this.refresh = refresh;
            return this;
        }

        public Builder cacheSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("size: " + size + " (expected: >= 1)");
            }
            this.cacheSize = size;
            return this;
        }

        /** Whether OCSP requests carry a nonce (checked when the answer echoes it). */
        public Builder nonce(boolean nonce) {
            this.nonce = nonce;
            return this;
        }

        /** Hears of each check and fetch, e.g. to count them. */
        public Builder observer(Observer observer) {
            this.observer = requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Whether the calling thread may wait for the network in {@link #check} (the gateway: not on
         * an event loop, where a check reads only what is remembered).
         */
        public Builder waitAllowed(java.util.function.BooleanSupplier allowed) {
            this.waitAllowed = requireNonNull(allowed, "allowed");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        public OnlineRevocation build() {
            return new OnlineRevocation(this);
        }
    }
}
