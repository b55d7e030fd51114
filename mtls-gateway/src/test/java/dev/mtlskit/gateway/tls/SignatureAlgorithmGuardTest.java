package dev.mtlskit.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The guard's reading of the client's clear-text handshake, whatever the chunks: records split
 * byte by byte, a message split across records, several messages in one record.
 */
class SignatureAlgorithmGuardTest {

    private static final Set<Integer> EC_KEY = Set.of(0x0403, 0x0503, 0x0603);

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new SignatureAlgorithmGuard(EC_KEY, "EC"));
    }

    @Test
    void aClientHelloOfferingOnlySha1IsRefusedEvenByteByByte() {
        EmbeddedChannel channel = channel();
        byte[] hello = record(22, handshake(1, helloBody(0x0203, 0x0201)));

        for (byte b : hello) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertThat(drainInbound(channel).length).isLessThan(hello.length);
        assertThat(ByteBufUtil.hexDump((ByteBuf) channel.readOutbound())).isEqualTo("15030300020228");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.attr(SignatureAlgorithmGuard.REFUSAL).get().getMessage()).isEqualTo(
                "the client offered no signature scheme of SHA-256 or stronger for the gateway's EC key"
                        + " (offered: ecdsa_sha1, rsa_pkcs1_sha1)");
    }

    @Test
    void aClientHelloWithoutSignatureAlgorithmsIsRefused() {
        EmbeddedChannel channel = channel();

        channel.writeInbound(Unpooled.wrappedBuffer(record(22, handshake(1, helloBody()))));

        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.attr(SignatureAlgorithmGuard.REFUSAL).get().getMessage()).isEqualTo(
                "the client offered no signature_algorithms, which means SHA-1 in TLS 1.2; the gateway signs with"
                        + " SHA-256 or stronger only");
    }

    @Test
    void aGoodHandshakePassesUnchangedAndTheGuardLeavesAtChangeCipherSpec() {
        EmbeddedChannel channel = channel();
        byte[] message = handshake(1, helloBody(0x0203, 0x0403));
        // The ClientHello split across two records.
        byte[] first = record(22, java.util.Arrays.copyOfRange(message, 0, 10));
        byte[] second = record(22, java.util.Arrays.copyOfRange(message, 10, message.length));
        // Certificate and CertificateVerify (ecdsa_secp256r1_sha256) in one record, then ChangeCipherSpec.
        byte[] flight = concat(record(22, concat(handshake(11, new byte[] {0, 0, 0}), handshake(15, new byte[] {4, 3, 0, 0}))),
                record(20, new byte[] {1}));
        byte[] all = concat(first, second, flight);

        channel.writeInbound(Unpooled.wrappedBuffer(concat(first, java.util.Arrays.copyOfRange(second, 0, 7))));
        channel.writeInbound(Unpooled.wrappedBuffer(java.util.Arrays.copyOfRange(second, 7, second.length)));
        assertThat(channel.pipeline().get(SignatureAlgorithmGuard.class)).isNotNull();
        channel.writeInbound(Unpooled.wrappedBuffer(flight));

        assertThat(drainInbound(channel)).isEqualTo(all);
        assertThat(channel.pipeline().get(SignatureAlgorithmGuard.class)).isNull();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aTls12CertificateVerifySignedWithSha1IsRefused() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.wrappedBuffer(record(22, handshake(1, helloBody(0x0403)))));

        channel.writeInbound(Unpooled.wrappedBuffer(record(22, concat(handshake(11, new byte[] {0, 0, 0}),
                handshake(16, new byte[] {0, 1, 4}), handshake(15, new byte[] {2, 1, 0, 0})))));

        assertThat(ByteBufUtil.hexDump((ByteBuf) channel.readOutbound())).isEqualTo("1503030002022f");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.attr(SignatureAlgorithmGuard.REFUSAL).get().getMessage()).isEqualTo(
                "the client signed its CertificateVerify with rsa_pkcs1_sha1; the gateway accepts SHA-256 or stronger only");
    }

    @Test
    void aCertificateVerifyWithBytesAfterItsSignatureIsRefused() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.wrappedBuffer(record(22, handshake(1, helloBody(0x0403)))));

        // ecdsa_secp256r1_sha256, a 2-byte signature, then 3 bytes more.
        channel.writeInbound(Unpooled.wrappedBuffer(record(22, handshake(15, new byte[] {4, 3, 0, 2, 9, 9, 0, 0, 0}))));

        assertThat(ByteBufUtil.hexDump((ByteBuf) channel.readOutbound())).isEqualTo("15030300020232");
        assertThat(channel.attr(SignatureAlgorithmGuard.REFUSAL).get().getMessage()).isEqualTo(
                "the client's CertificateVerify is 9 bytes long, but its signature of 2 bytes needs 6");
    }

    @Test
    void aTruncatedCertificateVerifyIsRefused() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(Unpooled.wrappedBuffer(record(22, handshake(1, helloBody(0x0403)))));

        channel.writeInbound(Unpooled.wrappedBuffer(record(22, handshake(15, new byte[] {4, 3}))));

        assertThat(ByteBufUtil.hexDump((ByteBuf) channel.readOutbound())).isEqualTo("15030300020232");
        assertThat(channel.attr(SignatureAlgorithmGuard.REFUSAL).get().getMessage()).isEqualTo(
                "the client's CertificateVerify is 2 bytes long, too short for a signature");
    }

    @Test
    void aClientHelloOver16KiBIsRefusedBeforeItIsCopied() {
        EmbeddedChannel channel = channel();

        // Only the handshake header: 20,000 bytes announced.
        channel.writeInbound(Unpooled.wrappedBuffer(record(22, new byte[] {1, 0, (byte) 0x4e, (byte) 0x20})));

        assertThat(ByteBufUtil.hexDump((ByteBuf) channel.readOutbound())).isEqualTo("15030300020228");
        assertThat(channel.attr(SignatureAlgorithmGuard.REFUSAL).get().getMessage()).isEqualTo(
                "the ClientHello is 20000 bytes long (at most 16384 are read)");
    }

    @Test
    void aTls11ClientHelloIsLeftToTheEngine() {
        EmbeddedChannel channel = channel();
        byte[] hello = helloBody();
        hello[1] = 2; // legacy_version TLS 1.1, no signature_algorithms: the engine answers protocol_version
        byte[] bytes = record(22, handshake(1, hello));

        channel.writeInbound(Unpooled.wrappedBuffer(bytes));

        assertThat(drainInbound(channel)).isEqualTo(bytes);
        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void notTlsPassesToTheEngine() {
        EmbeddedChannel channel = channel();
        byte[] http = "GET / HTTP/1.1\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        channel.writeInbound(Unpooled.wrappedBuffer(http));

        assertThat(drainInbound(channel)).isEqualTo(http);
        assertThat(channel.pipeline().get(SignatureAlgorithmGuard.class)).isNull();
    }

    private static byte[] drainInbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buf; (buf = channel.readInbound()) != null; ) {
            out.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }
        return out.toByteArray();
    }

    /** A ClientHello body; with schemes, a signature_algorithms extension listing them. */
    private static byte[] helloBody(int... schemes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {3, 3});
        body.writeBytes(new byte[32]);
        body.write(0); // session id
        body.writeBytes(new byte[] {0, 2, (byte) 0xc0, 0x2b});
        body.writeBytes(new byte[] {1, 0});
        if (schemes.length > 0) {
            int listLength = schemes.length * 2;
            ByteArrayOutputStream extensions = new ByteArrayOutputStream();
            extensions.writeBytes(new byte[] {0, 10, 0, 4, 0, 2, 0, 29}); // supported_groups: x25519
            extensions.writeBytes(new byte[] {0, 13, 0, (byte) (listLength + 2), 0, (byte) listLength});
            for (int scheme : schemes) {
                extensions.write(scheme >> 8);
                extensions.write(scheme);
            }
            body.write(extensions.size() >> 8);
            body.write(extensions.size());
            body.writeBytes(extensions.toByteArray());
        }
        return body.toByteArray();
    }

    private static byte[] handshake(int type, byte[] body) {
        return concat(new byte[] {(byte) type, 0, (byte) (body.length >> 8), (byte) body.length}, body);
    }

    private static byte[] record(int type, byte[] fragment) {
        return concat(new byte[] {(byte) type, 3, 3, (byte) (fragment.length >> 8), (byte) fragment.length}, fragment);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
