package dev.mtlskit.client.servers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long-running program started by a test: its standard output and error are drained on a thread
 * into a bounded buffer (a full pipe would stall the server), its standard input is empty, and a
 * shutdown hook kills it should the JVM end before {@link #stop} (no servers left behind by an
 * aborted build).
 */
final class ServerProcess {

    /** Enough for every line a scenario looks for; older output is dropped first. */
    private static final int MAX_BUFFERED_CHARS = 256 * 1024;

    private final String description;
    private final Process process;
    private final Thread shutdownHook;
    private final StringBuilder output = new StringBuilder();
    private int droppedChars;
    /** Set when the process closed its output: it has ended, and everything it wrote is in the buffer. */
    private boolean outputEnded;

    private ServerProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        this.shutdownHook = new Thread(process::destroyForcibly, "kill " + description);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread drainer = new Thread(() -> drain(process.getInputStream()), "drain " + description);
        drainer.setDaemon(true);
        drainer.start();
    }

    static ServerProcess start(String description, List<String> command, Path workingDirectory) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return new ServerProcess(description, process);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What it printed so far (standard output and error interleaved), the oldest part dropped if it was long. */
    String output() {
        synchronized (output) {
            return droppedChars == 0 ? output.toString() : "[" + droppedChars + " characters dropped]\n" + output;
        }
    }

    /**
     * Waits until its output contains {@code fragment}.
     *
     * @return the output up to now, or null when the process ended or the time ran out first
     */
    String awaitOutput(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (output.indexOf(fragment) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || outputEnded) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(output, left);
            }
            return output.toString();
        }
    }

    /**
     * Asks it to stop ({@link Process#destroy()}: SIGTERM), waits {@code grace}, then kills it.
     * Returns once its output is all in the buffer (the drainer may lag behind its exit on a busy
     * machine, and a failed start is explained by its last lines).
     *
     * @return its exit code, or -1 when it had to be killed
     */
    int stop(Duration grace) throws InterruptedException {
        try {
            process.destroy();
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                awaitOutputEnd();
                return process.exitValue();
            }
            process.destroyForcibly();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(description + " (pid " + process.pid() + ") survived SIGKILL");
            }
            awaitOutputEnd();
            return -1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or ran: nothing to remove.
            }
        }
    }

    /** Waits (up to 10 s) until the drainer has read everything the ended process wrote. */
    private void awaitOutputEnd() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (output) {
            while (!outputEnded) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(output, left);
            }
        }
    }

    /** Its exit code, when it has ended on its own. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    private void drain(InputStream stream) {
        byte[] buffer = new byte[8192];
        try (stream) {
            int read;
            while ((read = stream.read(buffer)) >= 0) {
                String text = new String(buffer, 0, read, StandardCharsets.UTF_8);
                synchronized (output) {
                    output.append(text);
                    if (output.length() > MAX_BUFFERED_CHARS) {
                        int excess = output.length() - MAX_BUFFERED_CHARS;
                        output.delete(0, excess);
                        droppedChars += excess;
                    }
                    output.notifyAll();
                }
            }
        } catch (IOException closed) {
            // The process ended; what it wrote is in the buffer.
        }
        synchronized (output) {
            outputEnded = true;
            output.notifyAll();
        }
    }
}
