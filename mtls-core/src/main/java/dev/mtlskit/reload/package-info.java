/**
 * How does a long-running process pick up renewed certificates? TLS material loaded from files
 * into immutable snapshots that are swapped when the files change (polled; editors, atomic renames
 * and Kubernetes secret symlink swaps all count), and JDK {@code SSLContext}s whose handshakes use
 * the current snapshot. A reload that fails keeps the material in use and reports why.
 */
package dev.mtlskit.reload;
