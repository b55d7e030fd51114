/**
 * What happened? One line per rejected handshake with the reason code, one line per failed
 * upstream connection or exchange with its code ({@link dev.mtlskit.gateway.log.UpstreamFailure}),
 * and a JSON-lines access log, all through SLF4J (asynchronous appenders keep the event loops from
 * waiting on I/O).
 */
package dev.mtlskit.gateway.log;
