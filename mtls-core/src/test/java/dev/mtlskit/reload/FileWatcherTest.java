package dev.mtlskit.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.testing.EndpointFiles;
import dev.mtlskit.testing.SecretVolume;
import dev.mtlskit.testing.TestPki;

/** Every way files get replaced is seen, and only content changes count. */
class FileWatcherTest {

    private static final HeldCertificate ALICE = TestPki.client("alice");
    private static final HeldCertificate BOB = TestPki.client("bob");

    @TempDir
    Path tmp;

    @Test
    void nothingChanged() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        FileWatcher watcher = watcher(files);
        assertThat(watcher.poll()).isFalse();
        assertThat(watcher.poll()).isFalse();
    }

    @Test
    void editorWritingInPlace() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        FileWatcher watcher = watcher(files);
        TestPki.writeInPlace(files.certificate(), TestPki.pem(BOB));
        assertThat(watcher.poll()).isTrue();
        assertThat(watcher.poll()).isFalse();
    }

    @Test
    void touchIsNoChange() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        FileWatcher watcher = watcher(files);
        Files.setLastModifiedTime(files.key(), FileTime.from(Instant.now().plusSeconds(60)));
        TestPki.writeInPlace(files.ca(), Files.readString(files.ca()));
        assertThat(watcher.poll()).isFalse();
    }

    @Test
    void rewriteOfTheSameSizeWithinOneTimestampTick() throws Exception {
        // On file systems with coarse timestamps a quick rewrite of the same size leaves the stat as it was.
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        FileTime tick = Files.getLastModifiedTime(files.certificate());
        FileWatcher watcher = watcher(files);
        TestPki.writeInPlace(files.certificate(), sameSizeOtherContent(files.certificate()));
        Files.setLastModifiedTime(files.certificate(), tick);
        assertThat(watcher.poll()).isTrue();
    }

    @Test
    void atomicRename() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        FileWatcher watcher = watcher(files);
        TestPki.replaceAtomically(files.key(), TestPki.keyPem(BOB));
        assertThat(watcher.poll()).isTrue();
        assertThat(watcher.poll()).isFalse();
    }

    @Test
    void kubernetesSecretSwap() throws Exception {
        SecretVolume volume = SecretVolume.create(tmp, ALICE);
        FileWatcher watcher = new FileWatcher(volume.tlsFiles().files(), Clock.systemUTC());
        // The paths watched are the links, which never change themselves.
        FileTime linkTime = Files.getLastModifiedTime(volume.file("tls.crt"), LinkOption.NOFOLLOW_LINKS);
        volume.update(BOB);
        assertThat(Files.getLastModifiedTime(volume.file("tls.crt"), LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(linkTime);
        assertThat(watcher.poll()).isTrue();
        assertThat(watcher.poll()).isFalse();
    }

    @Test
    void fileDisappearsAndComesBack() throws Exception {
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        FileWatcher watcher = watcher(files);
        String key = Files.readString(files.key());
        Files.delete(files.key());
        assertThat(watcher.poll()).isTrue();
        assertThat(watcher.poll()).isFalse();
        Files.writeString(files.key(), key);
        assertThat(watcher.poll()).isTrue();
    }

    @Test
    void oldFilesAreOnlyStatted() throws Exception {
        // Outside the racy window an unchanged stat means unchanged: a same-size rewrite that also keeps
        // the old timestamp is not seen (what the window is for, for recent files).
        EndpointFiles files = EndpointFiles.write(tmp, ALICE);
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        for (Path file : List.of(files.certificate(), files.key(), files.ca())) {
            Files.setLastModifiedTime(file, old);
        }
        FileWatcher watcher = watcher(files);
        TestPki.writeInPlace(files.certificate(), sameSizeOtherContent(files.certificate()));
        Files.setLastModifiedTime(files.certificate(), old);
        assertThat(watcher.poll()).isFalse();
    }

    private static String sameSizeOtherContent(Path file) throws Exception {
        String content = Files.readString(file);
        String other = content.replace("-----END CERTIFICATE-----", "-----END CERTIFICATX-----");
        assertThat(other).hasSameSizeAs(content).isNotEqualTo(content);
        return other;
    }

    private static FileWatcher watcher(EndpointFiles files) {
        return new FileWatcher(files.tlsFiles().files(), Clock.fixed(Instant.now(), ZoneOffset.UTC));
    }
}
