/**
 * What happened? One line per rejected handshake with the reason code, and a JSON-lines access
 * log, both through SLF4J (asynchronous appenders keep the event loops from waiting on I/O).
 */
package dev.mtlskit.gateway.log;
