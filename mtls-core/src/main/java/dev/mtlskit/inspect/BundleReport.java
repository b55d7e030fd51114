package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The facts about a file of certificates, listed leaf first.
 *
 * @param source the file name, or {@code "stdin"}
 * @param certificates the certificates, leaf first, each followed by its issuer when the file has it
 * @param links for each certificate but the last: whether it is signed by the next one
 * @param reordered whether the file had them in another order (they are listed leaf first regardless)
 */
public record BundleReport(String source, List<CertificateReport> certificates, List<IssuerLink> links,
                           boolean reordered) implements FileReport {

    public BundleReport {
        requireNonNull(source, "source");
        certificates = List.copyOf(certificates);
        links = List.copyOf(links);
    }

    /** Whether every certificate is signed by the next one: one chain, in order. */
    public boolean isChain() {
        return links.stream().allMatch(IssuerLink::signedByNext);
    }
}
