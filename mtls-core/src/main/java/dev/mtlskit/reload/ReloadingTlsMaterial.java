package dev.mtlskit.reload;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.mtlskit.material.MaterialException;

/**
 * TLS material that follows its files: the current {@link TlsMaterial} snapshot, replaced by a
 * reload when the files hold new certificates.
 *
 * <p>A reload that fails (a file missing, garbage, half written, or a key that does not match the
 * certificate, as when the new certificate is in place but its key not yet) keeps the material in
 * use and reports the error: a bad file never leaves a server or client without a certificate.
 *
 * <p>{@link #watch(TlsFiles)} polls the files (every second by default) on one daemon thread and
 * reloads when their content changes; after a failed reload it tries again at every poll until a
 * reload succeeds. {@link #reloadNow()} reloads at once, e.g. on a signal or an admin request.
 *
 * <pre>{@code
 * try (ReloadingTlsMaterial material = ReloadingTlsMaterial.watch(files)) {
 *     material.addListener(result -> log.info("TLS material: {}", result));
 *     SSLContext context = ReloadingSslContexts.jdk(material, ConnectionEnd.CLIENT);
 *     ...
 * }
 * }</pre>
 */
public final class ReloadingTlsMaterial implements AutoCloseable {

    /** Cheap enough to be frequent: one stat per file per poll. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    private final TlsFiles files;
    private final AtomicReference<TlsMaterial> current;
    /** The snapshot before the current one: a handshake that chose it a moment ago can still finish with it. */
    private volatile TlsMaterial previous;
    private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();
    private final Object reloadLock = new Object();
    /** Message of the last failed reload, or {@code null} after a success; guarded by {@link #reloadLock}. */
    private String lastFailure;
    private volatile boolean failing;
    private final FileWatcher watcher;
    private final ScheduledExecutorService poller;

    private ReloadingTlsMaterial(TlsFiles files, Duration pollInterval) {
        this.files = requireNonNull(files, "files");
        // The watcher's first look comes before the load, so that a change in between is seen at the next poll.
        this.watcher = pollInterval == null ? null : new FileWatcher(files.files(), Clock.systemUTC());
        this.current = new AtomicReference<>(TlsMaterial.load(files));
        this.previous = current.get();
        if (pollInterval == null) {
            this.poller = null;
            return;
        }
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mtls-tls-reload " + files.files().get(0));
            thread.setDaemon(true);
            return thread;
        });
        long millis = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Loads the files once; reloads happen only through {@link #reloadNow()}. Throws
     * {@link MaterialException} naming the file and the fix when a file cannot be used.
     */
    public static ReloadingTlsMaterial load(TlsFiles files) {
        return new ReloadingTlsMaterial(files, null);
    }

    /** Loads the files and reloads them when they change, looking every {@link #DEFAULT_POLL_INTERVAL}. */
    public static ReloadingTlsMaterial watch(TlsFiles files) {
        return watch(files, DEFAULT_POLL_INTERVAL);
    }

    /** Loads the files and reloads them when they change, looking every {@code pollInterval}. */
    public static ReloadingTlsMaterial watch(TlsFiles files, Duration pollInterval) {
        requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.toMillis() < 10) {
            throw new IllegalArgumentException("pollInterval: " + pollInterval + " (expected: >= 10 ms)");
        }
        return new ReloadingTlsMaterial(files, pollInterval);
    }

    public TlsFiles files() {
        return files;
    }

    /** The material new handshakes use. */
    public TlsMaterial current() {
        return current.get();
    }

    /** Whether a poller is watching the files (until {@link #close()}). */
    public boolean isWatching() {
        return poller != null && !poller.isShutdown();
    }

    public void addListener(ReloadListener listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /**
     * Reads the files again and installs them if they hold new certificates; on failure keeps the
     * current material. Listeners hear of a change or a failure before this returns.
     */
    public ReloadResult reloadNow() {
        return reload(false);
    }

    /** Stops watching; the current material stays usable. */
    @Override
    public void close() {
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The current or the previous snapshot with this fingerprint, or {@code null}. */
    TlsMaterial recent(String fingerprint) {
        TlsMaterial now = current.get();
        if (now.fingerprint().equals(fingerprint)) {
            return now;
        }
        TlsMaterial before = previous;
        return before.fingerprint().equals(fingerprint) ? before : null;
    }

    /** One look at the files, as the poller takes it; package-private for tests that poll by hand. */
    void poll() {
        try {
            boolean changed = watcher.poll();
            if (changed || failing) {
                // Only a new error is reported, not the same one at every poll (or after a SIGHUP found it first).
                reload(true);
            }
        } catch (Throwable t) {
            // An exception would cancel the scheduled task: report it and keep watching.
            uncaught(t);
        }
    }

    private ReloadResult reload(boolean quietIfSameFailure) {
        synchronized (reloadLock) {
            TlsMaterial old = current.get();
            ReloadResult result;
            try {
                TlsMaterial fresh = TlsMaterial.load(files);
                if (fresh.sameAs(old)) {
                    result = failing ? new ReloadResult.Recovered(old) : new ReloadResult.Unchanged(old);
                } else {
                    previous = old;
                    current.set(fresh);
                    result = new ReloadResult.Changed(old, fresh);
                }
                lastFailure = null;
                failing = false;
            } catch (MaterialException e) {
                result = new ReloadResult.Failed(old, e, ReloadFailure.of(files, e.file()));
            } catch (RuntimeException e) {
                result = new ReloadResult.Failed(old, new MaterialException(null, "reloading the TLS material of "
                        + files.files().get(0) + " failed: " + e, e), ReloadFailure.CERTIFICATE_FILES_UNUSABLE);
            }
            boolean notify = result instanceof ReloadResult.Changed || result instanceof ReloadResult.Recovered;
            if (result instanceof ReloadResult.Failed failed) {
                String message = failed.error().getMessage();
                notify = !(quietIfSameFailure && Objects.equals(message, lastFailure));
                lastFailure = message;
                failing = true;
            }
            if (notify) {
                // Under the lock, so that listeners hear of reloads in the order they happened.
                notifyListeners(result);
            }
            return result;
        }
    }

    private void notifyListeners(ReloadResult result) {
        for (ReloadListener listener : listeners) {
            try {
                listener.onReload(result);
            } catch (RuntimeException e) {
                uncaught(e);
            }
        }
    }

    private static void uncaught(Throwable t) {
        Thread thread = Thread.currentThread();
        thread.getUncaughtExceptionHandler().uncaughtException(thread, t);
    }

    @Override
    public String toString() {
        return "ReloadingTlsMaterial[" + files.files().get(0) + ", " + current.get() + "]";
    }
}
