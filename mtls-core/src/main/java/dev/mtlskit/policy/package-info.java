/**
 * Who may reach what? Routes (path prefix, methods) with allow rules on the client identity,
 * evaluated per request. One policy tells a reader who gets in.
 */
package dev.mtlskit.policy;
