package dev.mtlskit.tls.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

/**
 * A JDK client and server engine talking in memory: the handshake, one message each way and
 * close_notify, with every byte recorded as it would cross the wire.
 */
final class EnginePair {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLEngine client;
    private final SSLEngine server;
    private final List<Wire.Chunk> chunks = new ArrayList<>();
    private final ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer clientData = ascii("GET / HTTP/1.1\r\n\r\n");
    private final ByteBuffer serverData = ascii("HTTP/1.1 204 No Content\r\n\r\n");
    private SSLException clientFailure;
    private SSLException serverFailure;

    EnginePair(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
    }

    static SSLContext context(HeldCertificate identity, X509Certificate trusted) throws Exception {
        KeyManagerFactory keyManagers = null;
        if (identity != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("identity", identity.keyPair().getPrivate(), PASSWORD,
                    identity.chainWithoutRoot().toArray(X509Certificate[]::new));
            keyManagers = KeyManagerFactory.getInstance("PKIX");
            keyManagers.init(keys, PASSWORD);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    /** The bytes of a successful mutual handshake with one exchange, with throwaway certificates. */
    static List<Wire.Chunk> mutualHandshake(String protocol) throws Exception {
        HeldCertificate ca = HeldCertificate.builder().commonName("Pair CA").certificateAuthority(0).build();
        HeldCertificate serverIdentity = HeldCertificate.builder().commonName("localhost").purpose(Purpose.SERVER)
                .addDnsName("localhost").signedBy(ca).build();
        HeldCertificate clientIdentity = HeldCertificate.builder().commonName("pair client").purpose(Purpose.CLIENT)
                .signedBy(ca).build();
        SSLEngine server = context(serverIdentity, ca.certificate()).createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(new String[] {protocol});
        SSLEngine client = context(clientIdentity, ca.certificate()).createSSLEngine("localhost", 8443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        return new EnginePair(client, server).run();
    }

    /** Runs until both sides closed or gave up; returns the bytes in wire order. */
    List<Wire.Chunk> run() throws Exception {
        client.beginHandshake();
        server.beginHandshake();
        ByteBuffer clientIn = ByteBuffer.allocate(1 << 16);
        ByteBuffer serverIn = ByteBuffer.allocate(1 << 16);
        boolean closing = false;
        for (int round = 0; round < 200; round++) {
            boolean moved = wrap(client, clientData, toServer, Direction.OUT)
                    | wrap(server, serverData, toClient, Direction.IN);
            moved |= unwrap(server, toServer, serverIn) | unwrap(client, toClient, clientIn);
            if (!closing && (clientFailure != null || serverFailure != null
                    || clientIn.position() > 0 && !clientData.hasRemaining() && serverIn.position() > 0)) {
                closing = true;
                client.closeOutbound();
            }
            if (!moved && client.isOutboundDone() && server.isOutboundDone()) {
                break;
            }
        }
        return chunks;
    }

    String serverCipherSuite() {
        return server.getSession().getCipherSuite();
    }

    SSLException clientFailure() {
        return clientFailure;
    }

    SSLException serverFailure() {
        return serverFailure;
    }

    private boolean wrap(SSLEngine engine, ByteBuffer data, ByteBuffer net, Direction direction) throws Exception {
        if (engine.isOutboundDone()) {
            return false;
        }
        int before = net.position();
        boolean handshaking = engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                && engine.getHandshakeStatus() != HandshakeStatus.FINISHED;
        try {
            engine.wrap(handshaking ? ByteBuffer.allocate(0) : data, net);
        } catch (SSLException e) {
            fail(engine, e);
        }
        runTasks(engine);
        if (net.position() == before) {
            return false;
        }
        chunks.add(new Wire.Chunk(direction, Arrays.copyOfRange(net.array(), before, net.position())));
        return true;
    }

    private boolean unwrap(SSLEngine engine, ByteBuffer net, ByteBuffer app) {
        net.flip();
        int before = net.remaining();
        try {
            while (net.hasRemaining() && !engine.isInboundDone()) {
                int remaining = net.remaining();
                engine.unwrap(net, app);
                runTasks(engine);
                if (net.remaining() == remaining) {
                    break;
                }
            }
        } catch (SSLException e) {
            fail(engine, e);
            net.position(net.limit());
        }
        boolean moved = net.remaining() != before;
        net.compact();
        return moved;
    }

    private void fail(SSLEngine engine, SSLException e) {
        if (engine == client) {
            clientFailure = clientFailure == null ? e : clientFailure;
        } else {
            serverFailure = serverFailure == null ? e : serverFailure;
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
