package dev.mtlskit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mtlskit.gateway.GatewayFixture.RunningGateway;
import dev.mtlskit.gateway.config.AdminConfig;
import dev.mtlskit.gateway.config.TlsProvider;
import dev.mtlskit.material.MaterialException;
import dev.mtlskit.testing.Programs;

import io.micrometer.core.instrument.Counter;

/**
 * Gateways that share session-ticket key files (nginx's 48-byte format) resume each other's TLS 1.3
 * and 1.2 sessions, directly and behind HAProxy balancing TCP round robin, and gateways that do not
 * share them do not; keys rotate without a restart (the old key's tickets resume while it is listed
 * second, not after it is removed); key files others can read or of the wrong size are refused,
 * naming the file and the fix. Real openssl s_client sessions ({@code -sess_out}/{@code -sess_in}).
 */
class SharedSessionTicketKeysTest {

    @RegisterExtension
    static final GatewayFixture fixture = new GatewayFixture();

    @RegisterExtension
    static final LogCapture reloads = LogCapture.of("mtls.reload");

    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void gatewaysSharingAKeyFileResumeEachOthersSessions(String version) throws Exception {
        Path keys = keyFile(newKey());
        RunningGateway first = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keys).start();
        RunningGateway second = counted(keys);
        Path session = sessionFile();

        Programs.Result full = request(first, version, "-sess_out", session.toString());
        assertThat(full.stdout()).as(full.describe()).contains("New, TLSv1.").contains("HTTP/1.1 200");

        Programs.Result elsewhere = request(second, version, "-sess_in", session.toString());
        assertThat(elsewhere.stdout()).as(elsewhere.describe()).contains("Reused, TLSv1.").contains("HTTP/1.1 200")
                .contains("\"common_name\":\"acme\"");
        Programs.Result back = request(first, version, "-sess_in", session.toString());
        assertThat(back.stdout()).as(back.describe()).contains("Reused, TLSv1.");
        assertThat(resumed(second)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void gatewaysWithoutSharedKeysDoNotResumeEachOthersSessions(String version) throws Exception {
        RunningGateway first = fixture.gateway(TlsProvider.OPENSSL).start();
        RunningGateway second = fixture.gateway(TlsProvider.OPENSSL).start();
        RunningGateway ownKeys = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keyFile(newKey())).start();
        Path session = sessionFile();
        request(first, version, "-sess_out", session.toString()).successfulOutput();

        for (RunningGateway other : List.of(second, ownKeys)) {
            Programs.Result result = request(other, version, "-sess_in", session.toString());
            assertThat(result.stdout()).as(result.describe()).contains("New, TLSv1.").contains("HTTP/1.1 200");
        }
        Programs.Result same = request(first, version, "-sess_in", session.toString());
        assertThat(same.stdout()).as("the session itself is resumable\n" + same.describe()).contains("Reused, TLSv1.");
    }

