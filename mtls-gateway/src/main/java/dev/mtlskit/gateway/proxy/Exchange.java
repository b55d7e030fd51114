package dev.mtlskit.gateway.proxy;

import io.netty.handler.codec.http.HttpContent;

/** Where one request's body goes once the request was admitted: the echo or an upstream. */
public interface Exchange {

    /** A piece of the request body; ownership passes to the exchange. */
    void content(HttpContent content);

    /** The client side's writability changed (backpressure for the response). */
    void clientWritabilityChanged(boolean writable);

    /** Whether the answer to the client has begun (a timeout can then only cut it off). */
    default boolean responseStarted() {
        return false;
    }

    /** The client went away: give up and free upstream resources. */
    void abort();

    /** Whether an answer (or its start) was written to the client already. */
    boolean answered();
}
