/**
 * What does the operator want? The gateway's configuration as an immutable record tree, read
 * from a YAML file ({@link dev.mtlskit.gateway.config.GatewayConfigLoader}, documented in
 * {@code docs/configuration.md}) or built from command-line flags (builders with defaults), and
 * validated once: every problem at once, each naming the file, the line and the fix
 * ({@link dev.mtlskit.gateway.config.ConfigException}). A public root among a listener's client
 * CAs needs rules that single out each partner ({@link dev.mtlskit.gateway.config.PublicRootRules});
 * risky but valid settings become start-up warnings ({@link dev.mtlskit.gateway.config.ConfigWarnings}).
 */
package dev.mtlskit.gateway.config;
