package dev.mtlskit.testing;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.ResponseBytes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.mtlskit.pki.HeldCertificate;

/**
 * A real OCSP responder for one CA: {@code openssl ocsp -index ... -port 0} behind a small HTTP
 * front on 127.0.0.1 that counts the requests exactly and can be taken down.
 *
 * <pre>{@code
 * try (OcspResponder ocsp = OcspResponder.start(ca, tempDir)) {
 *     HeldCertificate client = TestPki.client("acme", ca, ocsp.url(), null);
 *     ocsp.good(client.certificate());      // certificates never named are "unknown"
 *     ...
 *     ocsp.revoke(client.certificate());    // the next request already sees it
 *     assertThat(ocsp.requests()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Why the front: openssl prints no line per answer that could be counted reliably, cannot be
 * stopped and started on the same port without a race, and re-reads its index only when it goes back
 * to wait for the next connection, comparing modification times to the second (a change is seen
 * one request late). So each status change restarts openssl (on a new port of its own; the URL
 * stays), and the front forwards every request as HTTP/1.0 on a new connection (openssl answers
 * one connection at a time, a kept-alive one would block it).
 */
public final class OcspResponder implements AutoCloseable {

    /** Why a certificate was revoked, as openssl's index spells it. */
    public enum Reason {
        UNSPECIFIED("unspecified"),
        KEY_COMPROMISE("keyCompromise"),
        CA_COMPROMISE("CACompromise"),
        AFFILIATION_CHANGED("affiliationChanged"),
        SUPERSEDED("superseded"),
        CESSATION_OF_OPERATION("cessationOfOperation"),
        CERTIFICATE_HOLD("certificateHold");

        private final String opensslName;

        Reason(String opensslName) {
            this.opensslName = opensslName;
        }
    }

