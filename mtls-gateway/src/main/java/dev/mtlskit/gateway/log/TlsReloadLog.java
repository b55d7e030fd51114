package dev.mtlskit.gateway.log;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import dev.mtlskit.gateway.metrics.GatewayMetrics;
import dev.mtlskit.names.Printable;
import dev.mtlskit.reload.ReloadFailure;
import dev.mtlskit.reload.ReloadResult;
import dev.mtlskit.reload.ReloadingTlsMaterial;
import dev.mtlskit.reload.TlsMaterial;
import dev.mtlskit.tls.netty.ReloadingNettyContexts;

/**
 * What a reload of TLS files did, in one line: {@code reloaded listener public: certificate CN=api,
 * serial 1A2B, expires 2027-03-01T00:00:00Z (was serial 0F0E); client CAs: added CN=Partner CA}, or
 * {@code reload failed: listener public: CERTIFICATE_FILES_UNUSABLE: server.key (RSA 2048) does not
 * match server.crt (EC P-256): …; still serving CN=api, serial 0F0E} ({@link ReloadFailure}). The same failure found again at every poll is logged once
 * ({@link ReloadingTlsMaterial} reports it once); files put back as they were say so once. A
 * certificate (the server's, or the gateway's own for an upstream) that has expired or expires
 * within {@link #EXPIRY_WARNING} is warned about when it is loaded: at start and at each reload.
 */
public final class TlsReloadLog {

    private static final Logger LOG = LoggerFactory.getLogger("mtls.reload");

    /** As cert-manager renews at two thirds of a 90-day life, a week left means renewal has failed. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(7);

    private final String owner;
    private final String caLabel;
    private final ReloadingNettyContexts contexts;
    private final String certificateLabel;
    private final Clock clock;
    /** Counts reloads by result; null where nothing is counted ({@code mtls tunnel}). */
    private final GatewayMetrics metrics;

    private TlsReloadLog(String owner, String caLabel, ReloadingNettyContexts contexts, String certificateLabel,
                         Clock clock, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.owner = owner;
        this.caLabel = caLabel;
        this.contexts = contexts;
        this.certificateLabel = certificateLabel;
        this.clock = clock;
    }

    /**
     * Logs the reloads of {@code material} from now on, and warns at once if its certificate
     * expires soon.
     *
     * @param owner e.g. "listener public" or "upstream orders"
     * @param caLabel what the trust anchors are called in the line, e.g. "client CAs"
     * @param certificateLabel what the material's certificate is called, e.g. "server certificate"
     */
    public static void follow(String owner, String caLabel, ReloadingTlsMaterial material,
                              ReloadingNettyContexts contexts, String certificateLabel) {
        follow(owner, caLabel, material, contexts, certificateLabel, null);
    }

    /** As {@link #follow(String, String, ReloadingTlsMaterial, ReloadingNettyContexts, String)}, counting each reload in {@code metrics}. */
    public static void follow(String owner, String caLabel, ReloadingTlsMaterial material,
                              ReloadingNettyContexts contexts, String certificateLabel, GatewayMetrics metrics) {
        TlsReloadLog log = new TlsReloadLog(owner, caLabel, contexts, certificateLabel, Clock.systemUTC(), metrics);
        log.warnIfExpiring(material.current());
        material.addListener(log::onReload);
    }

    void onReload(ReloadResult result) {
        if (result instanceof ReloadResult.Failed failed) {
            String why = Printable.of(failed.error().getMessage());
            count(false, failed.failure() + ": " + why);
            failedLine(failed.failure()).log("reload failed: {}: {}: {}; {}", owner, failed.failure(), why,
                    serving(failed.current()));
        } else if (result instanceof ReloadResult.Recovered recovered) {
            count(true, "the files are usable again and hold what is in use");
            LOG.atInfo().addKeyValue("event", "reloaded").addKeyValue("owner", owner)
                    .log("reloaded {}: the files are usable again and hold what is in use; {}", owner,
                    serving(recovered.current()));
        } else if (result instanceof ReloadResult.Changed changed) {
            Exception refused = contexts.lastBuildFailure();
            if (refused != null && contexts.material() != changed.current()) {
                String why = Printable.of(String.valueOf(refused.getMessage()));
                count(false, ReloadFailure.TLS_ENGINE_REFUSED + ": the TLS engine refused the new files (" + why + ")");
                failedLine(ReloadFailure.TLS_ENGINE_REFUSED).log("reload failed: {}: {}: the TLS engine refused the new "
                        + "files ({}); {}", owner, ReloadFailure.TLS_ENGINE_REFUSED, why, serving(contexts.material()));
                return;
            }
            String changes = changes(changed.previous(), changed.current());
            count(true, changes);
            LOG.atInfo().addKeyValue("event", "reloaded").addKeyValue("owner", owner).log("reloaded {}: {}", owner, changes);
            warnIfExpiring(changed.current());
        }
    }

