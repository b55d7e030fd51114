/**
 * Is this chain trustworthy for this purpose, and if not, why? A strict RFC 5280 path validator
 * with path building, the checks the JDK's PKIX lacks (web PKI profile, name constraints on trust
 * anchors, weak keys and signatures, SAN-only hostnames) and verdicts that carry a reason code and
 * one sentence a newcomer understands.
 */
package dev.mtlskit.validation;
