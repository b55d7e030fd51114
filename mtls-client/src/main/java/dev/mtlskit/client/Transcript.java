package dev.mtlskit.client;

import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import dev.mtlskit.inspect.CertificateInspector;
import dev.mtlskit.inspect.SubjectAltName;
import dev.mtlskit.tls.wire.CurlStyle;
import dev.mtlskit.tls.wire.Direction;
import dev.mtlskit.tls.wire.TlsEvent;

/**
 * Says a call's events the way {@code curl -v} does ({@code * } for steps, {@code > } for the
 * request, {@code < } for the response), in the same order as curl's transcript, plus what curl
 * leaves out: the CA names the server accepts and which client certificate was sent, or why none.
 * With {@code explain}, each step gets one plain sentence ({@code   ↳ …}).
 */
public final class Transcript {

    private static final DateTimeFormatter CURL_DATE =
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final boolean explain;
    private String protocol = "TLS";

    public Transcript(boolean explain) {
        this.explain = explain;
    }

    /** The lines for one event (none for events a trace does not show). */
    public List<String> lines(CallEvent event) {
        List<String> out = new ArrayList<>();
        if (event instanceof CallEvent.Connecting connecting) {
            out.add("*   Trying " + address(connecting.address()) + "...");
        } else if (event instanceof CallEvent.Connected connected) {
            out.add("* Connected to " + connected.host() + " (" + connected.address().getAddress().getHostAddress()
                    + ") port " + connected.address().getPort());
            explain(out, "a TCP connection is open; nothing is encrypted yet.");
        } else if (event instanceof CallEvent.ConnectFailed failed) {
            out.add("* connect to " + address(failed.address()) + " failed: " + failed.failure().sentence());
        } else if (event instanceof CallEvent.Wire wire) {
            out.add("* " + CurlStyle.line(wire.event()));
            wire(out, wire.event());
        } else if (event instanceof CallEvent.TlsSetup setup) {
            setup(out, setup);
        } else if (event instanceof CallEvent.ServerCertificate server) {
            server(out, server);
        } else if (event instanceof CallEvent.CertificateRequested requested) {
            requested(out, requested);
        } else if (event instanceof CallEvent.ClientCertificateSent sent) {
            sent(out, sent);
        } else if (event instanceof CallEvent.HandshakeCompleted done) {
            protocol = done.protocol();
            out.add("* SSL connection using " + done.protocol() + " / " + done.cipherSuite());
            out.add(done.alpn() == null ? "* ALPN, server did not agree to a protocol"
                    : "* ALPN, server accepted to use " + done.alpn());
            explain(out, "the handshake is over: both sides proved who they are and share keys; "
                    + "what follows is encrypted.");
        } else if (event instanceof CallEvent.HandshakeFailed failed) {
            out.add("* TLS handshake failed: " + failed.message());
            if (failed.alert() != null) {
                out.add("* the server sent alert " + failed.alert());
            }
        } else if (event instanceof CallEvent.RequestSent sent) {
            out.add("> " + sent.method() + " " + sent.target() + " " + sent.httpVersion());
            for (CallRequest.Header header : sent.headers()) {
                out.add("> " + headerName(header.name(), sent.httpVersion()) + ": " + header.value());
            }
            out.add(">");
            if (sent.bodyLength() > 0) {
                out.add("* upload: " + sent.bodyLength() + " bytes");
            }
        } else if (event instanceof CallEvent.ResponseReceived response) {
            out.add("< " + response.httpVersion() + " " + response.status());
            for (CallRequest.Header header : response.headers()) {
                out.add("< " + header.name() + ": " + header.value());
            }
            out.add("<");
        } else if (event instanceof CallEvent.ResponseCompleted completed) {
            out.add("* response body: " + completed.bodyBytes() + " bytes");
        } else if (event instanceof CallEvent.ConnectionFailed failed) {
            out.add("* connection failed: " + failed.message());
            if (failed.alert() != null) {
                out.add("* the server sent alert " + failed.alert()
                        + ("TLSv1.3".equals(protocol) ? " (in TLS 1.3 a server rejects a client certificate"
                        + " after the client's handshake is done, so it shows up here)" : ""));
            }
        }
        return out;
    }

    private void wire(List<String> out, TlsEvent event) {
        if (!explain) {
            return;
        }
        if (event instanceof TlsEvent.HandshakeMessage message) {
            boolean in = message.direction() == Direction.IN;
            String sentence = switch (message.type()) {
                case CLIENT_HELLO -> "you propose TLS versions, ciphers and the protocols you speak (ALPN).";
                case SERVER_HELLO -> "the server picks the TLS version and cipher.";
                case ENCRYPTED_EXTENSIONS -> "from here on the handshake is encrypted; the server confirms its choices.";
                case CERTIFICATE -> in ? "the server sends its certificate chain to prove who it is."
                        : "you send your certificate chain (empty if you have none for this server).";
                case SERVER_KEY_EXCHANGE -> "the server sends its half of the key agreement, signed with its key.";
                case CERTIFICATE_REQUEST -> "the server asks you to prove who you are with a certificate"
                        + " from one of the CAs it names.";
                case SERVER_HELLO_DONE -> "the server is done; now it is your turn.";
                case CERTIFICATE_VERIFY -> in ? "the server signs the handshake with its key: it holds the key of its certificate."
                        : "you sign the handshake with your key: this proves you hold the key of your certificate.";
                case CLIENT_KEY_EXCHANGE -> "you send your half of the key agreement.";
                case FINISHED -> in ? "the server confirms the handshake was not tampered with."
                        : "you confirm the handshake was not tampered with.";
                case NEW_SESSION_TICKET -> "the server gives you a ticket to resume this session faster next time.";
                default -> null;
            };
            if (sentence != null) {
                out.add("*   ↳ " + sentence);
            }
        } else if (event instanceof TlsEvent.Alert alert && alert.description() != null && alert.fatal()) {
            out.add("*   ↳ " + (alert.direction() == Direction.IN ? "the server" : "you") + " ended the connection: "
                    + alert.description().text() + ".");
        }
    }

