package dev.mtlskit.material;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;

import dev.mtlskit.material.Inputs.Source;

/** Loading certificate revocation lists (PEM {@code X509 CRL} blocks, any number, or one DER CRL). */
public final class Crls {

    private Crls() {
    }

    public static List<X509CRL> load(Path file) {
        Source source = Source.of(file);
        return parse(Inputs.read(file, file.toString(), "CRL file"), source);
    }

    static List<X509CRL> parse(byte[] content, Source source) {
        FileKind kind = FileKind.sniff(content);
        if (kind == FileKind.CRL && Pem.looksLikePem(content)) {
            List<X509CRL> crls = new ArrayList<>();
            int number = 0;
            for (Pem.Block block : Pem.blocks(content)) {
                if (!block.label().equals("X509 CRL")) {
                    continue;
                }
                number++;
                if (block.isCorrupted()) {
                    throw source.error(source.name() + ": CRL number " + number
                            + " is corrupted (bad base64 or DER): download it again from the CA");
                }
                crls.add(crl(block.der(), source, number));
            }
            return crls;
        }
        if (kind == FileKind.CRL) {
            return List.of(crl(content, source, 1));
        }
        throw source.error(source.name() + " holds no CRL (it looks like " + kind.description()
                + "): pass the CA's certificate revocation list (-----BEGIN X509 CRL-----)");
    }

    private static X509CRL crl(byte[] der, Source source, int number) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (CRLException | CertificateException | RuntimeException e) {
            throw source.error(source.name() + ": CRL number " + number
                    + " is corrupted (bad base64 or DER): download it again from the CA", e);
        }
    }
}
