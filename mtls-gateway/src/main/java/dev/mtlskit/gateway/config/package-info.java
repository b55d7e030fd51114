/**
 * What does the operator want? The gateway's configuration as an immutable record tree, read
 * from a YAML file or from command-line flags and validated once, with errors that name the
 * file, the line and the fix.
 */
package dev.mtlskit.gateway.config;
