package dev.mtlskit.gateway;

import java.util.Locale;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * Which Netty transport the event loops use: Linux's io_uring where the kernel allows it, epoll where
 * it does not (io_uring disabled by sysctl, or blocked by a container's seccomp profile), NIO off
 * Linux. The event loop group and both channel types always come from the same one.
 *
 * <p>Measured (bench A/B, one core, ECDSA, TLS 1.3): io_uring spends 13 % less CPU per keep-alive
 * request than epoll (one submission for many connections' reads and writes instead of a syscall
 * each) and 2-4 % more per new or resumed connection; API traffic is mostly keep-alive.
 */
public enum Transport {
    IO_URING("io_uring"), EPOLL("epoll"), NIO("nio");

    /**
     * A system property for embedders and test runs (e.g. {@code MTLS_JAVA_OPTS=-Dmtls.transport=epoll}): the
     * transport of gateways started without one; auto (the default), io_uring, epoll or nio.
     */
    public static final String PROPERTY = "mtls.transport";

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** As {@code --transport} and the logs name it. */
    public String label() {
        return label;
    }

    /** The transport {@link #PROPERTY} asks for, or the best this machine has. */
    public static Transport available() {
        return choose(System.getProperty(PROPERTY, "auto"));
    }

    /**
     * @param wanted auto, io_uring, epoll or nio
     * @throws IllegalArgumentException for another name, or a transport this machine cannot use (why, in words)
     */
    public static Transport choose(String wanted) {
        switch (wanted.toLowerCase(Locale.ROOT)) {
            case "auto":
                return IoUring.isAvailable() ? IO_URING : Epoll.isAvailable() ? EPOLL : NIO;
            case "io_uring":
                if (!IoUring.isAvailable()) {
                    throw new IllegalArgumentException("io_uring cannot be used here (" + why(IoUring.unavailabilityCause())
                            + "): use --transport " + (Epoll.isAvailable() ? "epoll" : "nio") + " or auto");
                }
                return IO_URING;
            case "epoll":
                if (!Epoll.isAvailable()) {
                    throw new IllegalArgumentException("epoll cannot be used here (" + why(Epoll.unavailabilityCause())
                            + "): use --transport nio or auto");
                }
                return EPOLL;
            case "nio":
                return NIO;
            default:
                throw new IllegalArgumentException("unknown transport " + wanted + ": use auto, io_uring, epoll or nio");
        }
    }

    /** The innermost message of why a native transport did not load, without class names. */
    private static String why(Throwable cause) {
        return dev.mtlskit.tls.netty.NativeTls.innermostMessage(cause, "its native library did not load");
    }

    /**
     * An event loop group of {@code threads} threads (0: one per core, as the JVM counts cores: a
     * container's CPU limit included). Netty's own default is two per core; TLS work is CPU-bound,
     * so a second loop per core only adds switching, as nginx's one worker per core assumes too.
     */
    public EventLoopGroup group(int threads) {
        IoHandlerFactory factory = switch (this) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), factory);
    }

    public Class<? extends ServerChannel> serverChannel() {
        return switch (this) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    public Class<? extends Channel> clientChannel() {
        return switch (this) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }
}