    private static final Duration STARTUP = Duration.ofSeconds(10);
    private static final Pattern ACCEPT_LINE = Pattern.compile("ACCEPT .*:(\\d+) PID=");
    /** openssl ca's index dates: UTCTime until 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private final Path openssl;
    private final Path directory;
    private final Integer nextUpdateMinutes;
    private final Map<BigInteger, String> index = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger requests = new AtomicInteger();
    /** Forwarding holds the read lock, a restart of openssl the write lock: no request meets a dying process. */
    private final ReentrantReadWriteLock processLock = new ReentrantReadWriteLock();
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "ocsp-responder-front");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean corruptSignatures;
    private Process process;
    private int opensslPort;
    private int generation;
    private int port;
    private HttpServer front;

    private OcspResponder(Path openssl, Path directory, Integer nextUpdateMinutes) {
        this.openssl = openssl;
        this.directory = directory;
        this.nextUpdateMinutes = nextUpdateMinutes;
    }

    /** A responder for {@code ca} that signs its answers with the CA's own key, with no nextUpdate. */
    public static OcspResponder start(HeldCertificate ca, Path directory) throws IOException {
        return builder(ca).start(directory);
    }

    /** A responder for {@code ca} that signs with {@code signer}, e.g. {@link TestPki#ocspSigner}. */
    public static OcspResponder startDelegated(HeldCertificate ca, HeldCertificate signer, Path directory) throws IOException {
        return builder(ca).signer(signer).start(directory);
    }

    /**
     * A responder for {@code ca} whose answers no client may accept: signed by
     * {@link TestPki#unauthorizedOcspSigner()}, neither the CA nor delegated by it.
     */
    public static OcspResponder startUnauthorized(HeldCertificate ca, Path directory) throws IOException {
        return builder(ca).signer(TestPki.unauthorizedOcspSigner()).start(directory);
    }

    public static Builder builder(HeldCertificate ca) {
        return new Builder(ca);
    }

    /** How a responder signs and for how long its answers say they are good. */
    public static final class Builder {
        private final HeldCertificate ca;
        private HeldCertificate signer;
        private Integer nextUpdateMinutes;

        private Builder(HeldCertificate ca) {
            this.ca = requireNonNull(ca, "ca");
            this.signer = ca;
        }

        /** The certificate and key that sign the answers (openssl's -rsigner/-rkey); the CA by default. */
        public Builder signer(HeldCertificate signer) {
            this.signer = requireNonNull(signer, "signer");
            return this;
        }

        /**
         * Answers carry nextUpdate = thisUpdate + {@code validity}: openssl's -nmin, whole minutes, at
         * least one (openssl refuses 0, so it cannot make an answer that is already out of date: serve
         * {@link TestPki#ocspResponse} with {@link HttpFiles} for that). Without it, answers have no nextUpdate.
         */
        public Builder nextUpdate(Duration validity) {
            if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.toSecondsPart() != 0 || validity.toNanosPart() != 0) {
                throw new IllegalArgumentException("nextUpdate: " + validity + " (expected: whole minutes, at least one)");
            }
            this.nextUpdateMinutes = Math.toIntExact(validity.toMinutes());
            return this;
        }

        /** Writes its files into {@code directory} (a test's own temporary directory) and starts. */
        public OcspResponder start(Path directory) throws IOException {
            Path openssl = Programs.require("openssl", "openssl");
            Files.createDirectories(directory);
            TestPki.writeCertificates(directory.resolve("ca.pem"), ca.certificate());
            TestPki.writeCertificates(directory.resolve("signer.pem"), signer.certificate());
            TestPki.writeKey(directory.resolve("signer.key"), signer.keyPair().getPrivate());
            // Several valid entries may share a subject (a client's old and new certificate).
            Files.writeString(directory.resolve("index.txt.attr"), "unique_subject = no\n", StandardCharsets.US_ASCII);
            OcspResponder responder = new OcspResponder(openssl, directory, nextUpdateMinutes);
            try {
                responder.processLock.writeLock().lock();
                try {
                    responder.writeIndex();
                    responder.startOpenssl();
                } finally {
                    responder.processLock.writeLock().unlock();
                }
                responder.startFront(0);
            } catch (IOException | RuntimeException | Error e) {
                responder.close();
                throw e;
            }
            return responder;
        }
    }

    /** {@code http://127.0.0.1:PORT/}: what client certificates name in their authorityInfoAccess. */
    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** From the next request on, {@code certificate} is good. */
    public void good(X509Certificate certificate) throws IOException {
        setStatus(certificate, "V\t" + expiry(certificate) + "\t");
    }

    /** From the next request on, {@code certificate} is revoked (key compromise, now). */
    public void revoke(X509Certificate certificate) throws IOException {
        revoke(certificate, Reason.KEY_COMPROMISE);
    }

    /** From the next request on, {@code certificate} is revoked for {@code reason}, now. */
    public void revoke(X509Certificate certificate, Reason reason) throws IOException {
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(UTC_TIME);
        setStatus(certificate, "R\t" + expiry(certificate) + "\t" + now + "," + reason.opensslName);
    }

    /** From the next request on, the responder knows nothing of {@code certificate}: "unknown". */
    public void forget(X509Certificate certificate) throws IOException {
        setStatus(certificate, null);
    }

    /**
     * From the next answer on, each signature is broken (one bit of it flipped) while the answer still
     * parses: a responder, or a path to it, that cannot be trusted.
     */
    public void corruptSignatures(boolean corrupt) {
        this.corruptSignatures = corrupt;
    }

    /** How many OCSP requests reached the responder (each counted when it arrives, before its answer). */
    public int requests() {
        return requests.get();
    }

    /** Takes the responder down: connections to {@link #url()} are refused until {@link #restart()}. */
    public synchronized void stop() {
        if (front != null) {
            front.stop(0);
            front = null;
            awaitRefused(port);
        }
    }

    /**
     * The JDK's HTTP server closes its listening socket when its selector next wakes, after stop() has
     * returned: a connection made in between is taken into the backlog and then reset, where a test of
     * a responder that is down expects it refused. Waits (at most 5 s) until connecting is refused.
     */
    private static void awaitRefused(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            } catch (java.net.ConnectException refused) {
                return;
            } catch (IOException other) {
                // a timeout or a reset: not closed yet
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Brings a stopped responder back on the same URL. */
    public synchronized void restart() throws IOException {
        if (front == null) {
            startFront(port);
        }
    }

    /** Stops the front and kills openssl. */
    @Override
    public void close() {
        stop();
        processLock.writeLock().lock();
        try {
            killOpenssl();
        } finally {
            processLock.writeLock().unlock();
        }
        handlers.shutdownNow();
    }

    // ---- the index ----

    private void setStatus(X509Certificate certificate, String statusColumns) throws IOException {
        BigInteger serial = certificate.getSerialNumber();
        processLock.writeLock().lock();
        try {
            if (statusColumns == null) {
                index.remove(serial);
            } else {
                index.put(serial, statusColumns + "\t" + hexSerial(serial) + "\tunknown\t" + opensslName(certificate));
            }
            writeIndex();
            killOpenssl();
            startOpenssl();
        } finally {
            processLock.writeLock().unlock();
        }
    }

    private void writeIndex() throws IOException {
        StringBuilder lines = new StringBuilder();
        synchronized (index) {
            index.values().forEach(line -> lines.append(line).append('\n'));
        }
        Path temporary = Files.createTempFile(directory, "index-", ".tmp");
        Files.writeString(temporary, lines, StandardCharsets.US_ASCII);
        Files.move(temporary, directory.resolve("index.txt"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** As openssl's BN_bn2hex writes it, which the responder compares as a string: upper case, whole bytes. */
    static String hexSerial(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase();
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static String expiry(X509Certificate certificate) {
        ZonedDateTime notAfter = certificate.getNotAfter().toInstant().atZone(ZoneOffset.UTC);
        return notAfter.format(notAfter.getYear() < 2050 ? UTC_TIME : GENERALIZED_TIME);
    }

    /** openssl's one-line form, /O=.../CN=...: informative only, the responder looks serials up. */
    private static String opensslName(X509Certificate certificate) {
        List<String> rdns = new ArrayList<>(Arrays.asList(certificate.getSubjectX500Principal().getName().split("(?<!\\\\),")));
        Collections.reverse(rdns);
        return "/" + String.join("/", rdns).replace('\t', ' ');
    }

    // ---- openssl ----

    /** Called with the write lock held. */
    private void startOpenssl() throws IOException {
        generation++;
        Path out = directory.resolve("openssl-" + generation + ".out");
        Path err = directory.resolve("openssl-" + generation + ".err");
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "ocsp", "-index", "index.txt", "-port", "0",
                "-CA", "ca.pem", "-rsigner", "signer.pem", "-rkey", "signer.key", "-ignore_err", "-timeout", "5"));
        if (nextUpdateMinutes != null) {
            command.addAll(List.of("-nmin", Integer.toString(nextUpdateMinutes)));
        }
        process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // Port 0: openssl binds an ephemeral port and names it on standard output, no race.
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher accept = ACCEPT_LINE.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (accept.find()) {
                opensslPort = Integer.parseInt(accept.group(1));
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(10);
        }
        killOpenssl();
        throw new IllegalStateException("openssl ocsp did not start listening: " + String.join(" ", command)
                + "\n--- stdout ---\n" + Files.readString(out, StandardCharsets.UTF_8)
                + "\n--- stderr ---\n" + Files.readString(err, StandardCharsets.UTF_8));
    }

    private void killOpenssl() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for openssl ocsp", e);
        }
    }

    // ---- the HTTP front ----

    /** Binds 127.0.0.1:{@code wanted} (0: any); a restart may wait for the kernel to free the old port. */
    private void startFront(int wanted) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
                server.createContext("/", this::forward);
                server.setExecutor(handlers);
                server.start();
                front = server;
                port = server.getAddress().getPort();
                return;
            } catch (BindException e) {
                last = e;
                sleep(100);
            }
        }
        throw last;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] response;
            processLock.readLock().lock();
            try {
                response = askOpenssl(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body);
            } finally {
                processLock.readLock().unlock();
            }
            HttpReply reply = HttpReply.parse(response);
            byte[] answer = corruptSignatures && reply.status() == 200 ? corruptSignature(reply.body()) : reply.body();
            exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private byte[] askOpenssl(String method, String path, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), opensslPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST".equals(method)
                    ? "POST " + path + " HTTP/1.0\r\nContent-Type: application/ocsp-request\r\nContent-Length: " + body.length + "\r\n\r\n"
                    : method + " " + path + " HTTP/1.0\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        }
    }

    /** Status and body of openssl's HTTP/1.0 answer, read to the end of the connection. */
    private record HttpReply(int status, byte[] body) {
        static HttpReply parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/") || end < 0) {
                return new HttpReply(502, new byte[0]);
            }
            int status = Integer.parseInt(text.substring(text.indexOf(' ') + 1, text.indexOf(' ') + 4));
            return new HttpReply(status, Arrays.copyOfRange(raw, end + 4, raw.length));
        }
    }

    /** Flips the last bit of the signature: for ECDSA and RSA alike the answer still parses, and fails to verify. */
    static byte[] corruptSignature(byte[] ocspResponse) throws IOException {
        OCSPResponse response = OCSPResponse.getInstance(ocspResponse);
        ResponseBytes bytes = response.getResponseBytes();
        if (bytes == null) {
            return ocspResponse;
        }
        BasicOCSPResponse basic = BasicOCSPResponse.getInstance(bytes.getResponse().getOctets());
        byte[] signature = basic.getSignature().getBytes();
        signature[signature.length - 1] ^= 1;
        BasicOCSPResponse broken = new BasicOCSPResponse(basic.getTbsResponseData(), basic.getSignatureAlgorithm(),
                new DERBitString(signature), basic.getCerts());
        return new OCSPResponse(response.getResponseStatus(),
                new ResponseBytes(bytes.getResponseType(), new DEROctetString(broken.getEncoded()))).getEncoded();
    }
}
