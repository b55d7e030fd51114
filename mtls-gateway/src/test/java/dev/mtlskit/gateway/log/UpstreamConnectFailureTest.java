package dev.mtlskit.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.mtlskit.reason.ConnectionCode;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * An upstream that cannot be reached gets the code and the words {@code mtls call} and the doctor
 * use for the same failure (ConnectFailure), and the code's fix.
 */
class UpstreamConnectFailureTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aRefusedConnect() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        UpstreamFailure failure = UpstreamFailure.of(connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));

        assertThat(failure.code()).isEqualTo(ConnectionCode.CONNECTION_REFUSED);
        assertThat(failure.detail()).startsWith("nothing listens there: ").containsIgnoringCase("connection refused")
                .contains(Integer.toString(port));
        assertThat(failure.fix()).isEqualTo("check the port, and that the server runs and listens on an address you can reach");
    }

    @Test
    void aNameThatDoesNotResolve() {
        UpstreamFailure failure = UpstreamFailure.of(connect(InetSocketAddress.createUnresolved("no-such-host.invalid", 443)));

        assertThat(failure.code()).isEqualTo(ConnectionCode.UNKNOWN_HOST);
        assertThat(failure.detail()).startsWith("the host name does not resolve: ").contains("no-such-host.invalid");
        assertThat(failure.fix()).isEqualTo("check the host name and DNS");
    }

    private static Throwable connect(InetSocketAddress address) {
        return new Bootstrap().group(GROUP).channel(NioSocketChannel.class).handler(new ChannelInboundHandlerAdapter())
                .connect(address).awaitUninterruptibly().cause();
    }
}
