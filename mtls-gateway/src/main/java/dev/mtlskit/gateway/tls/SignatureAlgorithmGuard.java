package dev.mtlskit.gateway.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.mtlskit.tls.netty.SignatureSchemes;


import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * Reads the client's handshake messages that travel in the clear, in front of the TLS engine, and
 * refuses a client that would make the gateway sign with SHA-1 or that signs with it:
 *
 * <ul>
 * <li>a ClientHello whose {@code signature_algorithms} holds no scheme of SHA-256 or stronger that the
 *     server's key can make (or that has none: TLS 1.2 then means SHA-1): BoringSSL would sign its
 *     ServerKeyExchange with SHA-1 (netty-tcnative cannot set its signing list);</li>
 * <li>a TLS 1.2 CertificateVerify signed with anything but SHA-256 or stronger: BoringSSL's list of
 *     accepted schemes, which netty-tcnative cannot set either, still holds {@code rsa_pkcs1_sha1};
 *     or whose length does not match its signature's (the JDK engine ignores trailing bytes).</li>
 * </ul>
 *
 * Such a client gets a fatal alert ({@code handshake_failure}, {@code illegal_parameter},
 * {@code decode_error}) before the
 * engine sees the message. The bytes pass on unchanged and unbuffered; only a ClientHello is copied
 * (at most {@link #MAX_CLIENT_HELLO} bytes) and four bytes of a CertificateVerify. The handler leaves
 * the pipeline at the first ChangeCipherSpec or encrypted record: everything after is protected.
 */
public final class SignatureAlgorithmGuard extends ChannelInboundHandlerAdapter {

    /** Why the connection was refused, for the handshake failure's log line. */
    public static final AttributeKey<HandshakeRefusedException> REFUSAL = AttributeKey.valueOf("mtls.sigalg-refusal");

    /** Far above any real ClientHello (one with a post-quantum key share is about 2 KB): bounds the copy. */
    static final int MAX_CLIENT_HELLO = 16_384;

    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;
    private static final int CLIENT_HELLO = 1;
    private static final int CERTIFICATE_VERIFY = 15;
    private static final int SIGNATURE_ALGORITHMS = 13;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int TLS_1_2 = 0x0303;
    private static final byte HANDSHAKE_FAILURE = 40;
    private static final byte ILLEGAL_PARAMETER = 47;
    private static final byte DECODE_ERROR = 50;

    private final Set<Integer> usableByServerKey;
    private final String serverKeyType;

    private final byte[] recordHeader = new byte[5];
    private int recordHeaderFill;
    private int recordType;
    private int recordLeft;

    private final byte[] messageHeader = new byte[4];
    private int messageHeaderFill;
    private int messageType;
    private int messageLeft;
    /** The part of the current message being kept, or null when it is skipped. */
    private byte[] kept;
    private int keptFill;
    private int certificateVerifyLength;

    private boolean done;
    private boolean refused;

    /**
     * @param usableByServerKey the accepted schemes the server's key can make
     * @param serverKeyType e.g. EC or RSA, for the log line
     */
    public SignatureAlgorithmGuard(Set<Integer> usableByServerKey, String serverKeyType) {
        this.usableByServerKey = Set.copyOf(usableByServerKey);
        this.serverKeyType = serverKeyType;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            // The rest of a refused client's flight never reaches the engine.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf bytes && !done) {
            Refusal refusal = scan(bytes);
            if (refusal != null) {
                bytes.release();
                refused = true;
                refuse(ctx, refusal);
                return;
            }
        }
        ctx.fireChannelRead(msg);
        if (done && ctx.pipeline().context(this) != null) {
            ctx.pipeline().remove(this);
        }
    }

    /** The refusal of the client's handshake, or null to go on. */
    record Refusal(byte alert, String key, String reason) {
    }

    private static void refuse(ChannelHandlerContext ctx, Refusal refusal) {
        Channel channel = ctx.channel();
        channel.attr(REFUSAL).set(new HandshakeRefusedException(refusal.key(), refusal.reason()));
        // A fatal alert in a TLS 1.2 record: the handshake is still in the clear at this point.
        ByteBuf alert = Unpooled.wrappedBuffer(new byte[] {ALERT, 3, 3, 0, 2, 2, refusal.alert()});
        // Closed from here, below the engine: the JDK's would add user_canceled and close_notify after the alert.
        ctx.writeAndFlush(alert).addListener(written -> ctx.close());
    }

    Refusal scan(ByteBuf bytes) {
        int index = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (index < end && !done) {
            if (recordHeaderFill < recordHeader.length) {
                recordHeader[recordHeaderFill++] = bytes.getByte(index++);
                if (recordHeaderFill == recordHeader.length) {
                    recordType = recordHeader[0] & 0xff;
                    recordLeft = ((recordHeader[3] & 0xff) << 8) | (recordHeader[4] & 0xff);
                    if (recordType == CHANGE_CIPHER_SPEC || recordType == APPLICATION_DATA
                            || (recordType != HANDSHAKE && recordType != ALERT)) {
                        // Protected from here on, or not TLS at all: the engine answers that.
                        done = true;
                    } else if (recordLeft == 0) {
                        recordHeaderFill = 0;
                    }
                }
                continue;
            }
            int n = Math.min(recordLeft, end - index);
            if (recordType == HANDSHAKE) {
                Refusal refusal = handshakeBytes(bytes, index, n);
                if (refusal != null) {
                    return refusal;
                }
            }
            index += n;
            recordLeft -= n;
            if (recordLeft == 0) {
                recordHeaderFill = 0;
            }
        }
        return null;
    }

    private Refusal handshakeBytes(ByteBuf bytes, int index, int length) {
        int end = index + length;
        while (index < end) {
            if (messageHeaderFill < messageHeader.length) {
                messageHeader[messageHeaderFill++] = bytes.getByte(index++);
                if (messageHeaderFill == messageHeader.length) {
                    Refusal refusal = startMessage();
                    if (refusal != null) {
                        return refusal;
                    }
                }
                continue;
            }
            int n = Math.min(messageLeft, end - index);
            if (kept != null && keptFill < kept.length) {
                int copy = Math.min(n, kept.length - keptFill);
                bytes.getBytes(index, kept, keptFill, copy);
                keptFill += copy;
            }
            index += n;
            messageLeft -= n;
            if (messageLeft == 0) {
                Refusal refusal = endMessage();
                if (refusal != null) {
                    return refusal;
                }
            }
        }
        return null;
    }

    private Refusal startMessage() {
        messageType = messageHeader[0] & 0xff;
        messageLeft = ((messageHeader[1] & 0xff) << 16) | ((messageHeader[2] & 0xff) << 8) | (messageHeader[3] & 0xff);
        kept = null;
        keptFill = 0;
        if (messageType == CLIENT_HELLO) {
            if (messageLeft > MAX_CLIENT_HELLO) {
                return new Refusal(HANDSHAKE_FAILURE, "CLIENT_HELLO_TOO_LONG", "the ClientHello is " + messageLeft + " bytes long (at most "
                        + MAX_CLIENT_HELLO + " are read)");
            }
            kept = new byte[messageLeft];
        } else if (messageType == CERTIFICATE_VERIFY) {
            if (messageLeft < 4) {
                return new Refusal(DECODE_ERROR, "MALFORMED", "the client's CertificateVerify is " + messageLeft
                        + " bytes long, too short for a signature");
            }
            kept = new byte[4]; // scheme, signature length
            certificateVerifyLength = messageLeft;
        }
        return messageLeft == 0 ? endMessage() : null;
    }

    private Refusal endMessage() {
        byte[] body = kept;
        kept = null;
        messageHeaderFill = 0;
        if (body == null) {
            return null;
        }
        if (messageType == CLIENT_HELLO) {
            return clientHello(body);
        }
        int scheme = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        if (!SignatureSchemes.accepted(scheme)) {
            return new Refusal(ILLEGAL_PARAMETER, "WEAK_SIGNATURE", "the client signed its CertificateVerify with "
                    + SignatureSchemes.name(scheme) + "; the gateway accepts SHA-256 or stronger only");
        }
        // The JDK engine ignores bytes after the signature; BoringSSL refuses them. Both refuse here.
        int signatureLength = ((body[2] & 0xff) << 8) | (body[3] & 0xff);
        if (4 + signatureLength != certificateVerifyLength) {
            return new Refusal(DECODE_ERROR, "MALFORMED", "the client's CertificateVerify is " + certificateVerifyLength
                    + " bytes long, but its signature of " + signatureLength + " bytes needs " + (4 + signatureLength));
        }
        return null;
    }

    /**
     * Null when the ClientHello offers a scheme the server may sign with, offers no TLS 1.2 or later (the
     * engine answers protocol_version), or is malformed (the engine refuses it).
     */
    private Refusal clientHello(byte[] hello) {
        Hello parsed = Hello.parse(hello);
        if (parsed == null || parsed.maxVersion() < TLS_1_2) {
            return null;
        }
        List<Integer> offered = parsed.signatureSchemes();
        for (int scheme : offered) {
            if (usableByServerKey.contains(scheme)) {
                return null;
            }
        }
        if (offered.isEmpty()) {
            return new Refusal(HANDSHAKE_FAILURE, "NO_STRONG_SIGNATURE_SCHEME", "the client offered no signature_algorithms, which means SHA-1 in"
                    + " TLS 1.2; the gateway signs with SHA-256 or stronger only");
        }
        return new Refusal(HANDSHAKE_FAILURE, "NO_STRONG_SIGNATURE_SCHEME", "the client offered no signature scheme of SHA-256 or stronger for the"
                + " gateway's " + serverKeyType + " key (offered: " + names(offered) + ")");
    }

    private static String names(List<Integer> schemes) {
        List<String> names = new ArrayList<>();
        for (int scheme : schemes) {
            if (names.size() == 8) {
                names.add("…");
                break;
            }
            names.add(SignatureSchemes.name(scheme));
        }
        return String.join(", ", names);
    }

    /**
     * What the guard reads of a ClientHello.
     *
     * @param signatureSchemes its signature_algorithms, empty without the extension
     * @param maxVersion the highest version it offers: of supported_versions, else legacy_version
     */
    record Hello(List<Integer> signatureSchemes, int maxVersion) {

        /** Null when the message does not parse. */
        static Hello parse(byte[] hello) {
            if (hello.length < 2 + 32 + 1) {
                return null;
            }
            int maxVersion = u16(hello, 0);
            int at = 2 + 32; // legacy_version, random
            at += 1 + (hello[at] & 0xff); // session id
            if (at + 2 > hello.length) {
                return null;
            }
            at += 2 + u16(hello, at); // cipher suites
            if (at >= hello.length) {
                return null;
            }
            at += 1 + (hello[at] & 0xff); // compression methods
            if (at == hello.length) {
                return new Hello(List.of(), maxVersion); // no extensions at all
            }
            if (at + 2 > hello.length || at + 2 + u16(hello, at) != hello.length) {
                return null;
            }
            at += 2;
            List<Integer> schemes = List.of();
            while (at + 4 <= hello.length) {
                int type = u16(hello, at);
                int length = u16(hello, at + 2);
                int data = at + 4;
                if (data + length > hello.length) {
                    return null;
                }
                if (type == SIGNATURE_ALGORITHMS) {
                    if (length < 4 || u16(hello, data) != length - 2 || length % 2 != 0) {
                        return null;
                    }
                    schemes = new ArrayList<>();
                    for (int i = data + 2; i < data + length; i += 2) {
                        schemes.add(u16(hello, i));
                    }
                } else if (type == SUPPORTED_VERSIONS) {
                    if (length < 1 || (hello[data] & 0xff) != length - 1 || (length - 1) % 2 != 0) {
                        return null;
                    }
                    maxVersion = 0; // the extension replaces legacy_version (RFC 8446 §4.2.1)
                    for (int i = data + 1; i < data + length; i += 2) {
                        int version = u16(hello, i);
                        // GREASE values (0x?a?a) are no version.
                        if ((version & 0x0f0f) != 0x0a0a && version > maxVersion) {
                            maxVersion = version;
                        }
                    }
                }
                at = data + length;
            }
            return at == hello.length ? new Hello(schemes, maxVersion) : null;
        }
    }

    private static int u16(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
    }
}
