package dev.mtlskit.validation;

/**
 * The policy on X.509 version 1 certificates, in one place for every tool that tells it: the
 * validator, {@code mtls inspect} and {@code mtls doctor}. A v1 certificate has no extensions, so it
 * cannot say whether it is a CA, what its key may do or for which purpose; {@code openssl x509 -req}
 * makes one whenever it is not given {@code -extfile}. Refused by default; a listener can accept v1
 * leaves (and a v1 trust anchor) from its own private CA, never a v1 intermediate.
 */
public final class V1Certificates {

    /** The {@code mtls serve} option that accepts v1 client certificates on a listener. */
    public static final String SERVE_OPTION = "--accept-v1-client-certs";
    /** The same in a listener's {@code tls} section of the YAML configuration. */
    public static final String CONFIG_KEY = "accept_v1_client_certs";

    private V1Certificates() {
    }

    /**
     * The command that issues a v3 leaf from a CSR, runnable as printed in a directory holding the
     * CSR and the CA's certificate and key under these names.
     */
    public static String leafCommand(PeerRole role, ExpectedName name) {
        boolean server = role == PeerRole.SERVER;
        String file = server ? "server" : "client";
        String extensions = "basicConstraints=CA:FALSE\\nkeyUsage=digitalSignature\\nextendedKeyUsage="
                + (server ? "serverAuth\\nsubjectAltName=" + subjectAltName(name) : "clientAuth") + "\\n";
        return "printf '" + extensions + "' > " + file + ".ext && openssl x509 -req -in " + file + ".csr"
                + " -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -extfile " + file + ".ext -out " + file + ".crt";
    }

    /**
     * What a v1 client certificate is, as the client tools say it when a server refused it
     * ({@code it is …}, {@code CN=acme is …}); the server's own line says the same in the validator's words.
     */
    public static String clientSentence() {
        return "an X.509 version 1 certificate, which carries no extensions (openssl x509 -req makes one"
                + " without -extfile); mtls serve and other strict servers refuse it (V1_CERTIFICATE)";
    }

    /** The fix of a v1 leaf: the option that makes a v3 certificate, and for clients the server's way out. */
    public static String leafFix(PeerRole role, ExpectedName name) {
        return "reissue it as an X.509 v3 certificate: openssl x509 -req makes version 1 unless -extfile gives it"
                + " extensions, e.g. with the CSR and the CA's certificate and key: " + leafCommand(role, name)
                + (role == PeerRole.SERVER ? ""
                : "; a server that must accept v1 client certificates from its own private CA can: mtls serve "
                + SERVE_OPTION);
    }

    /** The fix of a v1 CA certificate: reissued as v3 with the same name and key, what it issued stays valid. */
    static String caFix(boolean root, PeerRole role) {
        String command = root
                ? "printf 'basicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign,cRLSign\\n' > ca.ext"
                + " && openssl x509 -in ca.crt -signkey ca.key -days 3650 -extfile ca.ext -out ca-v3.crt"
                : "printf 'basicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign,cRLSign\\n' > ca.ext"
                + " && openssl x509 -req -in intermediate.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1825"
                + " -extfile ca.ext -out intermediate.crt";
        return "reissue the CA certificate as X.509 v3 with the same name and key: " + command
                + ", then reissue the certificates it issued (they name the v1 certificate by issuer and serial, not"
                + " by key identifier)" + (root && role != PeerRole.SERVER ? "; or accept v1 client certificates from this private CA: mtls serve "
                + SERVE_OPTION : "");
    }

    /** The fix of a v1 root CA certificate as a client CA (the one {@code mtls inspect} gives). */
    public static String rootFix() {
        return caFix(true, PeerRole.CLIENT);
    }

    private static String subjectAltName(ExpectedName name) {
        if (name == null) {
            return "DNS:server.example";
        }
        return (name.isIpAddress() ? "IP:" : "DNS:") + name.value();
    }
}
