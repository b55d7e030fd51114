/**
 * What the tests of every module share, so that each exists once: a small test PKI
 * ({@link dev.mtlskit.testing.TestPki}: roots, intermediates, clients, servers, and their PEM, key,
 * PKCS#12 and CRL files), an HTTPS echo server ({@link dev.mtlskit.testing.EchoServer}), and the
 * runner of outside programs such as openssl, curl and nginx ({@link dev.mtlskit.testing.Programs}),
 * which skips a test, naming the Debian package to install, when the program is missing. For
 * revocation: a real OCSP responder ({@link dev.mtlskit.testing.OcspResponder}, openssl ocsp) and CRL
 * distribution points ({@link dev.mtlskit.testing.HttpFiles}), both counting their requests.
 *
 * <p>Test scope only: no module ships it.
 */
package dev.mtlskit.testing;
