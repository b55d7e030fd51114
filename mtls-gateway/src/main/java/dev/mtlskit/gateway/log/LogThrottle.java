package dev.mtlskit.gateway.log;

import static java.util.Objects.requireNonNull;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;


/**
 * At most one line per window for events alike, then one summary with their count, so that a flood
 * (a client retrying a refused handshake 1,000 times a second, an upstream that is down) costs a
 * line every few seconds, not one per event.
 *
 * <p>Events are alike when they share a kind, a reason and a source (a client address, an
 * upstream). The first of a window is logged at once; the others in the window are counted; when
 * the window ends, one line says how many there were: {@code FIRST LINE (and 1,234 more like this
 * from 127.0.0.1 in the last 10 s)}. A window that saw one event ends without a line.
 *
 * <p>Memory is bounded: at most {@code maxKeys} windows are open. When that many sources are
 * flooding at once, events from further sources share one window per kind and reason ("from other
 * addresses"), so that many addresses cannot grow the map. Windows are forgotten when they end.
 */
public final class LogThrottle {

    /** The window the gateway's logs use. */
    public static final Duration WINDOW = Duration.ofSeconds(10);
    /** How many distinct (kind, reason, source) windows may be open at once. */
    public static final int MAX_KEYS = 256;
    /** The source of the window shared by sources beyond {@link #MAX_KEYS}. */
    static final String OTHER_SOURCES = "other addresses";

    /**
     * Ends the windows of every throttle: one daemon thread while windows are open, none when all is
     * quiet (so a pending summary never keeps a stopping program alive).
     */
    private static final ScheduledExecutorService SUMMARIES = summaries();

    private final long windowNanos;
    private final String windowText;
    private final int maxKeys;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentMap<Key, Window> windows = new ConcurrentHashMap<>();

    public LogThrottle(Duration window, int maxKeys) {
        this(window, maxKeys, SUMMARIES);
    }

    /** @param scheduler ends windows (writes the summaries): never an event loop that serves clients */
    LogThrottle(Duration window, int maxKeys, ScheduledExecutorService scheduler) {
        if (window.isNegative() || window.isZero() || maxKeys <= 0) {
            throw new IllegalArgumentException("window and maxKeys must be positive: " + window + ", " + maxKeys);
        }
        this.windowNanos = window.toNanos();
        this.windowText = window.toMillis() % 1000 == 0 ? window.toSeconds() + " s" : window.toMillis() + " ms";
        this.maxKeys = maxKeys;
        this.scheduler = requireNonNull(scheduler, "scheduler");
    }

    /** The gateway's throttle: {@link #WINDOW}, {@link #MAX_KEYS}. */
    public static LogThrottle standard() {
        return new LogThrottle(WINDOW, MAX_KEYS);
    }

    /**
     * Logs {@code line} through {@code log} unless an event alike was logged in this window (then it
     * is only counted).
     *
     * @param kind what happened, e.g. "handshake failed"
     * @param reason why, e.g. "PLAIN_HTTP"
     * @param source who, e.g. the client's IP address (without the port) or the upstream
     * @param line the line, built only when it is logged
     * @param log writes a line (the summary too) at the right level
     */
    public void log(String kind, String reason, String source, Supplier<String> line, Consumer<String> log) {
        Key key = new Key(kind, reason, source);
        Window window = windows.get(key);
        if (window == null && windows.size() >= maxKeys) {
            key = new Key(kind, reason, OTHER_SOURCES);
            window = windows.get(key);
        }
        if (window != null && window.count()) {
            return;
        }
        Window opened = new Window(line.get(), key.source(), log);
        window = windows.putIfAbsent(key, opened);
        if (window != null) {
            // Another thread opened it first: this one is counted there.
            window.count();
            return;
        }
        log.accept(opened.firstLine);
        Key ended = key;
        scheduler.schedule(() -> end(ended, opened), windowNanos, TimeUnit.NANOSECONDS);
    }

    private static ScheduledExecutorService summaries() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mtls-log-summaries");
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(WINDOW.toSeconds(), TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Open windows (tests check that a flood from many addresses stays bounded). */
    int openWindows() {
        return windows.size();
    }

    private void end(Key key, Window window) {
        windows.remove(key, window);
        long more = window.close();
        if (more > 0) {
            window.log.accept(window.firstLine + " (and " + NumberFormat.getIntegerInstance(Locale.ROOT).format(more)
                    + " more like this from " + window.source + " in the last " + windowText + ")");
        }
    }

    private record Key(String kind, String reason, String source) {
    }

    private static final class Window {
        final String firstLine;
        final String source;
        final Consumer<String> log;
        /** Events after the first; -1 once closed (a late event then opens the next window). */
        private final AtomicLong more = new AtomicLong();

        Window(String firstLine, String source, Consumer<String> log) {
            this.firstLine = firstLine;
            this.source = source;
            this.log = log;
        }

        /** Counts one more event alike; false when the window has just closed. */
        boolean count() {
            long n;
            do {
                n = more.get();
                if (n < 0) {
                    return false;
                }
            } while (!more.compareAndSet(n, n + 1));
            return true;
        }

        long close() {
            return more.getAndSet(-1);
        }
    }
}
