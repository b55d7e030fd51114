package dev.mtlskit.client;

import java.io.IOException;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Whether a certificate points to its issuer's certificate (authorityInfoAccess caIssuers), as
 * certificates from public and most corporate CAs do: then an issuer that is neither sent nor
 * trusted is an intermediate the server forgot, not an unknown root.
 */
final class CaIssuers {

    private CaIssuers() {
    }

    static boolean named(X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return false;
        }
        try {
            AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(value));
            for (AccessDescription description : access.getAccessDescriptions()) {
                if (AccessDescription.id_ad_caIssuers.equals(description.getAccessMethod())) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
