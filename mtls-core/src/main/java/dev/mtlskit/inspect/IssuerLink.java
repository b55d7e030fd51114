package dev.mtlskit.inspect;

/**
 * Whether the certificate at {@code position} of a bundle is signed by the one after it.
 *
 * @param position the certificate's position in the listed order, 1 for the leaf
 * @param nameMatches whether its issuer DN is the next certificate's subject DN
 * @param signatureVerifies whether the next certificate's public key verifies its signature
 */
public record IssuerLink(int position, boolean nameMatches, boolean signatureVerifies) {

    /** Both the names and the signature say the next certificate is its issuer. */
    public boolean signedByNext() {
        return nameMatches && signatureVerifies;
    }
}
