/**
 * What is a valid name? The one set of syntax and matching rules for DNS names, email addresses
 * and IP addresses, shared by issuing ({@code pki}), inspecting and validating certificates, and
 * safe printing of text taken from certificates.
 */
package dev.mtlskit.names;
