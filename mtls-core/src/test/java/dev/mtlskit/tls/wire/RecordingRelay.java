package dev.mtlskit.tls.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on loopback between one client and a server that records every chunk it passes on,
 * each before it is forwarded, so the recording keeps the order in which the bytes crossed.
 */
final class RecordingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int serverPort;
    private final List<Wire.Chunk> chunks = new ArrayList<>();
    private final Thread acceptor;
    private final List<Thread> pumps = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    RecordingRelay(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::relayOne, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Waits until both directions ended, then returns what crossed. */
    List<Wire.Chunk> chunks(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        acceptor.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(pumps);
        }
        for (Thread pump : started) {
            pump.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        synchronized (chunks) {
            return List.copyOf(chunks);
        }
    }

    private void relayOne() {
        try {
            Socket client = listener.accept();
            Socket server = new Socket();
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 10_000);
            synchronized (this) {
                sockets.add(client);
                sockets.add(server);
                pumps.add(pump(client, server, Direction.OUT));
                pumps.add(pump(server, client, Direction.IN));
            }
        } catch (IOException e) {
            // The test sees an empty recording.
        }
    }

    private Thread pump(Socket from, Socket to, Direction direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (chunks) {
                        chunks.add(new Wire.Chunk(direction, Arrays.copyOf(buffer, n)));
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                // Pass the end of this direction on; the other one may still be talking.
                to.shutdownOutput();
            } catch (IOException e) {
                // A reset ends both directions.
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "relay-" + direction);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        synchronized (this) {
            sockets.forEach(RecordingRelay::closeQuietly);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is best effort.
        }
    }
}
