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
 * route names the partners it expects; {@link #warnings} says where that is not the case.
 */
public final class PublicRoots {

    /** How many root names a warning lists before it counts the rest. */
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
     * Start-up warnings for one listener: for each client CA bundle that holds public roots, one
     * per route that lets in any client of those CAs (no allow rules, or a rule that names no client
     * by name, fingerprint or pin). Routes open to anonymous clients are skipped: a public CA adds
     * nothing to what they already let in.
     */
    public static List<String> warnings(List<CertificateBundle> clientCaBundles, Policy policy) {
        requireNonNull(clientCaBundles, "clientCaBundles");
        requireNonNull(policy, "policy");
        List<String> warnings = new ArrayList<>();
        for (CertificateBundle bundle : clientCaBundles) {
            List<X509Certificate> publicRoots = new ArrayList<>();
            for (X509Certificate certificate : bundle.certificates()) {
                if (isPublicRoot(certificate) && !publicRoots.contains(certificate)) {
                    publicRoots.add(certificate);
                }
            }
            if (publicRoots.isEmpty()) {
                continue;
            }
            String holds = "client CA bundle " + bundleName(bundle) + " holds " + describeRoots(publicRoots);
            String anyone = publicRoots.size() == 1 ? "any certificate this public CA ever issued can call it"
                    : "any certificate these public CAs ever issued can call it";
            for (Route route : policy.routes()) {
                if (route.anonymous()) {
                    continue;
                }
                if (route.allow().isEmpty()) {
                    warnings.add(holds + ": route " + route.pathPrefix() + " has no allow rule, so " + anyone
                            + "; add allow rules that name the clients (e.g. dns: partner.example and issuer: "
                            + "the DN of the CA that issued its certificate)");
                    continue;
                }
                for (AllowRule rule : route.allow()) {
                    if (!rule.namesClient()) {
                        warnings.add(holds + ": route " + route.pathPrefix() + " has an allow rule that names no "
                                + "client (" + rule.describe() + "), so " + anyone + "; add a name, fingerprint "
                                + "or pin to that rule (e.g. dns: partner.example)");
                    }
                }
            }
        }
        return warnings;
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
