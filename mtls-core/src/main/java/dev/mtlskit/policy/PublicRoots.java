package dev.mtlskit.policy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import dev.mtlskit.material.CertificateBundle;

/**
 * Public CAs among client CAs. A public root (one the JDK trusts by default) issues certificates to
 * anyone who controls a domain, so trusting it for clients lets in the whole internet unless every
 * route singles out the partners it expects ({@link AllowRule#singlesOutPartner}): {@link #exposures}
 * lists where that is not the case, and the gateway refuses to start until it is.
 */
public final class PublicRoots {

    /** How many root names a message lists before it counts the rest. */
    private static final int ROOTS_NAMED = 3;

    private PublicRoots() {
    }

    /**
     * Whether {@code ca} is a root of the JDK's default trust store (the same subject and key as
     * one of its certificates; a re-issued root with the same key counts too).
     */
    public static boolean isPublicRoot(X509Certificate ca) {
        requireNonNull(ca, "ca");
        List<PublicKey> keys = JdkTrustStore.ROOTS.get(ca.getSubjectX500Principal());
        return keys != null && keys.contains(ca.getPublicKey());
    }

    /**
     * Where public roots among one listener's client CAs open a route to strangers: each
     * non-anonymous route without allow rules, and each rule that does not
     * {@linkplain AllowRule#singlesOutPartner single out a partner}. Empty when no bundle holds a
     * public root, so private CAs keep every rule they had. Routes open to anonymous clients are
     * skipped: a public CA adds nothing to what they already let in.
     */
    public static List<Exposure> exposures(List<CertificateBundle> clientCaBundles, Policy policy) {
        requireNonNull(clientCaBundles, "clientCaBundles");
        requireNonNull(policy, "policy");
        List<CertificateBundle> holding = new ArrayList<>();
        List<X509Certificate> roots = new ArrayList<>();
        for (CertificateBundle bundle : clientCaBundles) {
            boolean holds = false;
            for (X509Certificate certificate : bundle.certificates()) {
                if (isPublicRoot(certificate)) {
                    holds = true;
                    if (!roots.contains(certificate)) {
                        roots.add(certificate);
                    }
                }
            }
            if (holds) {
                holding.add(bundle);
            }
        }
        List<Exposure> exposures = new ArrayList<>();
        if (roots.isEmpty()) {
            return exposures;
        }
        for (Route route : policy.routes()) {
            if (route.anonymous()) {
                continue;
            }
            if (route.allow().isEmpty()) {
                exposures.add(new Exposure(holding, roots, route, null, Gap.NO_ALLOW_RULE));
            }
            for (AllowRule rule : route.allow()) {
                if (!rule.singlesOutPartner()) {
                    Gap gap = rule.namesSubjectAltName() ? Gap.NO_ISSUER : Gap.NO_PARTNER_NAME;
                    exposures.add(new Exposure(holding, roots, route, rule, gap));
                }
            }
        }
        return exposures;
    }

    /** What a route lacks to be safe behind a public root. */
    public enum Gap {
        /** The route lets in every verified client. */
        NO_ALLOW_RULE,
        /** A rule names a subjectAltName but not the CA that must have issued it. */
        NO_ISSUER,
        /** A rule neither pins a certificate nor names a subjectAltName (e.g. only cn, o or issuer). */
        NO_PARTNER_NAME
    }

