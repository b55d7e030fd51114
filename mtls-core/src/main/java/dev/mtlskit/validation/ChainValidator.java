package dev.mtlskit.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;


/**
 * Strict X.509 path validation for TLS client and server certificates.
 *
 * <p>Builds every path from the leaf through the supplied intermediates (in any order) to a trust
 * anchor, depth first, trusted issuers first, and accepts the first path that passes every check.
 * When none does, the verdict reports the most telling failure: a problem on a complete path
 * beats a bad signature, which beats a path that never reached a trust anchor.
 *
 * <p>Thread-safe and stateless: one instance can serve every handshake.
 */
public final class ChainValidator {

    /** Real chains have one or two intermediates; eight is generous and bounds the search. */
    static final int DEFAULT_MAX_INTERMEDIATES = 8;
    /**
     * Issuer candidates tried in one validation (each costs at most one signature check):
     * pathological inputs end here, not in a CPU spin. Real chains need a handful.
     */
    static final int MAX_CANDIDATES_TRIED = 512;

    public Verdict validate(ValidationRequest request) {
        return new Search(request, false).run();
    }

    /**
     * The path of a certificate that signed a CRL (RFC 5280 6.3.3 f): the request's only trust
     * anchor is the one of the path the CRL is used for. It is not an end-entity certificate for
     * TLS, and the CRLs on its own path must be signed by certificates on that path (no recursion).
     */
    Verdict validateCrlSigner(ValidationRequest request) {
        return new Search(request, true).run();
    }

    /** One validation: the candidate certificates and the best failure seen so far. */
    private static final class Search {
        private final ValidationRequest request;
        private final PathChecks checks;
        private final Node leaf;
        private final Map<X500Principal, List<Node>> issuersBySubject = new HashMap<>();
        private final Map<Long, Boolean> signatureResults = new HashMap<>();
        private final int maxIntermediates;
        private int candidatesTried;
        private int nodeCount;
        private Problem bestProblem;
        private int bestRank = -1;
        private List<Node> bestPath = List.of();
        private List<Node> validPath;

        Search(ValidationRequest request, boolean crlSigner) {
            this.request = request;
            this.checks = new PathChecks(request, crlSigner);
            this.maxIntermediates = request.maxIntermediates() != null
                    ? request.maxIntermediates() : DEFAULT_MAX_INTERMEDIATES;
            List<Node> anchors = new ArrayList<>();
            for (X509Certificate anchor : request.trustAnchors()) {
                Node node = new Node(CertificateFacts.of(anchor), true, nodeCount++);
                if (anchors.stream().noneMatch(a -> Arrays.equals(a.facts.encoded, node.facts.encoded))) {
                    anchors.add(node);
                }
            }
            Node leafNode = new Node(CertificateFacts.of(request.leaf()), false, nodeCount++);
            for (Node anchor : anchors) {
                if (Arrays.equals(anchor.facts.encoded, leafNode.facts.encoded)) {
                    leafNode = anchor; // trusted directly, as a pinned self-signed certificate is
                }
                index(anchor);
            }
            this.leaf = leafNode;
            for (X509Certificate certificate : request.chain().subList(1, request.chain().size())) {
                CertificateFacts facts = CertificateFacts.of(certificate);
                boolean known = anchors.stream().anyMatch(a -> Arrays.equals(a.facts.encoded, facts.encoded))
                        || issuersBySubject.getOrDefault(facts.subject, List.of()).stream()
                                .anyMatch(n -> Arrays.equals(n.facts.encoded, facts.encoded));
                if (!known) {
                    index(new Node(facts, false, nodeCount++));
                }
            }
        }

        private void index(Node node) {
            issuersBySubject.computeIfAbsent(node.facts.subject, subject -> new ArrayList<>()).add(node);
        }

        Verdict run() {
            List<Node> path = new ArrayList<>();
            path.add(leaf);
            extend(path);
            if (validPath != null) {
                return Verdict.valid(certificates(validPath), checks.validMessage(facts(validPath)));
            }
            if (bestProblem == null) {
                bestProblem = checks.searchExhausted(leaf.facts, MAX_CANDIDATES_TRIED);
            }
            return Verdict.invalid(bestProblem.reason(), bestProblem.certificate().certificate,
                    bestProblem.message(), bestProblem.fix(), certificates(bestPath));
        }

