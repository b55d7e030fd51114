package dev.mtlskit.material;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** The implementations behind {@link PasswordSource}'s factories. None prints a password. */
final class Passwords {

    private Passwords() {
    }

    /** No password configured. */
    record None(String option) implements PasswordSource {
        None {
            requireNonNull(option, "option");
        }

        @Override
        public boolean isPresent() {
            return false;
        }

        @Override
        public char[] password() {
            throw new MaterialException(null, "no password given: pass " + Fixes.passwordOptions(option));
        }

        @Override
        public String describe() {
            return "no password";
        }
    }

    /** Given on the command line; kept as a copy so that the caller may wipe its array. */
    static final class Given implements PasswordSource {
        private final char[] password;
        private final String option;

        Given(char[] password, String option) {
            this.password = requireNonNull(password, "password").clone();
            this.option = requireNonNull(option, "option");
        }

        @Override
        public String option() {
            return option;
        }

        @Override
        public boolean isPresent() {
            return true;
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public String describe() {
            return option;
        }

        @Override
        public String toString() {
            return "PasswordSource[" + option + "]";
        }
    }

    /**
     * Read from an environment variable when needed.
     *
     * @param lookup {@link System#getenv(String)}, replaceable in tests
     */
    record Environment(String variable, UnaryOperator<String> lookup, String option) implements PasswordSource {
        Environment(String variable, UnaryOperator<String> lookup) {
            this(variable, lookup, KEY_PASS_OPTION);
        }

        Environment {
            requireNonNull(variable, "variable");
            requireNonNull(lookup, "lookup");
            requireNonNull(option, "option");
            if (variable.isBlank()) {
                throw new IllegalArgumentException("environment variable name is blank");
            }
        }

        @Override
        public boolean isPresent() {
            return true;
        }

        @Override
        public char[] password() {
            String value = lookup.apply(variable);
            if (value == null) {
                throw new MaterialException(null, "environment variable " + variable
                        + " is not set: export it with the password, or use " + Fixes.fileOption(option, "FILE"));
            }
            return value.toCharArray();
        }

        @Override
        public String describe() {
            return "$" + variable;
        }

        @Override
        public String toString() {
            return "PasswordSource[$" + variable + "]";
        }
    }

    /** The first line of a file, read when needed. */
    record FromFile(Path file, String option) implements PasswordSource {
        FromFile {
            requireNonNull(file, "file");
            requireNonNull(option, "option");
        }

        @Override
        public boolean isPresent() {
            return true;
        }

        @Override
        public char[] password() {
            byte[] content = Inputs.read(file, "password file " + file, "password file");
            try {
                int end = 0;
                while (end < content.length && content[end] != '\n') {
                    end++;
                }
                if (end > 0 && content[end - 1] == '\r') {
                    end--;
                }
                return utf8(content, end);
            } finally {
                Arrays.fill(content, (byte) 0);
            }
        }

        private char[] utf8(byte[] content, int length) {
            CharBuffer chars;
            try {
                chars = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(content, 0, length));
            } catch (CharacterCodingException e) {
                throw new MaterialException(file, "password file " + file
                        + " is not UTF-8 text: write the password as a single line of text");
            }
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Arrays.fill(chars.array(), '\0');
            return password;
        }

        @Override
        public String describe() {
            return Fixes.fileOption(option, file.toString());
        }
    }
}
