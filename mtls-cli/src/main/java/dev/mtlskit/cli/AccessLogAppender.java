package dev.mtlskit.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * The access log's appender: each event's message is one line, handed to a writer thread that
 * writes whatever has gathered in one go. An event loop only puts the line in a bounded queue; it
 * never waits for the destination and, while the writer is busy or lingering, never wakes it.
 *
 * <p>Why not Logback's asynchronous appender over a console or file appender: that wakes its writer
 * for nearly every line (a futex call on the event loop) and writes and flushes each line on its
 * own (a system call per request); together with the JSON tree then built per line, the access log
 * cost 55–60 % more CPU per keep-alive request than no access log (bench A/B).
 *
 * <p>The writer lingers {@link #LINGER_MILLIS} ms after each write so that busy traffic is written
 * in batches; a line of a quiet gateway is written at once. When the queue is full (the
 * destination is slower than the requests) lines are dropped, counted and reported on standard
 * error, at most every {@link #DROP_REPORT_SECONDS} s.
 */
public final class AccessLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final int CAPACITY = 8192;
    static final long LINGER_MILLIS = 5;
    static final long DROP_REPORT_SECONDS = 10;
    private static final int BATCH = 4096;
    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    /** Why the last write failed (a full disk, a closed pipe), until the drop report says so. */
    private volatile String failure;
    /** Lines queued, and lines the writer is done with (written or failed): what {@link #flush} waits for. */
    private final AtomicLong queued = new AtomicLong();
    private volatile long done;
    private volatile boolean idle;
    private volatile boolean running;
    private Thread writer;
    private OutputStream target;
    private OutputStream out;

    /** To standard output (as logback.xml configures it). */
    public AccessLogAppender() {
        this(null);
    }

    /** @param file appended to; {@code null}: standard output */
    AccessLogAppender(Path file) {
        this.file = file;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        try {
            target = file == null ? new FileOutputStream(FileDescriptor.out) : new FileOutputStream(file.toFile(), true);
            out = new BufferedOutputStream(target, BUFFER);
        } catch (IOException e) {
            addError("access log " + file + " cannot be opened for writing", e);
            return;
        }
        running = true;
        writer = new Thread(this::writeLines, "mtls-access-log");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!queue.offer(event.getFormattedMessage())) {
            dropped.incrementAndGet();
            return;
        }
        queued.incrementAndGet();
        if (idle) {
            LockSupport.unpark(writer);
        }
    }

    /** Writes every line queued so far before it returns (or after 5 s); lines keep being accepted. */
    void flush() {
        long upTo = queued.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (done < upTo && running && System.nanoTime() < deadline) {
            LockSupport.unpark(writer);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        running = false;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLines() {
        List<String> batch = new ArrayList<>(BATCH);
        long lastReport = System.nanoTime() - TimeUnit.SECONDS.toNanos(DROP_REPORT_SECONDS);
        while (true) {
            batch.clear();
            queue.drainTo(batch, BATCH);
            if (batch.isEmpty()) {
                if (!running) {
                    break;
                }
                idle = true;
                if (queue.isEmpty() && running) { // re-checked after idle is visible: no line waits for a wake-up
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            write(batch);
            done += batch.size(); // only this thread writes it
            if (dropped.get() > 0 && System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(DROP_REPORT_SECONDS)) {
                lastReport = System.nanoTime();
                String why = failure;
                failure = null;
                LoggerFactory.getLogger("mtls.serve").warn("access log: {} line(s) dropped: {}", dropped.getAndSet(0),
                        why != null ? "writing to " + destination() + " failed (" + why + ")"
                                : destination() + " was slower than the requests (at most " + CAPACITY + " lines wait)");
            }
            if (running) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
            }
        }
        try {
            if (file == null) {
                out.flush(); // standard output stays open for the rest of the process
            } else {
                out.close();
            }
        } catch (IOException e) {
            addError("access log: closing " + file, e);
        }
    }

    private void write(List<String> lines) {
        try {
            for (String line : lines) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            dropped.addAndGet(lines.size());
            failure = e.getMessage() == null ? "an I/O error" : e.getMessage();
            out = new BufferedOutputStream(target, BUFFER); // what was not written is counted as dropped, not kept
        }
    }

    private String destination() {
        return file == null ? "standard output" : file.toString();
    }
}
