package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

/**
 * A certificate that a private key belongs to.
 *
 * @param source the file holding the certificate
 * @param position its position in that file's listing, 1 for the leaf
 * @param subject its subject DN
 */
public record KeyMatch(String source, int position, String subject) {

    public KeyMatch {
        requireNonNull(source, "source");
        requireNonNull(subject, "subject");
    }
}
