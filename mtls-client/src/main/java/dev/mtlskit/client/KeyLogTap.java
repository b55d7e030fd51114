package dev.mtlskit.client;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import dev.mtlskit.tls.wire.TlsWireTracer;

import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.internal.tcnative.SSLContext;

/**
 * Hands BoringSSL's session secrets (NSS key log lines) to the tracer of this call only, so that it
 * can decrypt the call's own TLS 1.3 handshake and show its messages. The secrets never leave the
 * process and are dropped when the tracer closes. Where there is no key log (the JDK engine, or a
 * Netty that no longer exposes its context), the tracer reports the encrypted part as such.
 */
final class KeyLogTap {

    /**
     * netty-tcnative's key log callback takes its own context wrapper, which Netty keeps in the
     * protected field {@code ctx} ({@code sslCtxPointer()} returns the inner SSL_CTX: passing that
     * one crashes the JVM).
     */
    private static final Field CONTEXT = contextField();

    private KeyLogTap() {
    }

    static void install(SslContext context, TlsWireTracer tracer) {
        if (CONTEXT != null && context instanceof ReferenceCountedOpenSslContext) {
            try {
                long pointer = CONTEXT.getLong(context);
                if (pointer != 0 && SSLContext.setKeyLogCallback(pointer,
                        (ssl, line) -> tracer.onKeyLogLine(new String(line, StandardCharsets.US_ASCII)))) {
                    return;
                }
            } catch (IllegalAccessException | RuntimeException | LinkageError e) {
                // fall through: trace without decryption
            }
        }
        tracer.expectNoKeyLog();
    }

    private static Field contextField() {
        try {
            Field field = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            if (field.getType() != long.class) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }
}
