package dev.mtlskit.material;

/** Fix texts shared by several messages; the option names are the CLI's. */
final class Hints {

    /** How to give a password, e.g. "client.key is encrypted: pass " + KEY_PASS. */
    static final String KEY_PASS = "--key-pass-file FILE (or --key-pass-env VAR / --key-pass)";

    /** What the size and directory checks call a file of key material. */
    static final String MATERIAL_FILE = "certificate or key file";

    private Hints() {
    }
}
