package dev.mtlskit.reason;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

/** One walk along a cause chain: each exception once, wrappers' borrowed words skipped. */
class CausesTest {

    @Test
    void aChainThatLoopsBackIsWalkedOnce() {
        IOException inner = new IOException("inner");
        RuntimeException outer = new RuntimeException("outer", inner);
        inner.initCause(outer);

        assertThat(Causes.chain(outer)).containsExactly(outer, inner);
        assertThat(Causes.find(outer, IllegalStateException.class)).isEmpty();
        assertThat(Causes.deepestMessage(outer)).isEqualTo("inner");
        assertThat(Causes.chain(null)).isEmpty();
    }

    @Test
    void aRealRefusedConnectIsFoundUnderItsWrapper() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CompletionException wrapped = null;
        try {
            CompletableFuture.runAsync(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).join();
        } catch (CompletionException e) {
            wrapped = e;
        }

        assertThat(Causes.find(wrapped, ConnectException.class)).isPresent();
        // The wrappers only repeat their cause's class and message: the system's own words are the message.
        assertThat(Causes.ownMessage(wrapped)).containsIgnoringCase("connection refused").doesNotContain("Exception");
        assertThat(Causes.message(wrapped)).isEqualTo(Causes.ownMessage(wrapped));
    }

    @Test
    void suppressedExceptionsAreSearchedAndQuoted() {
        IllegalStateException failure = new IllegalStateException("first");
        failure.addSuppressed(new ClosedChannelException());
        failure.addSuppressed(new IOException("second"));

        assertThat(Causes.has(failure, ClosedChannelException.class)).isTrue();
        assertThat(Causes.allMessages(failure)).isEqualTo("first / second");
    }

    @Test
    void anExceptionWithoutWordsIsNotNamedByItsClass() {
        assertThat(Causes.message(new ClosedChannelException())).isEqualTo("the connection was closed");
        assertThat(Causes.message(new RuntimeException(new IllegalStateException()))).isEqualTo("no reason given");
        assertThat(Causes.message(null)).isEqualTo("no reason given");
    }
}
