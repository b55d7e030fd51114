package dev.mtlskit.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key files as nginx's ssl_session_ticket_key reads them, several keys one after the other, and the files refused. */
class SessionTicketKeyTest {

    @TempDir
    Path tmp;

    @Test
    void aKeyIsItsNameThenItsAesKeyThenItsHmacKey() throws Exception {
        byte[] bytes = counting(48, 0);
        List<SessionTicketKey> keys = SessionTicketKey.load(privateFile("tickets.key", bytes));

        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(key.name()).isEqualTo(Arrays.copyOfRange(bytes, 0, 16));
            assertThat(key.aesKey()).isEqualTo(Arrays.copyOfRange(bytes, 16, 32));
            assertThat(key.hmacKey()).isEqualTo(Arrays.copyOfRange(bytes, 32, 48));
            assertThat(key).isEqualTo(SessionTicketKey.of(bytes)).isNotEqualTo(SessionTicketKey.of(counting(48, 1)));
        });
    }

    @Test
    void aFileOfSeveralKeysIsReadAsConsecutiveKeysFirstFirst() throws Exception {
        byte[] bytes = counting(3 * 48, 7);
        List<SessionTicketKey> keys = SessionTicketKey.load(privateFile("tickets.key", bytes));

        assertThat(keys).containsExactly(SessionTicketKey.of(Arrays.copyOfRange(bytes, 0, 48)),
                SessionTicketKey.of(Arrays.copyOfRange(bytes, 48, 96)), SessionTicketKey.of(Arrays.copyOfRange(bytes, 96, 144)));
    }

    @Test
    void theKeyBytesNeverAppearInItsText() throws Exception {
        byte[] bytes = counting(48, 0x41);
        SessionTicketKey key = SessionTicketKey.of(bytes);
        assertThat(key.toString()).isEqualTo("SessionTicketKey[…]").doesNotContain(HexFormat.of().formatHex(bytes, 0, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----"})
    void aFileOthersThanItsOwnerCanUseIsRefusedWithTheFix(String permissions) throws Exception {
        Path file = privateFile("my tickets.key", counting(48, 0));
        notRoots(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        assertThatThrownBy(() -> SessionTicketKey.load(file)).isInstanceOf(MaterialException.class)
                .hasMessage(file + " can be read by others than its owner (" + permissions + "): whoever reads a "
                        + "session-ticket key can decrypt the sessions it protects; make it private: chmod 600 '" + file + "'")
                .extracting(e -> ((MaterialException) e).file()).isEqualTo(file);
    }

    /** As a Kubernetes Secret volume with an fsGroup has it: root's file, 0440 (PostgreSQL's rule for its key). */
    @Test
    void aFileOfRootsMayBeReadByItsGroupButNotByOthers() throws Exception {
        Path file = privateFile("tickets.key", counting(48, 0));
        try {
            Files.setAttribute(file, "unix:uid", 0);
        } catch (java.io.IOException notRoot) {
            org.junit.jupiter.api.Assumptions.abort("only root can give a file to root: " + notRoot.getMessage());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
        assertThat(SessionTicketKey.load(file)).hasSize(1);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> SessionTicketKey.load(file)).hasMessageStartingWith(file + " can be read by others than "
                + "its owner (rw-rw----)");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        assertThatThrownBy(() -> SessionTicketKey.load(file)).hasMessageStartingWith(file + " can be read by others than "
                + "its owner (r--r--r--)");
    }

    @Test
    void aSymbolicLinkIsJudgedByItsTarget() throws Exception {
        // As a Kubernetes secret volume has it: tls.key -> ..data/tls.key
        Path target = privateFile("target.key", counting(48, 0));
        Path link = Files.createSymbolicLink(tmp.resolve("link.key"), target);
        assertThat(SessionTicketKey.load(link)).hasSize(1);
        notRoots(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> SessionTicketKey.load(link)).hasMessageStartingWith(link + " can be read by others");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 47, 49, 95, 97})
    void aFileThatIsNotWholeKeysIsRefusedWithTheCommandThatMakesOne(int size) throws Exception {
        Path file = privateFile("tickets.key", new byte[size]);
        assertThatThrownBy(() -> SessionTicketKey.load(file)).isInstanceOf(MaterialException.class)
                .hasMessage(file + " holds " + size + (size == 1 ? " byte" : " bytes") + ": a session-ticket key file "
                        + "holds 48 random bytes per key (nginx's ssl_session_ticket_key format); make one with: "
                        + "openssl rand 48 > " + file);
    }

    @Test
    void nginxsAes256KeysAreRefusedSayingWhy() throws Exception {
        Path file = privateFile("tickets.key", new byte[80]);
        assertThatThrownBy(() -> SessionTicketKey.load(file)).isInstanceOf(MaterialException.class)
                .hasMessage(file + " holds 80 bytes, nginx's AES-256 key format, which the TLS engine cannot use (its "
                        + "session tickets are AES-128): make a 48-byte key with: openssl rand 48 > " + file);
    }

    @Test
    void aFileFarTooLargeIsNotReadAsKeys() throws Exception {
        Path file = privateFile("tickets.key", new byte[48 * 101]);
        assertThatThrownBy(() -> SessionTicketKey.load(file)).isInstanceOf(MaterialException.class)
                .hasMessage(file + " holds 4848 bytes, more than 100 keys of 48 bytes: is it a key file? make one with: "
                        + "openssl rand 48 > " + file);
        assertThat(SessionTicketKey.load(privateFile("many.key", new byte[48 * 100]))).hasSize(100);
    }

    @Test
    void aMissingFileIsNamedWithTheCommandsThatMakeIt() {
        Path file = tmp.resolve("tickets.key");
        assertThatThrownBy(() -> SessionTicketKey.load(file)).isInstanceOf(MaterialException.class)
                .hasMessage(file + " does not exist: check the path, or make a key with: openssl rand 48 > " + file
                        + " && chmod 600 " + file);
    }

    /** A file root owns may be read by its group: the tests of the other rule (run as root here) give it away. */
    static void notRoots(Path file) throws Exception {
        if (Integer.valueOf(0).equals(Files.getAttribute(file, "unix:uid"))) {
            Files.setAttribute(file, "unix:uid", 65534); // nobody
        }
    }

    private Path privateFile(String name, byte[] content) throws Exception {
        Path file = tmp.resolve(name);
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Bytes start, start + 1, ...: each position recognizable. */
    private static byte[] counting(int size, int start) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (start + i);
        }
        return bytes;
    }
}