    /**
     * The documented rotation, in one file: the new key is added first (it encrypts new tickets, the
     * old one still decrypts), then the old one is removed (its tickets no longer resume).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void keysRotateWithoutARestart(String version) throws Exception {
        byte[] oldKey = newKey();
        byte[] newKey = newKey();
        Path keys = keyFile(oldKey);
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keys).start();
        RunningGateway newKeyOnly = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keyFile(newKey)).start();
        Path oldSession = sessionFile();
        request(gateway, version, "-sess_out", oldSession.toString()).successfulOutput();

        replace(keys, concat(newKey, oldKey));
        gateway.gateway().reloadTls();
        assertThat(reloads.awaitLine("reloaded listener " + gateway.listener() + ":"))
                .endsWith("reloaded listener " + gateway.listener() + ": session-ticket keys: 2 keys, a new one "
                        + "encrypts new tickets");
        Programs.Result overlap = request(gateway, version, "-sess_in", oldSession.toString());
        assertThat(overlap.stdout()).as("the old key still decrypts\n" + overlap.describe()).contains("Reused, TLSv1.");
        Path newSession = sessionFile();
        request(gateway, version, "-sess_out", newSession.toString()).successfulOutput();
        Programs.Result encryptedWithTheNewKey = request(newKeyOnly, version, "-sess_in", newSession.toString());
        assertThat(encryptedWithTheNewKey.stdout()).as("the first key encrypts\n" + encryptedWithTheNewKey.describe())
                .contains("Reused, TLSv1.");

        replace(keys, newKey);
        gateway.gateway().reloadTls();
        Programs.Result removed = request(gateway, version, "-sess_in", oldSession.toString());
        assertThat(removed.stdout()).as("the old key is gone\n" + removed.describe()).contains("New, TLSv1.")
                .contains("HTTP/1.1 200");
        Programs.Result kept = request(gateway, version, "-sess_in", newSession.toString());
        assertThat(kept.stdout()).as(kept.describe()).contains("Reused, TLSv1.");
    }

    /**
     * The ticket the client holds is sealed as nginx seals it with the same file: bytes 0–15 name
     * the key, 16–31 are the AES-128-CBC key, 32–47 the HMAC-SHA256 key (ticket: name, IV,
     * encrypted session, HMAC of all before it).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void theTicketIsSealedWithTheKeyFileLaidOutAsNginxReadsIt(String version) throws Exception {
        byte[] key = newKey();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keyFile(key)).start();
        Path session = sessionFile();
        request(gateway, version, "-sess_out", session.toString()).successfulOutput();

        byte[] ticket = ticket(session);
        assertThat(Arrays.copyOfRange(ticket, 0, 16)).as("key name").isEqualTo(Arrays.copyOfRange(key, 0, 16));
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new javax.crypto.spec.SecretKeySpec(Arrays.copyOfRange(key, 32, 48), "HmacSHA256"));
        assertThat(hmac.doFinal(Arrays.copyOfRange(ticket, 0, ticket.length - 32)))
                .as("HMAC-SHA256 with bytes 32-47").isEqualTo(Arrays.copyOfRange(ticket, ticket.length - 32, ticket.length));
        javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/CBC/PKCS5Padding");
        aes.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(Arrays.copyOfRange(key, 16, 32), "AES"),
                new javax.crypto.spec.IvParameterSpec(Arrays.copyOfRange(ticket, 16, 32)));
        byte[] sealed = aes.doFinal(Arrays.copyOfRange(ticket, 32, ticket.length - 32));
        assertThat(sealed[0]).as("AES-128-CBC with bytes 16-31 opens a DER session (a SEQUENCE)").isEqualTo((byte) 0x30);
    }

    /** The session ticket in a session file of s_client, as openssl sess_id prints it. */
    private static byte[] ticket(Path session) throws Exception {
        String text = Programs.run(List.of(Programs.require("openssl", "openssl").toString(), "sess_id", "-in",
                session.toString(), "-noout", "-text"), Duration.ofSeconds(10)).successfulOutput();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        String dump = text.substring(text.indexOf("TLS session ticket:"));
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^\\s+[0-9a-f]{4} - ((?:[0-9a-f]{2}[ -]){0,15}[0-9a-f]{2})")
                .matcher(dump);
        int expected = 0;
        while (line.find() && Integer.parseInt(line.group().trim().substring(0, 4), 16) == expected) {
            for (String octet : line.group(1).split("[ -]")) {
                bytes.write(Integer.parseInt(octet, 16));
            }
            expected += 16;
        }
        assertThat(bytes.size()).as("ticket bytes in\n" + text).isGreaterThan(64);
        return bytes.toByteArray();
    }

