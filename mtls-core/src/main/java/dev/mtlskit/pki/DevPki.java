package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.mtlskit.material.Issuers;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.MaterialException;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PrivateKeys;

/**
 * A ready-to-use dev PKI in one directory, for zero-config mutual TLS: a CA, a server certificate
 * for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, and a client certificate with CN
 * {@code dev-client}. {@link #ensure(Path)} creates what is missing and reuses what is still good.
 *
 * @param directory the dev PKI directory
 * @param caCertificate the root CA to trust
 * @param server the server certificate, chain and key
 * @param client the client certificate, chain and key
 * @param written the files this call created or renewed (empty when everything was reused)
 */
public record DevPki(Path directory, Path caCertificate, LeafFiles server, LeafFiles client, List<WrittenFile> written) {

    public static final String SERVER_NAME = "localhost";
    public static final List<String> SERVER_ADDRESSES = List.of("127.0.0.1", "::1");
    public static final String CLIENT_NAME = "dev-client";
    /** A certificate this close to expiry is renewed rather than reused. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(1);

    public DevPki {
        requireNonNull(directory, "directory");
        requireNonNull(caCertificate, "caCertificate");
        requireNonNull(server, "server");
        requireNonNull(client, "client");
        written = List.copyOf(written);
    }

    /**
     * Creates the dev PKI in {@code directory}, or reuses it: an existing CA is always kept; the
     * server and client certificates are (re)issued when missing, expiring within a day, not issued
     * by this CA, or not matching their key.
     */
    public static DevPki ensure(Path directory) {
        return ensure(directory, Clock.systemUTC());
    }

    /** {@link #ensure(Path)} with a given clock. */
    public static DevPki ensure(Path directory, Clock clock) {
        requireNonNull(directory, "directory");
        requireNonNull(clock, "clock");
        DevCaFiles caFiles = new DevCaFiles(directory);
        List<WrittenFile> written = new ArrayList<>();
        DevCa ca;
        if (caFiles.existing().isEmpty()) {
            DevCa.Init init = DevCa.init(directory, CaSpec.defaults(), false, clock);
            written.addAll(init.written());
            ca = init.ca();
        } else {
            ca = DevCa.load(directory, PasswordSource.none(), clock);
        }
        LeafFiles server = new LeafFiles(directory, "server");
        LeafFiles client = new LeafFiles(directory, "client");
        SubjectAltNames.Builder serverNames = SubjectAltNames.builder().addDnsName(SERVER_NAME);
        SERVER_ADDRESSES.forEach(serverNames::addIpAddress);
        ensureLeaf(ca, server, LeafRequest.forName(Purpose.SERVER, SERVER_NAME).names(serverNames.build()).build(),
                clock, written);
        ensureLeaf(ca, client, LeafRequest.forName(Purpose.CLIENT, CLIENT_NAME).build(), clock, written);
        return new DevPki(directory, caFiles.caCertificate(), server, client, written);
    }

    private static void ensureLeaf(DevCa ca, LeafFiles files, LeafRequest request, Clock clock, List<WrittenFile> written) {
        if (usable(ca, files, clock.instant())) {
            return;
        }
        written.addAll(files.write(ca.issue(request), true, Optional.empty()));
    }

    private static boolean usable(DevCa ca, LeafFiles files, Instant now) {
        if (!Files.exists(files.certificate()) || !Files.exists(files.chain()) || !Files.exists(files.key())) {
            return false;
        }
        try {
            X509Certificate certificate = CertificateBundle.load(files.certificate(), PasswordSource.none()).leaf();
            PrivateKey key = PrivateKeys.load(files.key(), PasswordSource.none());
            return Issuers.signedBy(certificate, ca.issuer().certificate())
                    && !now.isBefore(certificate.getNotBefore().toInstant())
                    && now.plus(RENEW_BEFORE).isBefore(certificate.getNotAfter().toInstant())
                    && PrivateKeys.matches(key, certificate);
        } catch (MaterialException unreadable) {
            // Ours to manage: a damaged leaf is replaced rather than reported.
            return false;
        }
    }
}
