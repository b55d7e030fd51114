package dev.mtlskit.identity;

import static dev.mtlskit.identity.PeerIdentityTest.CA;
import static dev.mtlskit.identity.PeerIdentityTest.NOT_AFTER;
import static dev.mtlskit.identity.PeerIdentityTest.NOT_BEFORE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.pki.Purpose;

class IdentityHeadersTest {

    private static final HeldCertificate ACME = HeldCertificate.builder().organization("Acme").commonName("acme")
            .purpose(Purpose.CLIENT).validity(NOT_BEFORE, NOT_AFTER)
            .addUri("spiffe://example.org/acme").addUri("spiffe://example.org/acme-2")
            .addDnsName("acme.example").addDnsName("www.acme.example").signedBy(CA).build();
    private static final PeerIdentity IDENTITY = PeerIdentity.of(List.of(ACME.certificate(), CA.certificate()));

    @Test
    void xfccHasEnvoysKeysWithOneUriAndDnsPerName() {
        assertThat(IdentityHeaders.xfcc(IDENTITY, false, false)).isEqualTo("Hash=" + IDENTITY.sha256Fingerprint()
                + ";Subject=\"CN=acme,O=Acme\";URI=spiffe://example.org/acme;URI=spiffe://example.org/acme-2"
                + ";DNS=acme.example;DNS=www.acme.example");
    }

    @Test
    void xfccKeepsAnEmptyUriKeyLikeEnvoy() {
        HeldCertificate plain = HeldCertificate.builder().commonName("plain").purpose(Purpose.CLIENT)
                .validity(NOT_BEFORE, NOT_AFTER).signedBy(CA).build();
        PeerIdentity identity = PeerIdentity.of(List.of(plain.certificate()));

        assertThat(IdentityHeaders.xfcc(identity, false, false))
                .isEqualTo("Hash=" + identity.sha256Fingerprint() + ";Subject=\"CN=plain\";URI=");
    }

    @Test
    void xfccCertAndChainAreUrlEncodedPemInEnvoysOrder() throws Exception {
        String header = IdentityHeaders.xfcc(IDENTITY, true, true);

        String cert = "-----BEGIN%20CERTIFICATE-----%0A" + urlEncodedBase64Lines(ACME.certificate())
                + "-----END%20CERTIFICATE-----%0A";
        String chain = cert + "-----BEGIN%20CERTIFICATE-----%0A" + urlEncodedBase64Lines(CA.certificate())
                + "-----END%20CERTIFICATE-----%0A";
        assertThat(header).isEqualTo("Hash=" + IDENTITY.sha256Fingerprint() + ";Cert=\"" + cert + "\";Chain=\""
                + chain + "\";Subject=\"CN=acme,O=Acme\";URI=spiffe://example.org/acme;URI=spiffe://example.org/acme-2"
                + ";DNS=acme.example;DNS=www.acme.example");
        assertThat(parsePem(quoted(header, "Cert"))).containsExactly(ACME.certificate());
        assertThat(parsePem(quoted(header, "Chain"))).containsExactly(ACME.certificate(), CA.certificate());
    }

    @Test
    void xfccEscapesQuotesBackslashesAndSeparatorsInValues() {
        HeldCertificate tricky = HeldCertificate.builder().subject("O=Acme\\, Inc.,CN=a\\\"b\\\\c")
                .purpose(Purpose.CLIENT).validity(NOT_BEFORE, NOT_AFTER)
                .addUri("https://acme.example/id;v=\"1\",x").signedBy(CA).build();
        PeerIdentity identity = PeerIdentity.of(List.of(tricky.certificate()));
        assertThat(identity.subject()).isEqualTo("CN=a\\\"b\\\\c,O=Acme\\, Inc.");

        assertThat(IdentityHeaders.xfcc(identity, false, false)).isEqualTo("Hash=" + identity.sha256Fingerprint()
                + ";Subject=\"CN=a\\\\\\\"b\\\\\\\\c,O=Acme\\\\, Inc.\""
                + ";URI=\"https://acme.example/id;v=\\\"1\\\",x\"");
    }

    @Test
    void xfccNeverLetsACertificateBreakTheHeader() {
        HeldCertificate evil = HeldCertificate.builder().subject("CN=Zoë\r\nX-Admin: yes").purpose(Purpose.CLIENT)
                .validity(NOT_BEFORE, NOT_AFTER).addDnsName("x.example\r\nX-Admin: yes").signedBy(CA).build();
        PeerIdentity identity = PeerIdentity.of(List.of(evil.certificate()));

        String header = IdentityHeaders.xfcc(identity, true, true);

        assertThat(header).isEqualTo("Hash=" + identity.sha256Fingerprint() + ";Cert=\"" + quoted(header, "Cert")
                + "\";Chain=\"" + quoted(header, "Chain") + "\""
                + ";Subject=\"CN=Zo\\\\C3\\\\AB\\\\0D\\\\0AX-Admin: yes\";URI=;DNS=x.example%0D%0AX-Admin:%20yes");
        assertThat(header.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    @Test
    void clientCertIsAStructuredFieldByteSequenceOfTheDer() throws Exception {
        assertThat(IdentityHeaders.clientCert(ACME.certificate()))
                .isEqualTo(":" + Base64.getEncoder().encodeToString(ACME.certificate().getEncoded()) + ":");
    }

    @Test
    void clientCertChainIsAListOfByteSequences() throws Exception {
        HeldCertificate intermediate = HeldCertificate.builder().commonName("Acme Intermediate").certificateAuthority(0)
                .validity(NOT_BEFORE, NOT_AFTER).signedBy(CA).build();

        assertThat(IdentityHeaders.clientCertChain(List.of(intermediate.certificate(), CA.certificate())))
                .isEqualTo(":" + Base64.getEncoder().encodeToString(intermediate.certificate().getEncoded()) + ":, :"
                        + Base64.getEncoder().encodeToString(CA.certificate().getEncoded()) + ":");
        assertThat(IdentityHeaders.clientCertChain(List.of())).isEmpty();
    }

    /** The base64 of the DER in 64-character lines, each followed by %0A, with + / = URL-encoded. */
    private static String urlEncodedBase64Lines(X509Certificate certificate) throws Exception {
        String base64 = Base64.getEncoder().encodeToString(certificate.getEncoded());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 64) {
            lines.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        return lines.toString().replace("+", "%2B").replace("/", "%2F").replace("=", "%3D").replace("\n", "%0A");
    }

    private static String quoted(String header, String key) {
        Matcher matcher = Pattern.compile(key + "=\"([^\"]*)\"").matcher(header);
        assertThat(matcher.find()).as(key + " in " + header).isTrue();
        return matcher.group(1);
    }

    private static List<X509Certificate> parsePem(String urlEncoded) throws Exception {
        byte[] pem = URLDecoder.decode(urlEncoded, StandardCharsets.US_ASCII).getBytes(StandardCharsets.US_ASCII);
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                .map(X509Certificate.class::cast).toList();
    }
}
