/**
 * Where do keys and certificates come from? Loading certificates, chains and private keys in every
 * format people have (PEM in any order, PKCS#1/PKCS#8/SEC1, encrypted or not, DER, PKCS#12, JKS),
 * checking that a key belongs to its certificate, and writing them back safely (keys 0600).
 * Every failure names the file and the fix.
 */
package dev.mtlskit.material;
