package dev.mtlskit.material;

import java.util.regex.Pattern;

/** Quotes words for the commands that messages and hints suggest, so that they can be pasted into a POSIX shell. */
public final class Shell {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private Shell() {
    }

    /** {@code word} as is when the shell leaves it alone, else in single quotes. */
    public static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
