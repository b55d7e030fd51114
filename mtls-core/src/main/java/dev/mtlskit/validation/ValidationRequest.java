package dev.mtlskit.validation;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What to validate and against what.
 *
 * @param chain the certificate to validate first, then any intermediates in any order
 * @param trustAnchors trusted certificates (roots, or any certificate trusted directly)
 * @param role the purpose the leaf must be valid for, or {@code null} to skip the EKU check
 * @param expectedName the name the leaf must be valid for, or {@code null} to skip the name check
 * @param at the validation time
 * @param crls revocation lists to consult, in any order (a CRL covers certificates of its issuer, or of the CAs
 *     whose certificates name it as cRLIssuer); certificates of a CA without any CRL here are not checked
 * @param maxIntermediates the most intermediates a path may have (self-issued ones not counted),
 *     or {@code null} for the default limit
 * @param acceptV1 accept X.509 version 1 certificates as the leaf and as the trust anchor (a private
 *     CA's old certificates); a v1 intermediate is refused all the same, as it cannot say it is a CA
 * @param knownIntermediates CA certificates this end knows without trusting them (e.g. the
 *     intermediates of its own chain): never used to build a path, only to tell a missing
 *     intermediate from an unknown issuer when a chain stops short
 */
public record ValidationRequest(List<X509Certificate> chain, List<X509Certificate> trustAnchors, PeerRole role,
                                ExpectedName expectedName, Instant at, List<X509CRL> crls, Integer maxIntermediates,
                                boolean acceptV1, List<X509Certificate> knownIntermediates) {

    public ValidationRequest {
        chain = List.copyOf(chain);
        trustAnchors = List.copyOf(trustAnchors);
        requireNonNull(at, "at");
        crls = List.copyOf(crls);
        knownIntermediates = List.copyOf(knownIntermediates);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: empty (expected: at least the certificate to validate)");
        }
        if (maxIntermediates != null && maxIntermediates < 0) {
            throw new IllegalArgumentException("maxIntermediates: " + maxIntermediates + " (expected: >= 0)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Builds a {@link ValidationRequest}; only the chain and the trust anchors are required. */
    public static final class Builder {
        private final List<X509Certificate> chain = new ArrayList<>();
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private final List<X509CRL> crls = new ArrayList<>();
        private PeerRole role;
        private ExpectedName expectedName;
        private Instant at;
        private Integer maxIntermediates;
        private boolean acceptV1;
        private final List<X509Certificate> knownIntermediates = new ArrayList<>();

        private Builder() {
        }

        /** The certificate to validate first, then intermediates in any order. */
        public Builder chain(List<X509Certificate> certificates) {
            chain.addAll(certificates);
            return this;
        }

        public Builder trustAnchors(List<X509Certificate> certificates) {
            trustAnchors.addAll(certificates);
            return this;
        }

        public Builder role(PeerRole role) {
            this.role = role;
            return this;
        }

        public Builder expectedName(ExpectedName name) {
            this.expectedName = name;
            return this;
        }

        public Builder expectedName(String name) {
            this.expectedName = name == null ? null : ExpectedName.of(name);
            return this;
        }

        public Builder at(Instant at) {
            this.at = requireNonNull(at, "at");
            return this;
        }

        public Builder crls(List<X509CRL> revocationLists) {
            crls.addAll(revocationLists);
            return this;
        }

        public Builder maxIntermediates(Integer max) {
            this.maxIntermediates = max;
            return this;
        }

        /** Accept X.509 v1 certificates as the leaf and the trust anchor (never as an intermediate). */
        public Builder acceptV1(boolean accept) {
            this.acceptV1 = accept;
            return this;
        }

        /** CA certificates known but not trusted: they only name a missing intermediate in a verdict. */
        public Builder knownIntermediates(List<X509Certificate> certificates) {
            knownIntermediates.addAll(certificates);
            return this;
        }

        public ValidationRequest build() {
            return new ValidationRequest(chain, trustAnchors, role, expectedName,
                    at != null ? at : Instant.now(), crls, maxIntermediates, acceptV1, knownIntermediates);
        }
    }
}