    private void setup(List<String> out, CallEvent.TlsSetup setup) {
        for (String alpn : setup.alpnOffered()) {
            out.add("* ALPN, offering " + alpn);
        }
        out.add("* TLS versions offered: " + String.join(", ", setup.protocols()));
        out.add("* successfully set certificate verify locations:");
        out.add("*   CAfile: " + setup.trustSource());
        if (setup.clientChain().isEmpty()) {
            out.add("* no client certificate configured (--cert/--key)");
        } else {
            X509Certificate leaf = setup.clientChain().get(0);
            out.add("* client certificate: " + setup.clientCertificateFile() + " (" + name(leaf.getSubjectX500Principal())
                    + ", issued by " + name(leaf.getIssuerX500Principal()) + ", " + setup.clientChain().size()
                    + (setup.clientChain().size() == 1 ? " certificate)" : " certificates)"));
        }
    }

    private void server(List<String> out, CallEvent.ServerCertificate server) {
        X509Certificate leaf = server.chain().get(0);
        out.add("* Server certificate:");
        out.add("*  subject: " + name(leaf.getSubjectX500Principal()));
        out.add("*  start date: " + CURL_DATE.format(leaf.getNotBefore().toInstant()));
        out.add("*  expire date: " + CURL_DATE.format(leaf.getNotAfter().toInstant()));
        List<SubjectAltName> names = CertificateInspector.subjectAltNames(leaf);
        out.add("*  subjectAltName: " + (names.isEmpty() ? "(none)"
                : names.stream().map(SubjectAltName::toString).collect(Collectors.joining(", "))));
        out.add("*  issuer: " + name(leaf.getIssuerX500Principal()));
        out.add("*  chain sent by the server: " + server.chain().size()
                + (server.chain().size() == 1 ? " certificate" : " certificates"));
        for (int i = 0; i < server.chain().size(); i++) {
            X509Certificate certificate = server.chain().get(i);
            out.add("*   " + i + " s:" + name(certificate.getSubjectX500Principal()) + "  i:"
                    + name(certificate.getIssuerX500Principal()) + "  expires " + CURL_DATE.format(
                    certificate.getNotAfter().toInstant()));
        }
        if (server.verdict().valid()) {
            out.add("*  SSL certificate verify ok (host \"" + server.expectedName() + "\" matched).");
            explain(out, "the server proved it is " + server.expectedName() + " with a certificate from a CA you trust.");
        } else {
            ServerCertificateRefusal refusal = server.refusal().orElseThrow();
            out.add("*  SSL certificate problem: " + refusal.reason() + ": " + refusal.message());
            out.add("*  fix: " + refusal.fix());
        }
    }

    private void requested(List<String> out, CallEvent.CertificateRequested requested) {
        if (requested.acceptedIssuers().isEmpty()) {
            out.add("* The server asks for a client certificate (Request CERT) and names no CAs (any CA it trusts).");
        } else {
            out.add("* The server asks for a client certificate (Request CERT); it accepts certificates issued by:");
            for (X500Principal issuer : requested.acceptedIssuers()) {
                out.add("*   " + name(issuer));
            }
        }
        explain(out, "this is mutual TLS: the server wants you to prove who you are with a certificate.");
    }

    private void sent(List<String> out, CallEvent.ClientCertificateSent sent) {
        if (sent.chain().isEmpty()) {
            out.add("* Sending no client certificate: " + sent.note());
            explain(out, "a server that requires one will end the handshake or refuse the request.");
            return;
        }
        X509Certificate leaf = sent.chain().get(0);
        out.add("* Sending client certificate: " + name(leaf.getSubjectX500Principal()) + " (issuer "
                + name(leaf.getIssuerX500Principal()) + ", " + sent.chain().size()
                + (sent.chain().size() == 1 ? " certificate)" : " certificates)"));
        if (!sent.issuerAccepted()) {
            out.add("* Note: " + sent.note());
            explain(out, "the server will most likely reject it: it is not from a CA the server named.");
        } else {
            explain(out, "your certificate goes to the server, then a signature with your key proves you hold it.");
        }
    }

    private void explain(List<String> out, String sentence) {
        if (explain) {
            out.add("*   ↳ " + sentence);
        }
    }

    private static String address(java.net.InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }

    private static String headerName(String name, String httpVersion) {
        if ("HTTP/2".equals(httpVersion)) {
            return name.toLowerCase(Locale.ROOT); // as HTTP/2 sends them
        }
        // HTTP/1.1 headers as usually written (Content-Length), though case does not matter.
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }

    /** A subject or CA name as traces and diagnoses print it (RFC 2253), "(empty name)" for none. */
    public static String name(X500Principal principal) {
        String text = principal.getName(X500Principal.RFC2253);
        return text.isEmpty() ? "(empty name)" : text;
    }
}
