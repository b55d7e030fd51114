package dev.mtlskit.tls.wire;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import dev.mtlskit.tls.wire.HandshakeDetails.CertificateRequest;
import dev.mtlskit.tls.wire.HandshakeDetails.Certificates;
import dev.mtlskit.tls.wire.HandshakeDetails.ClientHello;
import dev.mtlskit.tls.wire.HandshakeDetails.EncryptedExtensions;
import dev.mtlskit.tls.wire.HandshakeDetails.ServerHello;

/** Reads the bodies of the handshake messages a trace shows details for (RFC 8446 §4, RFC 5246 §7.4). */
final class HandshakeParser {

    private static final int SERVER_NAME = 0;
    private static final int SIGNATURE_ALGORITHMS = 13;
    private static final int ALPN = 16;
    private static final int SUPPORTED_VERSIONS = 43;
    private static final int CERTIFICATE_AUTHORITIES = 47;

    /** A HelloRetryRequest is a ServerHello with this random: SHA-256("HelloRetryRequest"), RFC 8446 §4.1.3. */
    private static final byte[] HELLO_RETRY_REQUEST_RANDOM = sha256("HelloRetryRequest");

    private HandshakeParser() {
    }

    static ClientHello clientHello(byte[] body) throws DecodeException {
        WireReader reader = new WireReader(body);
        TlsVersion legacyVersion = new TlsVersion(reader.u16());
        String random = hex(reader.bytes(32));
        reader.vector8(); // legacy_session_id
        WireReader suites = reader.vector16();
        List<String> cipherSuites = new ArrayList<>();
        while (suites.hasRemaining()) {
            int code = suites.u16();
            if (!CodeNames.isGrease(code) && code != CodeNames.EMPTY_RENEGOTIATION_INFO_SCSV
                    && code != CodeNames.FALLBACK_SCSV) {
                cipherSuites.add(CodeNames.cipherSuite(code));
            }
        }
        reader.vector8(); // legacy_compression_methods
        List<TlsVersion> versions = new ArrayList<>();
        List<String> alpn = List.of();
        String serverName = null;
        WireReader extensions = reader.hasRemaining() ? reader.vector16() : new WireReader(new byte[0]);
        while (extensions.hasRemaining()) {
            int type = extensions.u16();
            WireReader data = extensions.vector16();
            switch (type) {
                case SERVER_NAME -> serverName = serverName(data);
                case ALPN -> alpn = protocolNames(data);
                case SUPPORTED_VERSIONS -> {
                    WireReader list = data.vector8();
                    while (list.hasRemaining()) {
                        int code = list.u16();
                        if (!CodeNames.isGrease(code)) {
                            versions.add(new TlsVersion(code));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return new ClientHello(legacyVersion, versions, cipherSuites, alpn, serverName, random);
    }

    static ServerHello serverHello(byte[] body) throws DecodeException {
        WireReader reader = new WireReader(body);
        TlsVersion legacyVersion = new TlsVersion(reader.u16());
        byte[] random = reader.bytes(32);
        reader.vector8(); // legacy_session_id_echo
        int cipherSuite = reader.u16();
        reader.u8(); // legacy_compression_method
        TlsVersion version = legacyVersion;
        String alpn = null;
        WireReader extensions = reader.hasRemaining() ? reader.vector16() : new WireReader(new byte[0]);
        while (extensions.hasRemaining()) {
            int type = extensions.u16();
            WireReader data = extensions.vector16();
            if (type == SUPPORTED_VERSIONS) {
                version = new TlsVersion(data.u16());
            } else if (type == ALPN) {
                alpn = firstOrNull(protocolNames(data));
            }
        }
        return new ServerHello(legacyVersion, version, cipherSuite, CodeNames.cipherSuite(cipherSuite),
                Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM), alpn, hex(random));
    }

    static EncryptedExtensions encryptedExtensions(byte[] body) throws DecodeException {
        WireReader extensions = new WireReader(body).vector16();
        String alpn = null;
        List<Integer> types = new ArrayList<>();
        while (extensions.hasRemaining()) {
            int type = extensions.u16();
            WireReader data = extensions.vector16();
            types.add(type);
            if (type == ALPN) {
                alpn = firstOrNull(protocolNames(data));
            }
        }
        return new EncryptedExtensions(alpn, types);
    }

    /** A Certificate message; TLS 1.3 adds a request context and per-certificate extensions. */
    static Certificates certificates(byte[] body, boolean tls13) throws DecodeException {
        WireReader reader = new WireReader(body);
        String context = tls13 ? hex(reader.vector8().rest()) : null;
        WireReader list = reader.vector24();
        List<X509Certificate> certificates = new ArrayList<>();
        int unparseable = 0;
        while (list.hasRemaining()) {
            byte[] der = list.vector24().rest();
            if (tls13) {
                list.vector16(); // extensions (OCSP staple, SCTs)
            }
            X509Certificate certificate = certificate(der);
            if (certificate == null) {
                unparseable++;
            } else {
                certificates.add(certificate);
            }
        }
        return new Certificates(context, certificates, unparseable);
    }

    /** CertificateRequest: RFC 5246 §7.4.4 for TLS 1.2, RFC 8446 §4.3.2 for TLS 1.3. */
    static CertificateRequest certificateRequest(byte[] body, boolean tls13) throws DecodeException {
        WireReader reader = new WireReader(body);
        List<String> types = new ArrayList<>();
        List<String> signatureAlgorithms = new ArrayList<>();
        List<X500Principal> authorities = new ArrayList<>();
        int unparseable = 0;
        String context = null;
        if (tls13) {
            context = hex(reader.vector8().rest());
            WireReader extensions = reader.vector16();
            while (extensions.hasRemaining()) {
                int type = extensions.u16();
                WireReader data = extensions.vector16();
                if (type == SIGNATURE_ALGORITHMS) {
                    signatureAlgorithms.addAll(signatureSchemes(data.vector16()));
                } else if (type == CERTIFICATE_AUTHORITIES) {
                    unparseable += distinguishedNames(data.vector16(), authorities);
                }
            }
        } else {
            WireReader typeList = reader.vector8();
            while (typeList.hasRemaining()) {
                types.add(CodeNames.certificateType(typeList.u8()));
            }
            signatureAlgorithms.addAll(signatureSchemes(reader.vector16()));
            unparseable += distinguishedNames(reader.vector16(), authorities);
        }
        return new CertificateRequest(context, types, signatureAlgorithms, authorities, unparseable);
    }

    private static List<String> signatureSchemes(WireReader list) throws DecodeException {
        List<String> names = new ArrayList<>();
        while (list.hasRemaining()) {
            names.add(CodeNames.signatureScheme(list.u16()));
        }
        return names;
    }

    /** Adds the names that parse; returns how many did not. */
    private static int distinguishedNames(WireReader list, List<X500Principal> into) throws DecodeException {
        int unparseable = 0;
        while (list.hasRemaining()) {
            byte[] der = list.vector16().rest();
            try {
                into.add(new X500Principal(der));
            } catch (IllegalArgumentException e) {
                unparseable++;
            }
        }
        return unparseable;
    }

    private static String serverName(WireReader data) throws DecodeException {
        WireReader list = data.vector16();
        while (list.hasRemaining()) {
            int type = list.u8();
            byte[] name = list.vector16().rest();
            if (type == 0) {
                return new String(name, StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static List<String> protocolNames(WireReader data) throws DecodeException {
        WireReader list = data.vector16();
        List<String> names = new ArrayList<>();
        while (list.hasRemaining()) {
            names.add(new String(list.vector8().rest(), StandardCharsets.US_ASCII));
        }
        return names;
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    private static String firstOrNull(List<String> names) {
        return names.isEmpty() ? null : names.get(0);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