        /** Depth-first: returns true once a valid path is found. */
        private boolean extend(List<Node> path) {
            Node current = path.get(path.size() - 1);
            if (current.anchor) {
                Problem problem = checks.check(facts(path));
                if (problem == null) {
                    validPath = List.copyOf(path);
                    return true;
                }
                record(problem, 3, path);
                return false;
            }
            if (countedIntermediates(path) > maxIntermediates) {
                record(checks.tooManyIntermediates(current.facts, maxIntermediates), 2, path);
                return false;
            }
            List<Node> candidates = candidateIssuers(current, path);
            if (candidates.isEmpty()) {
                record(checks.chainEnd(current.facts, path.size() == 1, selfSigned(current)), 1, path);
                return false;
            }
            for (Node candidate : candidates) {
                if (++candidatesTried > MAX_CANDIDATES_TRIED) {
                    return false;
                }
                if (!verifies(current, candidate)) {
                    record(checks.badSignature(current.facts, candidate.facts, path.size() == 1), 2, path);
                    continue;
                }
                path.add(candidate);
                if (extend(path)) {
                    return true;
                }
                path.remove(path.size() - 1);
            }
            return false;
        }

        /** Issuers by name, trusted first, key identifiers consistent, none already on the path. */
        private List<Node> candidateIssuers(Node current, List<Node> path) {
            List<Node> byName = issuersBySubject.getOrDefault(current.facts.issuer, List.of());
            List<Node> candidates = new ArrayList<>(byName.size());
            byte[] authorityKeyId = current.facts.authorityKeyId == null ? null
                    : current.facts.authorityKeyId.getKeyIdentifierOctets();
            for (int pass = 0; pass < 2; pass++) {
                for (Node node : byName) {
                    if (node.anchor != (pass == 0) || path.contains(node)) {
                        continue;
                    }
                    if (authorityKeyId != null && node.facts.subjectKeyId != null
                            && !Arrays.equals(authorityKeyId, node.facts.subjectKeyId)) {
                        continue;
                    }
                    candidates.add(node);
                }
            }
            return candidates;
        }

        private boolean verifies(Node child, Node issuer) {
            long key = ((long) child.id << 32) | issuer.id;
            Boolean cached = signatureResults.get(key);
            if (cached == null) {
                cached = SignatureVerifier.verify(child.facts, issuer.facts);
                signatureResults.put(key, cached);
            }
            return cached;
        }

        private boolean selfSigned(Node node) {
            return node.facts.selfIssued && verifies(node, node);
        }

        /** Intermediates on the path, not counting self-issued ones (key rollover certificates). */
        private static int countedIntermediates(List<Node> path) {
            int count = 0;
            for (int i = 1; i < path.size(); i++) {
                Node node = path.get(i);
                if (!node.anchor && !node.facts.selfIssued) {
                    count++;
                }
            }
            return count;
        }

        private void record(Problem problem, int rank, List<Node> path) {
            if (rank > bestRank) {
                bestRank = rank;
                bestProblem = problem;
                bestPath = List.copyOf(path);
            }
        }

        private static List<CertificateFacts> facts(List<Node> path) {
            List<CertificateFacts> facts = new ArrayList<>(path.size());
            for (Node node : path) {
                facts.add(node.facts);
            }
            return facts;
        }

        private static List<X509Certificate> certificates(List<Node> path) {
            List<X509Certificate> certificates = new ArrayList<>(path.size());
            for (Node node : path) {
                certificates.add(node.facts.certificate);
            }
            return certificates;
        }
    }

    /** A certificate in the search graph. Identity equality: the same bytes are indexed once. */
    private static final class Node {
        final CertificateFacts facts;
        final boolean anchor;
        final int id;

        Node(CertificateFacts facts, boolean anchor, int id) {
            this.facts = facts;
            this.anchor = anchor;
            this.id = id;
        }
    }
}