    /** The rotation as docs/operations.md gives it, its commands run by sh in the key file's directory, on two replicas. */
    @Test
    void theDocumentedRotationKeepsEverySessionResumableUntilTheOldKeyIsRemoved() throws Exception {
        String make = "umask 077 && openssl rand 48 > tickets.key";
        String addSecond = "{ cat tickets.key; openssl rand 48; } > next && mv next tickets.key";
        String putFirst = "{ tail -c 48 tickets.key; head -c 48 tickets.key; } > next && mv next tickets.key";
        String removeOld = "head -c 48 tickets.key > next && mv next tickets.key";
        String operations = Files.readString(Path.of("..", "docs", "operations.md"));
        assertThat(operations).as("docs/operations.md gives it").contains("$ " + make.replace("tickets.key", "/etc/mtls/tickets.key"));
        for (String command : List.of(addSecond, putFirst, removeOld)) {
            assertThat(operations).as("docs/operations.md gives it").contains("`" + command + "`");
        }
        Path directory = Files.createTempDirectory(fixture.scratch(), "keys");
        sh(directory, make);
        Path keys = directory.resolve("tickets.key");
        // Each replica sees the file when the test says, as replicas whose volumes update at different moments.
        RunningGateway first = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keys).reloadOnlyWhenAsked().start();
        RunningGateway second = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keys).reloadOnlyWhenAsked().start();
        Path old = sessionFile();
        request(first, "-tls1_3", "-sess_out", old.toString()).successfulOutput();

        sh(directory, "umask 077 && " + addSecond);
        first.gateway().reloadTls(); // the second replica has not seen it yet
        assertThat(reloads.awaitLine("reloaded listener " + first.listener() + ":")).endsWith("reloaded listener "
                + first.listener() + ": session-ticket keys: 2 keys, the same one encrypts new tickets");
        Path stillOld = sessionFile();
        request(first, "-tls1_3", "-sess_out", stillOld.toString()).successfulOutput();
        assertThat(request(second, "-tls1_3", "-sess_in", stillOld.toString()).stdout())
                .as("the new key only decrypts: a replica a step behind resumes").contains("Reused, TLSv1.3");
        second.gateway().reloadTls();

        sh(directory, "umask 077 && " + putFirst);
        first.gateway().reloadTls();
        Path fresh = sessionFile();
        request(first, "-tls1_3", "-sess_out", fresh.toString()).successfulOutput();
        assertThat(request(second, "-tls1_3", "-sess_in", fresh.toString()).stdout())
                .as("the replica at step 1 decrypts the new key's tickets").contains("Reused, TLSv1.3");
        second.gateway().reloadTls();
        assertThat(request(second, "-tls1_3", "-sess_in", old.toString()).stdout()).contains("Reused, TLSv1.3");

        sh(directory, "umask 077 && " + removeOld);
        first.gateway().reloadTls();
        second.gateway().reloadTls();
        assertThat(request(second, "-tls1_3", "-sess_in", old.toString()).stdout()).contains("New, TLSv1.3");
        assertThat(request(first, "-tls1_3", "-sess_in", fresh.toString()).stdout()).contains("Reused, TLSv1.3");
    }

    private static void sh(Path directory, String command) throws Exception {
        Programs.require("openssl", "openssl");
        Programs.run(List.of("sh", "-c", command), directory, "", Duration.ofSeconds(10)).successfulOutput();
    }

    @Test
    void keysInTwoFilesAreReadInOrderAndAKeyFileMadeByOpensslRandIsRead() throws Exception {
        Path made = Files.createTempFile(fixture.scratch(), "openssl-rand", ".key"); // private to its owner
        Programs.run(List.of(Programs.require("openssl", "openssl").toString(), "rand", "-out", made.toString(), "48"),
                Duration.ofSeconds(10)).successfulOutput();
        byte[] other = newKey();
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(made, keyFile(other)).start();
        RunningGateway firstOnly = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(made).start();
        RunningGateway secondOnly = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keyFile(other)).start();
        Path fromSecondFile = sessionFile();
        request(secondOnly, "-tls1_3", "-sess_out", fromSecondFile.toString()).successfulOutput();
        Path fromBoth = sessionFile();
        request(gateway, "-tls1_3", "-sess_out", fromBoth.toString()).successfulOutput();

        assertThat(request(gateway, "-tls1_3", "-sess_in", fromSecondFile.toString()).stdout()).contains("Reused, TLSv1.3");
        assertThat(request(firstOnly, "-tls1_3", "-sess_in", fromBoth.toString()).stdout()).contains("Reused, TLSv1.3");
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        Path keys = keyFile(newKey());
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keys).start())
                .isInstanceOf(MaterialException.class)
                .hasMessage(keys + " can be read by others than its owner (rw-r--r--): whoever reads a session-ticket "
                        + "key can decrypt the sessions it protects; make it private: chmod 600 " + keys);
    }

    @Test
    void aKeyFileOfTheWrongSizeIsRefusedWithTheFix() throws Exception {
        Path keys = keyFile(new byte[49]);
        assertThatThrownBy(() -> fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keys).start())
                .isInstanceOf(MaterialException.class)
                .hasMessage(keys + " holds 49 bytes: a session-ticket key file holds 48 random bytes per key (nginx's "
                        + "ssl_session_ticket_key format); make one with: openssl rand 48 > " + keys);
        Path nginxAes256 = keyFile(new byte[80]);
        assertThatThrownBy(() -> fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(nginxAes256).start())
                .isInstanceOf(MaterialException.class)
                .hasMessage(nginxAes256 + " holds 80 bytes, nginx's AES-256 key format, which the TLS engine cannot "
                        + "use (its session tickets are AES-128): make a 48-byte key with: openssl rand 48 > " + nginxAes256);
    }

    /** A reload that finds a broken key file keeps the keys in use: their tickets still resume. */
    @Test
    void aBrokenKeyFileAtAReloadKeepsTheKeysInUse() throws Exception {
        byte[] key = newKey();
        Path keys = keyFile(key);
        RunningGateway gateway = fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keys).start();
        Path session = sessionFile();
        request(gateway, "-tls1_3", "-sess_out", session.toString()).successfulOutput();

        replace(keys, Arrays.copyOf(key, 47));
        gateway.gateway().reloadTls();

        assertThat(reloads.awaitLine("reload failed: listener " + gateway.listener() + ":"))
                .contains("reload failed: listener " + gateway.listener() + ": SESSION_TICKET_KEYS_UNUSABLE: " + keys
                        + " holds 47 bytes: a session-ticket key file holds 48 random bytes per key (nginx's "
                        + "ssl_session_ticket_key format); make one with: openssl rand 48 > " + keys + "; still serving CN=");
        assertThat(request(gateway, "-tls1_3", "-sess_in", session.toString()).stdout()).contains("Reused, TLSv1.3");
    }

    /**
     * Debian's HAProxy in TCP mode, round robin over two gateways sharing the keys: every reconnect
     * resumes, whichever gateway it lands on (each gets half of them); without shared keys, those
     * that land on the other gateway do not.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-tls1_3", "-tls1_2"})
    void behindHaproxyRoundRobinEveryReconnectResumes(String version) throws Exception {
        Path haproxy = Programs.require("haproxy", "haproxy (apt-get install haproxy)");
        Path keys = keyFile(newKey());
        RunningGateway first = counted(keys);
        RunningGateway second = counted(keys);
        int port = fixture.closeAfterTest(Haproxy.start(haproxy, fixture.scratch(), first.port(), second.port())).port();
        Path session = sessionFile();
        Programs.Result full = request(port, version, "-sess_out", session.toString());
        assertThat(full.stdout()).as(full.describe()).contains("New, TLSv1.");

        for (int i = 0; i < 6; i++) {
            Programs.Result again = request(port, version, "-sess_in", session.toString());
            assertThat(again.stdout()).as("reconnect " + (i + 1) + "\n" + again.describe()).contains("Reused, TLSv1.")
                    .contains("HTTP/1.1 200").contains("\"common_name\":\"acme\"");
        }
        assertThat(List.of(resumed(first), resumed(second))).as("resumed on each gateway").containsExactly(3.0, 3.0);

        RunningGateway third = fixture.gateway(TlsProvider.OPENSSL).start();
        RunningGateway fourth = fixture.gateway(TlsProvider.OPENSSL).start();
        int unshared = fixture.closeAfterTest(Haproxy.start(haproxy, fixture.scratch(), third.port(), fourth.port())).port();
        Path own = sessionFile();
        request(unshared, version, "-sess_out", own.toString()).successfulOutput();
        List<Boolean> reused = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // the other gateway, the same, the other, the same
            reused.add(request(unshared, version, "-sess_in", own.toString()).stdout().contains("Reused, TLSv1."));
        }
        assertThat(reused).containsExactly(false, true, false, true);
    }

    /** A HAProxy in TCP mode balancing round robin over two ports of 127.0.0.1, in the foreground. */
    private record Haproxy(Process process, int port) implements AutoCloseable {

        static Haproxy start(Path haproxy, Path directory, int first, int second) throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path config = Files.createTempFile(directory, "haproxy", ".cfg");
            Files.writeString(config, """
                    global
                        nbthread 1
                    defaults
                        mode tcp
                        timeout connect 5s
                        timeout client 30s
                        timeout server 30s
                    frontend gateways
                        bind 127.0.0.1:%d
                        default_backend replicas
                    backend replicas
                        balance roundrobin
                        server first 127.0.0.1:%d
                        server second 127.0.0.1:%d
                    """.formatted(port, first, second));
            Path log = Files.createTempFile(directory, "haproxy", ".log");
            Process process = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Haproxy started = new Haproxy(process, port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    break;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        started.close();
                        throw new AssertionError("haproxy did not listen on " + port + ":\n" + Files.readString(log));
                    }
                    Thread.sleep(20);
                }
            }
            return started;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A gateway with the key file whose metrics count (they do with an admin listener). */
    private static RunningGateway counted(Path keys) throws Exception {
        return fixture.gateway(TlsProvider.OPENSSL).sessionTicketKeys(keys)
                .admin(AdminConfig.loopback(new InetSocketAddress("127.0.0.1", 0))).start();
    }

    private static double resumed(RunningGateway gateway) {
        Counter counter = gateway.gateway().metrics().registry().find("mtls.sessions.resumed")
                .tag("listener", gateway.listener()).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] newKey() {
        byte[] key = new byte[48];
        RANDOM.nextBytes(key);
        return key;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** A new key file, private to its owner (as the documented {@code openssl rand 48 > FILE} with umask 077). */
    private static Path keyFile(byte[] content) throws IOException {
        Path file = Files.createTempFile(fixture.scratch(), "tickets", ".key");
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Replaces the file at once (a new file renamed over it), private to its owner. */
    private static void replace(Path file, byte[] content) throws IOException {
        Path next = Files.createTempFile(file.getParent(), "next", ".key");
        Files.write(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path sessionFile() throws IOException {
        Path session = Files.createTempFile(fixture.scratch(), "session", ".pem");
        Files.delete(session);
        return session;
    }

    private static Programs.Result request(RunningGateway gateway, String version, String... extra) throws Exception {
        return request(gateway.port(), version, extra);
    }

    /** One request on a fresh connection with s_client, which waits for the answer (-ign_eof). */
    private static Programs.Result request(int port, String version, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Programs.require("openssl", "openssl (apt-get install openssl)").toString(),
                "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost",
                "-CAfile", fixture.pki().caCertificate.toString(),
                "-cert", fixture.pki().acme.certificate().toString(), "-key", fixture.pki().acme.key().toString(),
                version, "-ign_eof"));
        command.addAll(List.of(extra));
        return Programs.run(command, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", Duration.ofSeconds(30));
    }
}
