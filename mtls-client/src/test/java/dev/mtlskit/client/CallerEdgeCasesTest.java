package dev.mtlskit.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.mtlskit.reason.ConnectionCode;

/** Servers that misbehave at the TCP level end a call with a result, never a hang. */
class CallerEdgeCasesTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerThatClosesRightAfterAcceptingEndsTheCall() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    try (Socket accepted = server.accept()) {
                        accepted.setSoLinger(true, 0); // reset at once, as a full load balancer may
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            for (int i = 0; i < 20; i++) {
                CallResult result = new Caller().call(CallRequest.builder(
                        URI.create("https://127.0.0.1:" + server.getLocalPort() + "/")).build(), event -> { },
                        new ByteArrayOutputStream());
                assertThat(result.stage()).isIn(CallResult.Stage.HANDSHAKE_FAILED, CallResult.Stage.CONNECT_FAILED);
            }
        }
    }

    /** A refused connect is said in the words the gateway's upstream log uses (ConnectFailure). */
    @Test
    void aRefusedConnectIsSaidInTheSharedWords() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        CallResult result = new Caller().call(CallRequest.builder(URI.create("https://127.0.0.1:" + port + "/")).build(),
                event -> { }, new ByteArrayOutputStream());

        assertThat(result.stage()).isEqualTo(CallResult.Stage.CONNECT_FAILED);
        CallEvent.ConnectFailed failed = result.connectFailure().orElseThrow();
        assertThat(failed.failure().code()).isEqualTo(ConnectionCode.CONNECTION_REFUSED);
        assertThat(new Transcript(false).lines(failed)).singleElement().asString()
                .startsWith("* connect to 127.0.0.1:" + port + " failed: nothing listens there (")
                .containsIgnoringCase("connection refused").doesNotContain("Exception");
    }
}
