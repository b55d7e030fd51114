package dev.mtlskit.gateway.admin;

import java.util.concurrent.RejectedExecutionException;

import dev.mtlskit.gateway.log.AccessLog;
import dev.mtlskit.gateway.log.RequestRecord;
import dev.mtlskit.gateway.proxy.Exchange;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/** One request to the admin listener: rendered off the event loop, written back on it. */
public final class AdminExchange implements Exchange {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("mtls.gateway");

    private final ChannelHandlerContext ctx;
    private final RequestRecord info;
    private final AdminPages pages;
    private boolean answered;

    public AdminExchange(ChannelHandlerContext ctx, RequestRecord info, AdminPages pages) {
        this.ctx = ctx;
        this.info = info;
        this.pages = pages;
    }

    @Override
    public void content(HttpContent content) {
        try {
            if (answered || !(content instanceof LastHttpContent)) {
                return; // GET and HEAD only: a body is read and dropped
            }
            answered = true;
            String path = info.canonicalPath();
            boolean head = "HEAD".equals(info.method());
            try {
                pages.renderer().execute(() -> {
                    AdminPages.Page page;
                    try {
                        page = pages.render(path);
                    } catch (RuntimeException e) {
                        LOG.warn("admin listener: {} failed: {}", path, e.toString(), e);
                        page = AdminPages.Page.text(500, "the page could not be made: see the gateway's log\n");
                    }
                    AdminPages.Page answer = page;
                    ctx.executor().execute(() -> write(answer, head));
                });
            } catch (RejectedExecutionException busy) {
                write(AdminPages.Page.text(503, "the admin listener is busy: retry in a moment\n"), head);
            }
        } finally {
            content.release();
        }
    }

    private void write(AdminPages.Page page, boolean head) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(page.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(page.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, page.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, page.body().length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        info.status(page.status());
        info.bytesOut(head ? 0 : page.body().length);
        ctx.writeAndFlush(response);
        AccessLog.ended(info);
    }

    @Override
    public void clientWritabilityChanged(boolean writable) {
        // One answer of a few kilobytes: nothing to pace.
    }

    @Override
    public void abort() {
        info.finish();
    }

    @Override
    public boolean answered() {
        return answered;
    }
}
