package dev.mtlskit.gateway.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.reason.Reason;
import dev.mtlskit.validation.ChainValidator;
import dev.mtlskit.validation.PeerRole;
import dev.mtlskit.validation.ValidationRequest;
import dev.mtlskit.validation.Verdict;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;

/**
 * Verifies client certificates during the handshake with mtls-kit's strict validator (through the
 * verdict cache). Its accepted issuers are the client CAs, which the server lists in its
 * CertificateRequest so that clients know which certificate to send.
 *
 * <p>In {@code explain} mode ({@code rejectInvalid} false) nothing is refused here: the request
 * handler answers with the verdict instead.
 */
public final class ClientCertificateVerifier extends X509ExtendedTrustManager {

    private final List<X509Certificate> clientCas;
    private final List<X509CRL> crls;
    private final boolean rejectInvalid;
    private final boolean acceptMissingClientAuthEku;
    private final VerdictCache cache;
    private final Function<PeerIdentity, Map<String, String>> identityHeaders;
    private final Clock clock;
    private final ChainValidator validator = new ChainValidator();

    /** @param identityHeaders the listener's identity header(s) of a verified identity, cached with its judgement */
    public ClientCertificateVerifier(List<X509Certificate> clientCas, List<X509CRL> crls, boolean rejectInvalid,
                                     boolean acceptMissingClientAuthEku, VerdictCache cache,
                                     Function<PeerIdentity, Map<String, String>> identityHeaders, Clock clock) {
        this.clientCas = List.copyOf(clientCas);
        this.crls = List.copyOf(crls);
        this.rejectInvalid = rejectInvalid;
        this.acceptMissingClientAuthEku = acceptMissingClientAuthEku;
        this.cache = cache;
        this.identityHeaders = identityHeaders;
        this.clock = clock;
    }

    /**
     * The verdict on a client chain (leaf first), the identity it proves and its identity headers,
     * from the cache when seen recently.
     */
    public Judgement judge(List<X509Certificate> chain) {
        return cache.get(chain, presented -> Judgement.of(validate(presented), presented, identityHeaders));
    }

    /** The verdict on a client chain (leaf first), from the cache when seen recently. */
    public Verdict verdict(List<X509Certificate> chain) {
        return judge(chain).verdict();
    }

    private Verdict validate(List<X509Certificate> chain) {
        ValidationRequest.Builder request = ValidationRequest.builder().chain(chain).trustAnchors(clientCas)
                .crls(crls).at(clock.instant());
        Verdict verdict = validator.validate(request.role(PeerRole.CLIENT).build());
        if (!verdict.valid() && verdict.reason() == Reason.WRONG_PURPOSE && acceptMissingClientAuthEku
                && isServerCertificate(chain.get(0))) {
            // The operator accepts serverAuth-only partner certificates: every other check still applies.
            return validator.validate(request.role(null).build());
        }
        return verdict;
    }

    private static boolean isServerCertificate(X509Certificate leaf) {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            return usages != null && usages.contains("1.3.6.1.5.5.7.3.1");
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            return; // no certificate: the engine's client-auth mode decides
        }
        Verdict verdict = verdict(List.of(chain));
        if (verdict.valid() || !rejectInvalid) {
            return;
        }
        throw new OpenSslCertificateException(verdict.reason() + ": " + verdict.message(),
                new ClientCertificateRejectedException(verdict), alertCode(verdict.reason()));
    }

    /** The X.509 error BoringSSL turns into the TLS alert the client sees. */
    static int alertCode(Reason reason) {
        switch (reason) {
            case EXPIRED: return CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
            case NOT_YET_VALID: return CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID;
            case REVOKED: return CertificateVerifier.X509_V_ERR_CERT_REVOKED;
            case UNTRUSTED_ROOT: return CertificateVerifier.X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
            case MISSING_INTERMEDIATE: return CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
            case BAD_SIGNATURE: return CertificateVerifier.X509_V_ERR_CERT_SIGNATURE_FAILURE;
            case WRONG_PURPOSE: return CertificateVerifier.X509_V_ERR_INVALID_PURPOSE;
            default: return CertificateVerifier.X509_V_ERR_UNSPECIFIED;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a server-side trust manager does not judge servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a server-side trust manager does not judge servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a server-side trust manager does not judge servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return clientCas.toArray(X509Certificate[]::new);
    }
}
