package dev.mtlskit.pki;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.mtlskit.material.Issuers;
import dev.mtlskit.material.PemWriter;

/**
 * The dev CA's revocations and its CRL: {@code revoked.tsv} lists what was revoked (serial, time,
 * reason, subject), and {@code crl.pem} is the CRL the issuing CA signs from it, which
 * {@code mtls serve --crl} reads again within a second of each change.
 */
public final class DevCrl {

    /** How long a CRL vouches for the certificates it does not list, unless told otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);

    /** One revoked certificate. */
    public record Revocation(BigInteger serial, Instant revokedAt, String reason, String subject) {
        public Revocation {
            requireNonNull(serial, "serial");
            requireNonNull(revokedAt, "revokedAt");
            requireNonNull(reason, "reason");
            requireNonNull(subject, "subject");
        }

        String serialHex() {
            return serial.toString(16).toUpperCase(Locale.ROOT);
        }
    }

    /** The reasons {@code mtls pki revoke --reason} takes, as RFC 5280 names them. */
    public static final List<String> REASONS = List.of("unspecified", "keyCompromise", "superseded",
            "cessationOfOperation", "affiliationChanged");

    private DevCrl() {
    }

    public static Path revocationsFile(DevCaFiles files) {
        return files.directory().resolve("revoked.tsv");
    }

    public static Path crlFile(DevCaFiles files) {
        return files.directory().resolve("crl.pem");
    }

    /** What was revoked so far, oldest first (none when nothing was). */
    public static List<Revocation> revocations(DevCaFiles files) {
        Path file = revocationsFile(files);
        List<Revocation> revocations = new ArrayList<>();
        if (!Files.exists(file)) {
            return revocations;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t", 4);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (fields.length != 4) {
                    throw new PkiException(file + ": the line \"" + line + "\" is not SERIAL, TIME, REASON and SUBJECT "
                            + "separated by tabs: fix or remove it (mtls pki revoke writes this file)");
                }
                revocations.add(new Revocation(new BigInteger(fields[0], 16), Instant.parse(fields[1]), fields[2], fields[3]));
            }
        } catch (IOException e) {
            throw new PkiException(file + " cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof PkiException pki) {
                throw pki;
            }
            throw new PkiException(file + " is not a list of revocations (" + e.getMessage() + "): fix or remove it");
        }
        return revocations;
    }

    /**
     * Records the revocation of {@code certificate}, which {@code ca} must have issued; {@link #writeCrl}
     * then publishes it.
     *
     * @return the revocation (the earlier one when it was revoked before)
     */
    public static Revocation revoke(DevCa ca, DevCaFiles files, X509Certificate certificate, String reason, Clock clock) {
        if (!REASONS.contains(reason)) {
            throw new PkiException("--reason " + reason + " is not a revocation reason: use one of " + String.join(", ", REASONS));
        }
        X509Certificate issuer = ca.issuer().certificate();
        String subject = certificate.getSubjectX500Principal().getName();
        if (!Issuers.signedBy(certificate, issuer)) {
            throw new PkiException(subject + " was not issued by this CA (" + issuer.getSubjectX500Principal().getName()
                    + "): only the CA that issued a certificate can revoke it");
        }
        for (Revocation earlier : revocations(files)) {
            if (earlier.serial().equals(certificate.getSerialNumber())) {
                return earlier;
            }
        }
        // To the second, as the CRL says it.
        Revocation revocation = new Revocation(certificate.getSerialNumber(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), reason, subject);
        try {
            Files.writeString(revocationsFile(files), revocation.serialHex() + "\t" + revocation.revokedAt() + "\t" + reason
                    + "\t" + subject + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PkiException(revocationsFile(files) + " cannot be written: " + e.getMessage());
        }
        return revocation;
    }

    /**
     * Signs a new CRL with every revocation so far, valid from now for {@code validity}, and puts it
     * in place with one rename (a gateway that follows the file never reads half of it).
     */
    public static X509CRL writeCrl(DevCa ca, DevCaFiles files, Duration validity, Clock clock) {
        HeldCertificate issuer = ca.issuer();
        Instant now = clock.instant();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.certificate()
                    .getSubjectX500Principal().getEncoded()), Date.from(now.minusSeconds(60)))
                    .setNextUpdate(Date.from(now.plus(validity)));
            // Increasing with time, so that a newer CRL always has the higher number.
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate()));
            for (Revocation revocation : revocations(files)) {
                builder.addCRLEntry(revocation.serial(), Date.from(revocation.revokedAt()), reasonCode(revocation.reason()));
            }
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder(
                    KeyType.signatureAlgorithmFor(issuer.keyPair().getPrivate())).build(issuer.keyPair().getPrivate())));
            Path file = crlFile(files);
            Path next = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(next, PemWriter.pem(crl), StandardCharsets.US_ASCII);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return crl;
        } catch (IOException e) {
            throw new PkiException(crlFile(files) + " cannot be written: " + e.getMessage());
        } catch (OperatorCreationException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the CRL could not be signed: " + e.getMessage(), e);
        }
    }

    private static int reasonCode(String reason) {
        return switch (reason) {
            case "keyCompromise" -> CRLReason.keyCompromise;
            case "superseded" -> CRLReason.superseded;
            case "cessationOfOperation" -> CRLReason.cessationOfOperation;
            case "affiliationChanged" -> CRLReason.affiliationChanged;
            default -> CRLReason.unspecified;
        };
    }
}
