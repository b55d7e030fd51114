package dev.mtlskit.material;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts certificates leaf first, each followed by its issuer, whatever order a file had them in.
 * Issuers are found by name; the signature decides only between several certificates with the
 * issuer's name (a re-keyed or cross-signed CA), so that an unsupported signature algorithm does
 * not break the common case.
 */
final class ChainOrder {

    private ChainOrder() {
    }

    /**
     * Leaf first, then its issuers as far as the bundle has them, then the rest in file order.
     * Duplicates are dropped.
     */
    static List<X509Certificate> leafFirst(List<X509Certificate> asWritten) {
        List<X509Certificate> certificates = new ArrayList<>(new LinkedHashSet<>(asWritten));
        if (certificates.size() < 2) {
            return certificates;
        }
        Map<X509Certificate, X509Certificate> issuerOf = new HashMap<>();
        for (X509Certificate certificate : certificates) {
            X509Certificate issuer = issuer(certificate, certificates);
            if (issuer != null) {
                issuerOf.put(certificate, issuer);
            }
        }
        Set<X509Certificate> issuers = new HashSet<>(issuerOf.values());
        Map<X509Certificate, Integer> lengths = new HashMap<>();
        for (X509Certificate certificate : certificates) {
            lengths.put(certificate, follow(certificate, issuerOf).size());
        }
        // The leaf issued nothing here; prefer an end-entity, then the longest chain, then file order.
        X509Certificate leaf = certificates.stream()
                .filter(certificate -> !issuers.contains(certificate))
                .min(Comparator.<X509Certificate>comparingInt(c -> isCa(c) ? 1 : 0)
                        .thenComparing(c -> -lengths.get(c))
                        .thenComparingInt(certificates::indexOf))
                .orElse(certificates.get(0));
        List<X509Certificate> ordered = new ArrayList<>(follow(leaf, issuerOf));
        for (X509Certificate certificate : certificates) {
            if (!ordered.contains(certificate)) {
                ordered.add(certificate);
            }
        }
        return ordered;
    }

    /** {@code start} and its issuers from {@code pool}, nearest first. */
    static List<X509Certificate> chainFrom(X509Certificate start, List<X509Certificate> pool) {
        Map<X509Certificate, X509Certificate> issuerOf = new HashMap<>();
        List<X509Certificate> all = new ArrayList<>(new LinkedHashSet<>(pool));
        if (!all.contains(start)) {
            all.add(start);
        }
        for (X509Certificate certificate : all) {
            X509Certificate issuer = issuer(certificate, all);
            if (issuer != null) {
                issuerOf.put(certificate, issuer);
            }
        }
        return follow(start, issuerOf);
    }

    private static List<X509Certificate> follow(X509Certificate start, Map<X509Certificate, X509Certificate> issuerOf) {
        List<X509Certificate> chain = new ArrayList<>();
        for (X509Certificate current = start; current != null && !chain.contains(current); current = issuerOf.get(current)) {
            chain.add(current);
        }
        return chain;
    }

    /** The certificate among {@code candidates} that issued {@code certificate}, or null (a root, or not here). */
    static X509Certificate issuer(X509Certificate certificate, List<X509Certificate> candidates) {
        List<X509Certificate> named = new ArrayList<>();
        for (X509Certificate candidate : candidates) {
            if (!candidate.equals(certificate)
                    && candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                named.add(candidate);
            }
        }
        boolean selfIssued = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
        if (named.isEmpty() || selfIssued && Issuers.verifies(certificate, certificate)) {
            return null;
        }
        if (named.size() == 1 && !selfIssued) {
            return named.get(0);
        }
        for (X509Certificate candidate : named) {
            if (Issuers.verifies(certificate, candidate)) {
                return candidate;
            }
        }
        return selfIssued ? null : named.get(0);
    }

    /** A CA certificate by basic constraints, or by key usage for old certificates without them. */
    static boolean isCa(X509Certificate certificate) {
        if (certificate.getBasicConstraints() >= 0) {
            return true;
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        return keyUsage != null && keyUsage.length > 5 && keyUsage[5];
    }
}