    /** A failed reload's line, with its code as a field for {@code --log-format json}. */
    private LoggingEventBuilder failedLine(ReloadFailure failure) {
        return LOG.atWarn().addKeyValue("event", "reload_failed").addKeyValue("owner", owner)
                .addKeyValue("reason", failure.name());
    }

    private void count(boolean succeeded, String detail) {
        if (metrics != null) {
            metrics.reload(owner, succeeded, detail);
        }
    }

    /** The parts that changed: certificate, CAs, CRLs. */
    String changes(TlsMaterial before, TlsMaterial after) {
        List<String> parts = new ArrayList<>();
        X509Certificate was = before.hasKey() ? before.leaf() : null;
        X509Certificate now = after.hasKey() ? after.leaf() : null;
        if (now != null && (was == null || !was.equals(now) || !before.keyMaterial().chain().equals(after.keyMaterial().chain()))) {
            parts.add("certificate " + subject(now) + ", serial " + serial(now) + ", expires " + expiry(now)
                    + (was == null ? "" : was.equals(now) ? " (new intermediates)" : " (was serial " + serial(was) + ")"));
        }
        Set<String> added = subjects(after.trustAnchors());
        added.removeAll(subjects(before.trustAnchors()));
        Set<String> removed = subjects(before.trustAnchors());
        removed.removeAll(subjects(after.trustAnchors()));
        if (!added.isEmpty() || !removed.isEmpty()) {
            List<String> change = new ArrayList<>();
            if (!added.isEmpty()) {
                change.add("added " + String.join(", ", added));
            }
            if (!removed.isEmpty()) {
                change.add("removed " + String.join(", ", removed));
            }
            parts.add(caLabel + " " + String.join("; ", change) + " (" + count(after.trustAnchors().size(), "certificate") + ")");
        } else if (!before.trustAnchors().equals(after.trustAnchors())) {
            parts.add(caLabel + " renewed (" + count(after.trustAnchors().size(), "certificate") + ")");
        }
        if (!before.crls().equals(after.crls())) {
            List<String> lists = new ArrayList<>();
            for (X509CRL crl : after.crls()) {
                lists.add(Printable.of(crl.getIssuerX500Principal().getName()) + " ("
                        + count(crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(), "revoked certificate")
                        + (crl.getNextUpdate() == null ? "" : ", next update " + crl.getNextUpdate().toInstant()) + ")");
            }
            parts.add(lists.isEmpty() ? "CRLs: none" : "CRLs: " + String.join(", ", lists));
        }
        if (!before.sessionTicketKeys().equals(after.sessionTicketKeys())) {
            // Never the keys themselves: how many, and whether the one that encrypts new tickets changed.
            boolean newFirst = before.sessionTicketKeys().isEmpty()
                    || !before.sessionTicketKeys().get(0).equals(after.sessionTicketKeys().get(0));
            parts.add("session-ticket keys: " + count(after.sessionTicketKeys().size(), "key")
                    + (newFirst ? ", a new one encrypts new tickets" : ", the same one encrypts new tickets"));
        }
        // Never empty: a reload that changes nothing in these is reported as unchanged and not logged.
        return String.join("; ", parts);
    }

    private void warnIfExpiring(TlsMaterial material) {
        if (!material.hasKey()) {
            return;
        }
        X509Certificate leaf = material.leaf();
        Instant now = clock.instant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (!notAfter.isAfter(now)) {
            LOG.warn("{}: the {} {} expired on {}: {} refuse it; renew it: the new files are used as soon as they "
                    + "are written", owner, certificateLabel, subject(leaf), notAfter, isServer() ? "clients" : "servers");
        } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            long days = Duration.between(now, notAfter).toDays();
            LOG.warn("{}: the {} {} expires {} (on {}): renew it before then: the new files are used as soon as "
                    + "they are written", owner, certificateLabel, subject(leaf),
                    days == 0 ? "within a day" : "in " + count((int) days, "day"), notAfter);
        }
    }

    /** "still serving CN=api, serial 0F0E"; a client certificate is presented, not served. */
    private String serving(TlsMaterial material) {
        return (isServer() ? "still serving " : "still presenting ")
                + (material.hasKey() ? subject(material.leaf()) + ", serial " + serial(material.leaf()) : "the previous files");
    }

    private boolean isServer() {
        return certificateLabel.startsWith("server");
    }

    private static Set<String> subjects(List<X509Certificate> certificates) {
        Set<String> subjects = new LinkedHashSet<>();
        for (X509Certificate certificate : certificates) {
            subjects.add(subject(certificate));
        }
        return subjects;
    }

    private static String subject(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName();
        return name.isEmpty() ? "(empty subject)" : Printable.of(name);
    }

    private static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    private static Instant expiry(X509Certificate certificate) {
        return certificate.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
