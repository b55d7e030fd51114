package dev.mtlskit.inspect;

/**
 * The basic constraints extension.
 *
 * @param present whether the certificate has the extension at all
 * @param ca whether the certificate is a CA
 * @param pathLength how many CA certificates may follow below it, or {@code null} for no limit (or not a CA)
 */
public record CaConstraints(boolean present, boolean ca, Integer pathLength) {
}