    /**
     * A route that public roots among the client CAs open to strangers.
     *
     * @param bundles the client CA bundles that hold public roots
     * @param roots those public roots, each once
     * @param route the route
     * @param rule the rule that does not single out a partner; {@code null} for {@link Gap#NO_ALLOW_RULE}
     * @param gap what is missing
     */
    public record Exposure(List<CertificateBundle> bundles, List<X509Certificate> roots, Route route, AllowRule rule,
                           Gap gap) {

        public Exposure {
            bundles = List.copyOf(bundles);
            roots = List.copyOf(roots);
            requireNonNull(route, "route");
            requireNonNull(gap, "gap");
            if ((rule == null) != (gap == Gap.NO_ALLOW_RULE)) {
                throw new IllegalArgumentException("a rule is named exactly when the gap is in a rule");
            }
        }

        /** {@code client CA bundle partners.pem holds the public root CN=ISRG Root X1}. */
        public String trusted() {
            List<String> names = new ArrayList<>();
            bundles.forEach(bundle -> names.add(bundleName(bundle)));
            return (names.size() == 1 ? "client CA bundle " + names.get(0) + " holds "
                    : "client CA bundles " + String.join(", ", names) + " hold ") + describeRoots(roots);
        }

        /**
         * What is wrong, without the fix (callers say it in their terms: YAML keys or flags), e.g.
         * {@code client CA bundle partners.pem holds the public root CN=ISRG Root X1: route /api/
         * has no allow rule, so any certificate this public CA ever issued can call it}.
         */
        public String problem() {
            boolean one = roots.size() == 1;
            String where = trusted() + ": route " + route.pathPrefix();
            return switch (gap) {
                case NO_ALLOW_RULE -> where + " has no allow rule, so any certificate "
                        + (one ? "this public CA" : "these public CAs") + " ever issued can call it";
                case NO_ISSUER -> where + " has the allow rule " + rule.describe() + ", which names no issuer, so a "
                        + "certificate for that name from any CA under " + (one ? "this public root" : "these public roots")
                        + " can call it";
                case NO_PARTNER_NAME -> where + " has the allow rule " + rule.describe() + ", which neither pins a "
                        + "certificate (sha256, spki) nor requires a subjectAltName (dns, uri, email) with its issuer, "
                        + "so certificates " + (one ? "this public CA" : "these public CAs") + " issued to others can "
                        + "match it";
            };
        }
    }

    private static String bundleName(CertificateBundle bundle) {
        Path source = bundle.source();
        return source == null ? "(standard input)"
                : source.getFileName() != null ? source.getFileName().toString() : source.toString();
    }

    private static String describeRoots(List<X509Certificate> roots) {
        if (roots.size() == 1) {
            return "the public root " + shortName(roots.get(0));
        }
        List<String> names = new ArrayList<>();
        for (X509Certificate root : roots.subList(0, Math.min(ROOTS_NAMED, roots.size()))) {
            names.add(shortName(root));
        }
        String more = roots.size() > ROOTS_NAMED ? " and " + (roots.size() - ROOTS_NAMED) + " more" : "";
        return roots.size() + " public roots (" + String.join("; ", names) + more + ")";
    }

    /** {@code CN=ISRG Root X1} when there is a CN, else the whole RFC 2253 subject. */
    private static String shortName(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(BCStyle.INSTANCE, certificate.getSubjectX500Principal().getEncoded());
        RDN[] commonNames = name.getRDNs(BCStyle.CN);
        if (commonNames.length > 0 && commonNames[commonNames.length - 1].getFirst().getValue() instanceof ASN1String cn) {
            return "CN=" + cn.getString();
        }
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** The JDK's default trust anchors, loaded once, on first use. */
    private static final class JdkTrustStore {
        static final Map<X500Principal, List<PublicKey>> ROOTS = load();

        private static Map<X500Principal, List<PublicKey>> load() {
            Map<X500Principal, List<PublicKey>> roots = new HashMap<>();
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        for (X509Certificate root : x509.getAcceptedIssuers()) {
                            roots.computeIfAbsent(root.getSubjectX500Principal(), subject -> new ArrayList<>())
                                    .add(root.getPublicKey());
                        }
                    }
                }
            } catch (GeneralSecurityException e) {
                // No default trust store (a stripped-down JRE): then no CA counts as public.
                return Map.of();
            }
            roots.replaceAll((subject, keys) -> List.copyOf(keys));
            return Map.copyOf(roots);
        }
    }
}
