/**
 * Where does an admitted request go, and how does its answer come back? The exchange between a
 * client's request and an upstream (or the built-in echo), the upstreams with their connection
 * pools and client TLS, and the rules for the headers that cross.
 *
 * <p><b>Backpressure.</b> An exchange streams both ways and holds at most a few buffers of a body,
 * whatever its size: when the side that receives cannot take more (its channel is not writable),
 * the side that sends stops reading ({@code autoRead} off) until it can. Request bodies are never
 * buffered whole; a response that stops making progress for the upstream's
 * {@code response_idle_timeout} is cut, never left hanging.
 *
 * <p><b>Pooling.</b> Each upstream keeps one keep-alive pool per event loop: a request's upstream
 * connection is taken on the event loop of its client connection, so no lock is taken and no task
 * changes threads. Connections open (connecting, busy or idle, all loops together) never exceed
 * {@code max_connections}; at the limit a request gets 503 at once, never queued. A connection
 * returns to its pool only after a complete, well-formed response, and only while it was made
 * with the current client TLS context (renewed certificates reach new connections).
 *
 * <p>The server side ({@code gateway.http}) admits a request, authorizes it and hands it over
 * with its {@link dev.mtlskit.gateway.log.RequestRecord}; the exchange answers, fills in the
 * record and ends it ({@link dev.mtlskit.gateway.log.AccessLog#ended}).
 */
package dev.mtlskit.gateway.proxy;
