package dev.mtlskit.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.jcajce.JcaPKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.material.MaterialException;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.testing.EndpointFiles;
import dev.mtlskit.testing.SecretVolume;
import dev.mtlskit.testing.TestPki;

class ReloadingTlsMaterialTest {

    private static final HeldCertificate ALICE = TestPki.client("alice");
    private static final HeldCertificate BOB = TestPki.client("bob");
    /** Long enough that the scheduled poller never runs during a test that polls by hand. */
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path tmp;

    @Test
    void loadsTheFilesIntoASnapshot() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.load(files.tlsFiles())) {
            TlsMaterial snapshot = material.current();
            assertThat(snapshot.leaf()).isEqualTo(ALICE.certificate());
            assertThat(snapshot.keyMaterial().privateKey().getEncoded())
                    .isEqualTo(ALICE.keyPair().getPrivate().getEncoded());
            assertThat(snapshot.trustAnchors()).containsExactly(TestPki.ROOT.certificate());
            assertThat(snapshot.fingerprint()).matches("[0-9a-f]{64}");
            assertThat(snapshot.toString()).contains("CN=alice").doesNotContain("PRIVATE");
            assertThat(material.isWatching()).isFalse();
        }
    }

    @Test
    void aFirstLoadThatFailsNamesTheFile() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        Files.delete(files.key());
        assertThatThrownBy(() -> ReloadingTlsMaterial.watch(files.tlsFiles()))
                .isInstanceOf(MaterialException.class)
                .hasMessage(files.key() + " does not exist: check the path");
    }

    @Test
    void theSameCertificatesWrittenAgainAreNoChange() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.load(files.tlsFiles())) {
            List<ReloadResult> heard = listen(material);
            TlsMaterial before = material.current();
            TestPki.replaceAtomically(files.certificate(), "# renewed? no, the same\n" + TestPki.pem(ALICE));

            ReloadResult result = material.reloadNow();

            assertThat(result).isInstanceOf(ReloadResult.Unchanged.class);
            assertThat(result.current()).isSameAs(before);
            assertThat(material.current()).isSameAs(before);
            assertThat(heard).isEmpty();
        }
    }

    @Test
    void newFilesAreInstalledAndListenersHearOfIt() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.load(files.tlsFiles())) {
            List<ReloadResult> heard = listen(material);
            TlsMaterial before = material.current();
            files.replace(BOB);

            ReloadResult result = material.reloadNow();

            assertThat(result).isInstanceOfSatisfying(ReloadResult.Changed.class, changed -> {
                assertThat(changed.previous()).isSameAs(before);
                assertThat(changed.current().leaf()).isEqualTo(BOB.certificate());
                assertThat(changed.current().fingerprint()).isNotEqualTo(before.fingerprint());
            });
            assertThat(material.current()).isSameAs(result.current());
            assertThat(heard).containsExactly(result);
        }
    }

    @Test
    void aFailedReloadKeepsTheMaterialAndListenersHearWhy() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.load(files.tlsFiles())) {
            List<ReloadResult> heard = listen(material);
            TlsMaterial before = material.current();
            TestPki.replaceAtomically(files.key(), TestPki.pem(BOB));

            ReloadResult result = material.reloadNow();

            assertThat(result).isInstanceOfSatisfying(ReloadResult.Failed.class, failed -> {
                assertThat(failed.current()).isSameAs(before);
                assertThat(failed.error().file()).isEqualTo(files.key());
                assertThat(failed.error()).hasMessage(files.key() + " holds no private key (it looks like a "
                        + "certificate): pass the key file, not the certificate");
            });
            assertThat(material.current()).isSameAs(before);
            assertThat(heard).containsExactly(result);
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheReload() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.load(files.tlsFiles())) {
            List<Throwable> uncaught = new CopyOnWriteArrayList<>();
            Thread.UncaughtExceptionHandler handler = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
            try {
                material.addListener(result -> {
                    throw new IllegalStateException("listener bug");
                });
                List<ReloadResult> heard = listen(material);
                files.replace(BOB);
                assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Changed.class);
                assertThat(heard).hasSize(1);
                assertThat(uncaught).singleElement().satisfies(e -> assertThat(e).hasMessage("listener bug"));
            } finally {
                Thread.currentThread().setUncaughtExceptionHandler(handler);
            }
        }
    }

    @Test
    void thePollerRetriesAHalfWrittenPairAndReportsEachErrorOnce() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.watch(files.tlsFiles(), NEVER)) {
            List<ReloadResult> heard = listen(material);
            TestPki.replaceAtomically(files.certificate(), TestPki.pem(BOB));

            material.poll();
            material.poll();
            material.poll();

            assertThat(heard).singleElement().isInstanceOfSatisfying(ReloadResult.Failed.class,
                    failed -> assertThat(failed.error()).hasMessageContaining(files.key() + " (EC P-256) does not match"));
            assertThat(material.current().leaf()).isEqualTo(ALICE.certificate());

            // A different problem while still failing is worth telling.
            TestPki.replaceAtomically(files.key(), "garbage");
            material.poll();
            assertThat(heard).hasSize(2);
            assertThat(((ReloadResult.Failed) heard.get(1)).error()).hasMessageStartingWith(files.key().toString());

            TestPki.replaceAtomically(files.key(), TestPki.keyPem(BOB));
            material.poll();
            material.poll();

            assertThat(heard).hasSize(3);
            assertThat(heard.get(2)).isInstanceOf(ReloadResult.Changed.class);
            assertThat(material.current().leaf()).isEqualTo(BOB.certificate());
        }
    }

    @Test
    void filesPutBackAfterAFailureAreReportedOnceAsRecovered() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.watch(files.tlsFiles(), NEVER)) {
            List<ReloadResult> heard = listen(material);
            TlsMaterial before = material.current();
            TestPki.replaceAtomically(files.ca(), "");
            material.poll();
            assertThat(heard).singleElement().isInstanceOfSatisfying(ReloadResult.Failed.class,
                    failed -> assertThat(failed.failure()).isEqualTo(ReloadFailure.TRUST_FILES_UNUSABLE));

            TestPki.replaceAtomically(files.ca(), TestPki.pem(TestPki.ROOT));
            material.poll();
            material.poll();

            assertThat(heard).hasSize(2);
            assertThat(heard.get(1)).isEqualTo(new ReloadResult.Recovered(before));
            assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Unchanged.class);
            assertThat(heard).hasSize(2);
        }
    }

    @Test
    void sessionTicketKeysAreReadWithTheFilesAndANewKeyIsAChange() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        Path keys = tmp.resolve("tickets.key");
        byte[] first = new byte[48];
        first[0] = 1;
        writePrivate(keys, first);
        TlsFiles withKeys = TlsFiles.builder().certificateChain(files.certificate()).privateKey(files.key())
                .addTrustedCertificates(files.ca()).addSessionTicketKeys(keys).build();
        assertThat(withKeys.files()).endsWith(keys);
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.watch(withKeys, NEVER)) {
            List<ReloadResult> heard = listen(material);
            TlsMaterial before = material.current();
            assertThat(before.sessionTicketKeys()).containsExactly(dev.mtlskit.material.SessionTicketKey.of(first));
            assertThat(before.toString()).contains("sessionTicketKeys=1");

            writePrivate(keys, first); // rewritten the same: no change
            assertThat(material.reloadNow()).isInstanceOf(ReloadResult.Unchanged.class);

            byte[] rotated = new byte[96];
            rotated[0] = 2;
            System.arraycopy(first, 0, rotated, 48, 48);
            writePrivate(keys, rotated);
            material.poll();

            assertThat(heard).singleElement().isInstanceOfSatisfying(ReloadResult.Changed.class, changed -> {
                assertThat(changed.current().sessionTicketKeys()).hasSize(2);
                // Same certificates: the fingerprints (which may be logged) hold no key.
                assertThat(changed.current().fingerprint()).isEqualTo(before.fingerprint());
                assertThat(changed.current().trustFingerprint()).isEqualTo(before.trustFingerprint());
            });

            writePrivate(keys, new byte[47]);
            material.poll();
            assertThat(heard).hasSize(2).last().isInstanceOfSatisfying(ReloadResult.Failed.class, failed -> {
                assertThat(failed.failure()).isEqualTo(ReloadFailure.SESSION_TICKET_KEYS_UNUSABLE);
                assertThat(failed.error().file()).isEqualTo(keys);
            });
            assertThat(material.current().sessionTicketKeys()).hasSize(2);
        }
    }

    private static void writePrivate(Path file, byte[] content) throws Exception {
        Path next = Files.createTempFile(file.getParent(), "next", ".key"); // private to its owner
        Files.write(next, content);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void thePollerRetriesAFailureEvenWhenNoWatchedFileChanges() throws Exception {
        // The fix is in a file the watcher does not watch (the key's password file): the retries find it.
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        Path passwordFile = tmp.resolve("key-password.txt");
        Files.writeString(passwordFile, "old secret\n");
        TlsFiles tlsFiles = TlsFiles.builder().certificateChain(files.certificate()).privateKey(files.key())
                .keyPassword(PasswordSource.fromFile(passwordFile)).addTrustedCertificates(files.ca()).build();
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.watch(tlsFiles, NEVER)) {
            List<ReloadResult> heard = listen(material);
            TestPki.replaceAtomically(files.key(), encrypted(BOB, "new secret"));
            TestPki.replaceAtomically(files.certificate(), TestPki.pem(BOB));

            material.poll();
            material.poll();
            assertThat(heard).singleElement().isInstanceOfSatisfying(ReloadResult.Failed.class, failed ->
                    assertThat(failed.error()).hasMessage(files.key() + ": wrong password (from --key-pass-file "
                            + passwordFile + ")"));

            Files.writeString(passwordFile, "new secret\n");
            material.poll();

            assertThat(heard).hasSize(2);
            assertThat(heard.get(1)).isInstanceOf(ReloadResult.Changed.class);
            assertThat(material.current().leaf()).isEqualTo(BOB.certificate());
        }
    }

    @Test
    void theWatcherPicksUpARenamedFileWithinSeconds() throws Exception {
        // Key and chain in one file: a single rename replaces both, so no poll can see half an update.
        Path pem = tmp.resolve("client.pem");
        Files.writeString(pem, TestPki.keyPem(ALICE) + TestPki.pem(ALICE));
        Path ca = tmp.resolve("ca.crt");
        Files.writeString(ca, TestPki.pem(TestPki.ROOT));
        TlsFiles files = TlsFiles.builder().certificateChain(pem).privateKey(pem).addTrustedCertificates(ca).build();
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.watch(files, Duration.ofMillis(200))) {
            BlockingQueue<ReloadResult> heard = new LinkedBlockingQueue<>();
            material.addListener(heard::add);
            TestPki.replaceAtomically(pem, TestPki.keyPem(BOB) + TestPki.pem(BOB));
            ReloadResult result = awaitChange(heard);
            assertThat(result.current().leaf()).isEqualTo(BOB.certificate());
            assertThat(material.current().leaf()).isEqualTo(BOB.certificate());
        }
    }

    @Test
    void theWatcherFollowsAKubernetesSecretSwap() throws Exception {
        SecretVolume volume = SecretVolume.create(tmp, ALICE);
        try (ReloadingTlsMaterial material = ReloadingTlsMaterial.watch(volume.tlsFiles(), Duration.ofMillis(200))) {
            BlockingQueue<ReloadResult> heard = new LinkedBlockingQueue<>();
            material.addListener(heard::add);
            volume.update(BOB);
            assertThat(awaitChange(heard).current().leaf()).isEqualTo(BOB.certificate());
        }
    }

    @Test
    void closeStopsTheWatcherThread() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        ReloadingTlsMaterial material = ReloadingTlsMaterial.watch(files.tlsFiles(), Duration.ofMillis(50));
        String threadName = "mtls-tls-reload " + files.certificate();
        assertThat(material.isWatching()).isTrue();
        assertThat(threadNamed(threadName)).isNotNull();

        material.close();

        assertThat(material.isWatching()).isFalse();
        Thread thread = threadNamed(threadName);
        if (thread != null) {
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
        assertThat(material.current().leaf()).isEqualTo(ALICE.certificate()); // still usable
    }

    @Test
    void filesNeedATrustBundle() {
        assertThatThrownBy(() -> TlsFiles.builder().certificateChain(tmp.resolve("a.crt"))
                .privateKey(tmp.resolve("a.key")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trustedCertificates: empty");
        TlsFiles combined = TlsFiles.builder().certificateChain(tmp.resolve("a.pem")).privateKey(tmp.resolve("a.pem"))
                .addTrustedCertificates(tmp.resolve("ca.pem")).addCrl(tmp.resolve("ca.crl")).build();
        assertThat(combined.files()).containsExactly(tmp.resolve("a.pem"), tmp.resolve("ca.pem"), tmp.resolve("ca.crl"));
    }

    private static String encrypted(HeldCertificate held, String password) throws Exception {
        return PemWriter.pem(new JcaPKCS8EncryptedPrivateKeyInfoBuilder(held.keyPair().getPrivate())
                .build(new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                        .setProvider(new BouncyCastleProvider()).build(password.toCharArray())));
    }

    private static List<ReloadResult> listen(ReloadingTlsMaterial material) {
        List<ReloadResult> heard = new CopyOnWriteArrayList<>();
        material.addListener(heard::add);
        return heard;
    }

    /** The first change heard, failing on a failure or after a generous timeout. */
    private static ReloadResult awaitChange(BlockingQueue<ReloadResult> heard) throws InterruptedException {
        ReloadResult result = heard.poll(20, TimeUnit.SECONDS);
        assertThat(result).as("a reload within 20 s").isInstanceOf(ReloadResult.Changed.class);
        return result;
    }

    private static Thread threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElse(null);
    }
}
