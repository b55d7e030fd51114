package dev.mtlskit.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mtlskit.material.PemWriter;
import dev.mtlskit.pki.HeldCertificate;
import dev.mtlskit.testing.Programs;

/** An HTTP/1.1 connection opened with openssl s_client and kept open, for requests made one at a time. */
final class OpenSslConnection implements AutoCloseable {
    private final Process process;
    private final InputStream in;
    private final OutputStream out;

    private OpenSslConnection(Process process) {
        this.process = process;
        this.in = process.getInputStream();
        this.out = process.getOutputStream();
    }

    static OpenSslConnection to(int port, Path dir, HeldCertificate client) throws IOException {
        Path certificate = dir.resolve("open.crt");
        Path key = dir.resolve("open.key");
        Files.writeString(certificate, PemWriter.certificates(List.of(client.certificate())));
        Files.writeString(key, PemWriter.privateKey(client.keyPair().getPrivate()));
        return to(port, dir, certificate, key);
    }

    /** Connects as the client of these files; what openssl says goes to {@code dir}/open.err. */
    static OpenSslConnection to(int port, Path dir, Path certificate, Path key) throws IOException {
        String openssl = Programs.require("openssl", "openssl (apt-get install openssl)").toString();
        Process process = new ProcessBuilder(openssl, "s_client", "-quiet", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-cert", certificate.toString(), "-key", key.toString())
                .redirectError(dir.resolve("open.err").toFile()).start();
        return new OpenSslConnection(process);
    }

    /** Sends a GET and reads the response head and its body (Content-Length). */
    String get(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
