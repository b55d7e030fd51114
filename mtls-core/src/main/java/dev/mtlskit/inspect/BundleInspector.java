package dev.mtlskit.inspect;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.mtlskit.material.Issuers;
import dev.mtlskit.material.CertificateBundle;

/** Reads the facts of a certificate bundle: each certificate, and whether each is signed by the next. */
public final class BundleInspector {

    private final CertificateInspector certificates;

    public BundleInspector(Clock clock) {
        this.certificates = new CertificateInspector(requireNonNull(clock, "clock"));
    }

    /** @param source the name to report, e.g. the file as given on the command line */
    public BundleReport inspect(CertificateBundle bundle, String source) {
        requireNonNull(bundle, "bundle");
        requireNonNull(source, "source");
        List<X509Certificate> ordered = bundle.certificates();
        List<IssuerLink> links = new ArrayList<>();
        for (int i = 0; i + 1 < ordered.size(); i++) {
            X509Certificate certificate = ordered.get(i);
            X509Certificate next = ordered.get(i + 1);
            links.add(new IssuerLink(i + 1, Issuers.namesMatch(certificate, next), Issuers.verifies(certificate, next)));
        }
        return new BundleReport(source, ordered.stream().map(certificates::inspect).toList(), links,
                bundle.wasReordered());
    }
}
