package dev.mtlskit.revocation;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** The CRL distribution points a certificate names, and downloading one CRL from them. */
final class CrlDownloads {

    /** Large CAs publish CRLs of tens of megabytes; more than this is refused rather than held in memory. */
    static final int MAX_CRL_BYTES = 32 * 1024 * 1024;

    private CrlDownloads() {
    }

    /** The http:// URLs of a certificate's CRL distribution points (full names), in order. */
    static List<String> distributionPoints(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<String> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        String url = general.getName().toString();
                        if (url.regionMatches(true, 0, "http://", 0, 7) && !urls.contains(url)) {
                            urls.add(url);
                        }
                    }
                }
            }
        } catch (RuntimeException malformed) {
            // A malformed extension was already refused by validation; nothing to fetch.
        }
        return urls;
    }

    /** Downloads and parses the CRL at {@code url} (DER or PEM); its signature is checked by validation. */
    static X509CRL download(String url, Duration timeout) throws HttpFetch.Failure {
        byte[] content = HttpFetch.exchange(url, null, null, "application/pkix-crl", timeout, MAX_CRL_BYTES);
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(content));
        } catch (Exception e) {
            throw new HttpFetch.Failure("served something that is not a CRL");
        }
    }
}
