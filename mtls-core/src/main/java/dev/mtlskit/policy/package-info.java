/**
 * Who may reach what? Routes (path prefix, methods) with allow rules on the client identity,
 * evaluated per request. One policy tells a reader who gets in: {@link dev.mtlskit.policy.Policy}
 * picks the route (longest canonical path prefix), {@link dev.mtlskit.policy.Route#authorize} decides
 * with a one-sentence reason, and {@link dev.mtlskit.policy.PublicRoots} finds the routes that a
 * public CA among the client CAs would open to anyone it ever issued a certificate to.
 */
package dev.mtlskit.policy;
