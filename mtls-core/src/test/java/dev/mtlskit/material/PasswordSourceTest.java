package dev.mtlskit.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {

    @TempDir
    Path tmp;

    @Test
    void noneIsAbsent() {
        PasswordSource none = PasswordSource.none();
        assertThat(none.isPresent()).isFalse();
        assertThat(none.describe()).isEqualTo("no password");
        assertThatThrownBy(none::password).isInstanceOf(MaterialException.class)
                .hasMessage("no password given: pass --key-pass-file FILE (or --key-pass-env VAR / --key-pass)");
    }

    @Test
    void givenPasswordIsCopiedAndNeverPrinted() {
        char[] typed = "s3cret!".toCharArray();
        PasswordSource given = PasswordSource.of(typed);
        java.util.Arrays.fill(typed, 'x'); // the caller wipes its array
        assertThat(given.isPresent()).isTrue();
        assertThat(given.password()).containsExactly("s3cret!".toCharArray());
        given.password()[0] = 'X'; // callers get a copy they may wipe too
        assertThat(given.password()).containsExactly("s3cret!".toCharArray());
        assertThat(given.describe()).isEqualTo("--key-pass");
        assertThat(given.toString()).doesNotContain("s3cret");
    }

    @Test
    void environmentVariable() {
        PasswordSource set = new Passwords.Environment("KEY_PASS", Map.of("KEY_PASS", "from-env")::get);
        assertThat(set.isPresent()).isTrue();
        assertThat(set.describe()).isEqualTo("$KEY_PASS");
        assertThat(set.password()).containsExactly("from-env".toCharArray());
        assertThat(set.toString()).doesNotContain("from-env");
    }

    @Test
    void unsetEnvironmentVariableIsNamed() {
        PasswordSource unset = new Passwords.Environment("KEY_PASS", Map.<String, String>of()::get);
        assertThat(unset.isPresent()).isTrue();
        assertThatThrownBy(unset::password).isInstanceOf(MaterialException.class)
                .hasMessage("environment variable KEY_PASS is not set: export it with the password, or use --key-pass-file FILE");
    }

    @Test
    void fromEnvironmentReadsTheRealEnvironment() {
        PasswordSource path = PasswordSource.fromEnvironment("PATH");
        assertThat(path.describe()).isEqualTo("$PATH");
        assertThat(new String(path.password())).isEqualTo(System.getenv("PATH"));
    }

    @Test
    void fileFirstLineWithoutLineBreak() throws Exception {
        Path file = Files.writeString(tmp.resolve("pw.txt"), "correct horse\r\nsecond line\n");
        PasswordSource source = PasswordSource.fromFile(file);
        assertThat(source.isPresent()).isTrue();
        assertThat(source.password()).containsExactly("correct horse".toCharArray());
        assertThat(source.describe()).isEqualTo("--key-pass-file " + file);
        assertThat(source.toString()).doesNotContain("correct horse");
    }

    @Test
    void fileWithoutNewlineAndUnicode() throws Exception {
        Path file = Files.write(tmp.resolve("pw.txt"), "pässwörd".getBytes(StandardCharsets.UTF_8));
        assertThat(PasswordSource.fromFile(file).password()).containsExactly("pässwörd".toCharArray());
    }

    @Test
    void fileKeepsSpacesInsideTheLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("pw.txt"), " spaced out \n");
        assertThat(PasswordSource.fromFile(file).password()).containsExactly(" spaced out ".toCharArray());
    }

    @Test
    void missingFileIsNamed() {
        Path file = tmp.resolve("pw.txt");
        PasswordSource source = PasswordSource.fromFile(file);
        assertThat(source.describe()).isEqualTo("--key-pass-file " + file); // no read until needed
        assertThatThrownBy(source::password).isInstanceOf(MaterialException.class)
                .hasMessage("password file " + file + " does not exist: check the path");
    }

    @Test
    void directoryIsNamed() {
        assertThatThrownBy(() -> PasswordSource.fromFile(tmp).password()).isInstanceOf(MaterialException.class)
                .hasMessage("password file " + tmp + " is a directory, not a password file: pass the file itself");
    }

    @Test
    void binaryFileIsRefused() throws Exception {
        Path file = Files.write(tmp.resolve("pw.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertThatThrownBy(() -> PasswordSource.fromFile(file).password()).isInstanceOf(MaterialException.class)
                .hasMessage("password file " + file + " is not UTF-8 text: write the password as a single line of text");
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> PasswordSource.of(null)).isInstanceOf(NullPointerException.class).hasMessage("password");
        assertThatThrownBy(() -> PasswordSource.fromFile(null)).isInstanceOf(NullPointerException.class).hasMessage("file");
        assertThatThrownBy(() -> PasswordSource.fromEnvironment(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("variable");
    }
}
