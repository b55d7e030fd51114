package dev.mtlskit.cli;

import static dev.mtlskit.cli.PkiOutput.arg;

import java.nio.file.Path;
import java.util.List;

import dev.mtlskit.pki.Purpose;
import dev.mtlskit.pki.SubjectAltNames;

/** The next-step commands that {@code mtls pki} suggests: checking a certificate with openssl, using it with curl. */
final class PkiHints {

    /** Stand-ins for the server's files in the advice of {@code pki sign}: this CA did not issue them. */
    static final String SERVER_CHAIN = "server-chain.crt";
    static final String SERVER_KEY = "server.key";
    static final String SERVER_CA = "server-ca.crt";

    private PkiHints() {
    }

    /**
     * Next steps for a newly written leaf.
     *
     * @param rootCa the CA certificate to trust
     * @param hasIntermediates whether the chain file holds intermediates (then openssl needs them as -untrusted)
     * @param partialChain whether {@code rootCa} is not self-signed (a CA given by --ca-cert without its root)
     * @param host a name the server certificate is valid for, or null
     * @param serverFromTheSameCa whether the server's certificate comes from the same CA (the dev PKI of
     *        {@code pki issue}); otherwise (a CSR signed for a partner) the client's --cacert is another CA's
     */
    static void addLeafSteps(PkiOutput output, Purpose purpose, Path certificate, Path chain, Path key, Path rootCa,
                             boolean hasIntermediates, boolean partialChain, String host, boolean serverFromTheSameCa) {
        Path presented = hasIntermediates ? chain : certificate;
        if (purpose.clientAuth() && serverFromTheSameCa) {
            output.next("call a server whose certificate is from this CA too and that trusts " + rootCa
                            + " for client certificates:",
                    "curl --cert " + arg(presented) + " --key " + arg(key) + " --cacert " + arg(rootCa)
                            + " https://localhost:8443/");
        } else if (purpose.clientAuth()) {
            // The two sides need different CAs: the server trusts the client's CA, the client the server's.
            output.next("on the server: trust " + rootCa + " for client certificates (nginx: ssl_client_certificate), e.g.:",
                    "mtls serve --cert " + SERVER_CHAIN + " --key " + SERVER_KEY + " --client-ca " + arg(rootCa));
            output.next("the client presents " + presented.getFileName() + " with its key; its --cacert is the CA of the "
                            + "server's certificate, not " + rootCa.getFileName() + ":",
                    "curl --cert " + arg(presented) + " --key " + arg(key) + " --cacert " + SERVER_CA
                            + " https://localhost:8443/");
        }
        if (purpose.clientAuth()) {
            output.next("check it the way a server checks client certificates:",
                    opensslVerify(rootCa, hasIntermediates ? chain : null, "sslclient", certificate, partialChain));
        }
        if (purpose.serverAuth()) {
            output.next("configure the server with " + presented.getFileName() + " and " + key.getFileName()
                            + "; clients trust " + rootCa.getFileName() + ", e.g.:",
                    "curl --cacert " + arg(rootCa) + " " + url(host));
            output.next("check it the way a client checks server certificates:",
                    opensslVerify(rootCa, hasIntermediates ? chain : null, "sslserver", certificate, partialChain));
        }
    }

    static String opensslVerify(Path rootCa, Path untrusted, String purpose, Path certificate, boolean partialChain) {
        return "openssl verify " + (partialChain ? "-partial_chain " : "") + "-CAfile " + arg(rootCa)
                + (untrusted != null ? " -untrusted " + arg(untrusted) : "")
                + " -purpose " + purpose + " " + arg(certificate);
    }

    /** A URL for a server name: IPv6 in brackets, a wildcard filled in. */
    static String url(String host) {
        String name = host == null ? "localhost" : host.startsWith("*.") ? "www" + host.substring(1) : host;
        return "https://" + (name.contains(":") ? "[" + name + "]" : name) + ":8443/";
    }

    /** The first DNS name or IP address, for examples. */
    static String firstHost(SubjectAltNames names) {
        List<String> hosts = !names.dnsNames().isEmpty() ? names.dnsNames() : names.ipAddresses();
        return hosts.isEmpty() ? null : hosts.get(0);
    }
}
