package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import dev.mtlskit.material.Issuers;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.PemWriter;

/**
 * A CA that issues leaf certificates: the dev CA that {@code mtls pki init} creates in a directory,
 * or any CA whose certificate and key are at hand. Leaves are issued by the intermediate when there
 * is one; they never outlive the CA that signs them.
 */
public final class DevCa {

    /** Backdating tolerates peers whose clocks run a little behind. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    /** How far a requested validity may overrun the CA's and be clipped to it rather than refused. */
    private static final Duration CLIP_TOLERANCE = Duration.ofHours(1);

    private final HeldCertificate issuer;
    private final Clock clock;

    /**
     * @param issuer the CA certificate that signs, with its key and the CA certificates above it
     * @param clock the source of "now" for validity periods
     */
    public DevCa(HeldCertificate issuer, Clock clock) {
        this.issuer = requireNonNull(issuer, "issuer");
        this.clock = requireNonNull(clock, "clock");
        requireCa(issuer.certificate(), "the issuing certificate");
    }

    /**
     * Creates a root CA (and an intermediate when asked) and writes it to {@code directory}.
     *
     * @param replace whether existing CA files may be replaced; without it an existing CA is refused,
     *                so that a CA key is never lost silently
     * @return the new CA and the files written
     */
    public static Init init(Path directory, CaSpec spec, boolean replace, Clock clock) {
        requireNonNull(directory, "directory");
        requireNonNull(spec, "spec");
        requireNonNull(clock, "clock");
        DevCaFiles files = new DevCaFiles(directory);
        List<Path> existing = files.existing();
        if (!existing.isEmpty() && !replace) {
            throw new PkiException(files.displayName() + " already has a CA (" + existing.stream().map(Path::toString)
                    .collect(Collectors.joining(", ")) + "): pass --force to replace it, knowing that every "
                    + "certificate it issued will stop verifying, or use another --dir");
        }
        Instant start = clock.instant().minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(spec.validity());
        HeldCertificate root = HeldCertificate.builder()
                .organization(spec.name())
                .commonName(spec.rootCommonName())
                .keyType(spec.keyType())
                .certificateAuthority(spec.intermediate() ? 1 : 0)
                .validity(start, end)
                .build();
        HeldCertificate intermediate = !spec.intermediate() ? null : HeldCertificate.builder()
                .organization(spec.name())
                .commonName(spec.intermediateCommonName())
                .keyType(spec.keyType())
                .certificateAuthority(0)
                .validity(start, end)
                .signedBy(root)
                .build();
        List<WrittenFile> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            writeCa(files.caCertificate(), files.caKey(), root, "root CA", written);
            if (intermediate != null) {
                writeCa(files.intermediateCertificate(), files.intermediateKey(), intermediate, "intermediate CA", written);
            } else {
                // A stale intermediate of the replaced CA would otherwise go on issuing.
                Files.deleteIfExists(files.intermediateCertificate());
                Files.deleteIfExists(files.intermediateKey());
            }
        } catch (IOException e) {
            throw new PkiException("cannot write the CA to " + files.displayName() + ": " + e.getMessage()
                    + " (check that the directory is writable)", e);
        }
        return new Init(new DevCa(intermediate != null ? intermediate : root, clock), List.copyOf(written));
    }

    /**
     * Loads the dev CA of a directory written by {@link #init}.
     *
     * @param keyPassword for CA keys that someone encrypted; usually {@link PasswordSource#none()}
     */
    public static DevCa load(Path directory, PasswordSource keyPassword, Clock clock) {
        requireNonNull(directory, "directory");
        requireNonNull(keyPassword, "keyPassword");
        DevCaFiles files = new DevCaFiles(directory);
        boolean hasCertificate = Files.exists(files.caCertificate());
        boolean hasKey = Files.exists(files.caKey());
        if (!hasCertificate && !hasKey) {
            throw new PkiException(files.displayName() + " has no CA: run '" + files.initCommand() + "' first");
        }
        if (!hasCertificate || !hasKey) {
            throw new PkiException(files.displayName() + " has " + (hasCertificate ? "ca.crt but no ca.key" : "ca.key but no ca.crt")
                    + ": restore the missing file, or create a new CA with '" + files.initCommand() + " --force'");
        }
        HeldCertificate root = held(KeyMaterial.load(files.caCertificate(), files.caKey(), keyPassword));
        requireCa(root.certificate(), files.caCertificate().toString());
        if (!files.hasIntermediate()) {
            return new DevCa(root, clock);
        }
        KeyMaterial intermediate = KeyMaterial.load(files.intermediateCertificate(), files.intermediateKey(), keyPassword);
        X509Certificate intermediateCertificate = intermediate.leaf();
        if (!Issuers.signedBy(intermediateCertificate, root.certificate())) {
            throw new PkiException(files.intermediateCertificate() + " was not issued by " + files.caCertificate()
                    + " (was one of them replaced?): create a new CA with '" + files.initCommand() + " --force --intermediate'");
        }
        return new DevCa(new HeldCertificate(intermediateCertificate,
                new KeyPair(intermediateCertificate.getPublicKey(), intermediate.privateKey()),
                List.of(root.certificate())), clock);
    }

    /**
     * A CA from its certificate file (which may hold the CA's own chain, the signing CA first) and key file.
     */
    public static DevCa fromFiles(Path certificateFile, Path keyFile, PasswordSource keyPassword, Clock clock) {
        requireNonNull(certificateFile, "certificateFile");
        requireNonNull(keyFile, "keyFile");
        requireNonNull(keyPassword, "keyPassword");
        HeldCertificate held = held(KeyMaterial.load(certificateFile, keyFile, keyPassword));
        requireCa(held.certificate(), certificateFile.toString());
        return new DevCa(held, clock);
    }

    /** The CA certificate that signs, with its key and the CA certificates above it. */
    public HeldCertificate issuer() {
        return issuer;
    }

    /** The CA certificates below the root that a peer must send along with its leaf, nearest first. */
    public List<X509Certificate> intermediates() {
        List<X509Certificate> chain = issuer.fullChain();
        X509Certificate last = chain.get(chain.size() - 1);
        return Issuers.isSelfSigned(last) ? chain.subList(0, chain.size() - 1) : chain;
    }

    /** The top of the known chain: the root CA to trust (unless a higher CA was not supplied). */
    public X509Certificate root() {
        List<X509Certificate> chain = issuer.fullChain();
        return chain.get(chain.size() - 1);
    }

    /** A new key pair and a certificate for it. */
    public HeldCertificate issue(LeafRequest request) {
        requireNonNull(request, "request");
        CertificateBuilder builder = HeldCertificate.builder()
                .commonName(request.commonName())
                .purpose(request.purpose())
                .keyType(request.keyType())
                .signedBy(issuer);
        request.names().addTo(builder);
        applyValidity(builder, request.validity());
        return builder.build();
    }

    /**
     * Certifies the key of a verified CSR for {@code purpose}. Copies the subject and the subject
     * alternative names; never what else the CSR asks for (CA rights, key usages).
     *
     * @param validity empty for the default of 397 days
     */
    public X509Certificate sign(Csr csr, Purpose purpose, Optional<Duration> validity) {
        requireNonNull(csr, "csr");
        requireNonNull(purpose, "purpose");
        requireNonNull(validity, "validity");
        KeyStrength.require(csr.publicKey(), "the CSR");
        SubjectAltNames names = certifiedNames(csr, purpose);
        CertificateBuilder builder = HeldCertificate.builder()
                .subject(csr.subject())
                .publicKey(csr.publicKey())
                .purpose(purpose)
                .signedBy(issuer);
        names.addTo(builder);
        applyValidity(builder, validity);
        return builder.buildCertificate();
    }

    /**
     * The names a certificate for {@code csr} gets: those it asks for; for a server, when it asks
     * for no DNS name or IP address, its CN if that is a host name (as {@code openssl req -subj /CN=host} makes them).
     *
     * @throws PkiException for a server certificate without any host name
     */
    public SubjectAltNames certifiedNames(Csr csr, Purpose purpose) {
        SubjectAltNames names = csr.names();
        if (!purpose.serverAuth() || names.hasHostNames()) {
            return names;
        }
        String commonName = commonName(csr.subject());
        if (commonName == null || !SubjectAltNames.looksLikeHostName(commonName)) {
            throw new PkiException("the CSR asks for no DNS name or IP address, which a " + purpose.name()
                    .toLowerCase(java.util.Locale.ROOT) + " certificate needs (TLS clients check only those): "
                    + "create the CSR with --dns or --ip");
        }
        return names.withHost(commonName);
    }

    /** Whether the known chain ends at a self-signed root (not so for a CA given without its root). */
    public boolean hasRoot() {
        return Issuers.isSelfSigned(root());
    }

    private void applyValidity(CertificateBuilder builder, Optional<Duration> requested) {
        Instant now = clock.instant();
        X509Certificate ca = issuer.certificate();
        Instant caEnd = ca.getNotAfter().toInstant();
        if (!now.isBefore(caEnd)) {
            throw new PkiException("the CA " + ca.getSubjectX500Principal().getName() + " expired on " + day(caEnd)
                    + ": create a new CA (mtls pki init --force) and issue the certificates again");
        }
        Instant start = now.minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(requested.orElse(LeafRequest.DEFAULT_VALIDITY));
        // A CA made a moment ago for N days can issue for N days: its end is only seconds short.
        if (end.isAfter(caEnd) && (requested.isEmpty() || !end.isAfter(caEnd.plus(CLIP_TOLERANCE)))) {
            end = caEnd;
        }
        if (end.isAfter(caEnd)) {
            long allowed = Math.round(Duration.between(start, caEnd).toSeconds() / 86400.0);
            throw new PkiException(requested.orElseThrow().toDays() + " days would outlive the CA "
                    + ca.getSubjectX500Principal().getName() + ", which expires on " + day(caEnd)
                    + ": ask for at most " + allowed + " days");
        }
        builder.validity(start, end);
    }

    private static String commonName(X500Name subject) {
        RDN[] commonNames = subject.getRDNs(BCStyle.CN);
        return commonNames.length == 0 ? null : IETFUtils.valueToString(commonNames[0].getFirst().getValue());
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static HeldCertificate held(KeyMaterial material) {
        X509Certificate certificate = material.leaf();
        List<X509Certificate> chain = material.chain();
        return new HeldCertificate(certificate, new KeyPair(certificate.getPublicKey(), material.privateKey()),
                chain.subList(1, chain.size()));
    }

    private static void requireCa(X509Certificate certificate, String what) {
        boolean[] keyUsage = certificate.getKeyUsage();
        if (certificate.getBasicConstraints() < 0) {
            throw new PkiException(what + " (" + certificate.getSubjectX500Principal().getName()
                    + ") is not a CA certificate (no basicConstraints CA:TRUE): sign with a CA's certificate and key");
        }
        if (keyUsage != null && !keyUsage[5]) {
            throw new PkiException(what + " (" + certificate.getSubjectX500Principal().getName()
                    + ") may not sign certificates (its key usage lacks keyCertSign): sign with a CA's certificate and key");
        }
    }

    private static void writeCa(Path certificateFile, Path keyFile, HeldCertificate ca, String what,
                                List<WrittenFile> written) throws IOException {
        PemWriter.writeCertificates(certificateFile, List.of(ca.certificate()));
        written.add(new WrittenFile(certificateFile, what + " certificate (" + (what.startsWith("root")
                ? "trust this one" : "sent along with leaves") + ")"));
        PemWriter.writePrivateKey(keyFile, ca.keyPair().getPrivate());
        written.add(new WrittenFile(keyFile, what + " key (secret, mode 0600: it can issue trusted certificates)"));
    }

    /**
     * What {@link #init} did.
     *
     * @param ca the new CA, ready to issue
     * @param written the files written, root first
     */
    public record Init(DevCa ca, List<WrittenFile> written) {
        public Init {
            requireNonNull(ca, "ca");
            written = List.copyOf(written);
        }
    }
}
