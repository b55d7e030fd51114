package dev.mtlskit.gateway.tls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.mtlskit.revocation.OnlineRevocation;

import io.netty.channel.EventLoop;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.SSL;
import io.netty.util.concurrent.AbstractEventExecutor;
import io.netty.util.concurrent.Future;

/**
 * Where one connection's TLS engine runs its delegated tasks when client revocation is checked
 * online. Netty's SslHandler runs a task inline when its executor says it is the event loop, and
 * hands it over otherwise; this executor says so when the client's OCSP and CRL answers are all
 * remembered (then verifying cannot wait for the network), so that the common handshake costs no
 * hand-over between threads (measured: about a third more CPU per full handshake), and only a
 * client whose answers must be fetched is verified on the verifier threads. Tasks before the
 * client's certificate arrived (choosing the server's certificate) never wait, and run inline too.
 */
final class VerificationExecutor extends AbstractEventExecutor {

    /** An answer about to expire is fetched off the loop: the check must find it still current. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final EventLoop loop;
    private final Executor verifier;
    private final OnlineRevocation revocation;
    private volatile Object engine;

    VerificationExecutor(EventLoop loop, Executor verifier, OnlineRevocation revocation) {
        this.loop = loop;
        this.verifier = verifier;
        this.revocation = revocation;
    }

    /** The engine whose peer this executor looks at (set once the handler exists). */
    void engine(Object engine) {
        this.engine = engine;
    }

    @Override
    public boolean inEventLoop(Thread thread) {
        return loop.inEventLoop(thread) && answersRemembered();
    }

    private boolean answersRemembered() {
        if (!(engine instanceof ReferenceCountedOpenSslEngine openSsl)) {
            return false; // the JDK engine's tasks read the certificate themselves: it is not known here
        }
        byte[] leaf;
        synchronized (openSsl) {
            long ssl = openSsl.sslPointer();
            if (ssl == 0) {
                return false;
            }
            leaf = SSL.getPeerCertificate(ssl);
        }
        // No certificate yet: the task chooses the server's certificate, which never waits.
        return leaf == null || revocation.answersRemembered(leaf, MARGIN);
    }

    @Override
    public void execute(Runnable task) {
        verifier.execute(task);
    }

    @Override
    public boolean isShuttingDown() {
        return false;
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("a connection's verification executor is not shut down");
    }

    @Override
    public Future<?> terminationFuture() {
        throw new UnsupportedOperationException("a connection's verification executor is not shut down");
    }

    @Override
    public void shutdown() {
        throw new UnsupportedOperationException("a connection's verification executor is not shut down");
    }

    @Override
    public List<Runnable> shutdownNow() {
        throw new UnsupportedOperationException("a connection's verification executor is not shut down");
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
