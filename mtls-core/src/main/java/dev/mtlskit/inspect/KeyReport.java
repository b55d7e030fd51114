package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The facts about a private key file.
 *
 * @param source the file name, or {@code "stdin"}
 * @param key type and size
 * @param certificatesCompared how many certificates it was compared with (those given alongside it)
 * @param matches the certificates it is the private key of
 */
public record KeyReport(String source, KeyFacts key, int certificatesCompared, List<KeyMatch> matches)
        implements FileReport {

    public KeyReport {
        requireNonNull(source, "source");
        requireNonNull(key, "key");
        matches = List.copyOf(matches);
    }
}
