package dev.mtlskit.material;

/** Fix texts shared by several messages; the option names are the CLI's. */
final class Hints {

    /** How to give a password, e.g. "client.key is encrypted: pass " + passwordOptions("--key-pass"). */
    static String passwordOptions(String option) {
        return option + "-file FILE (or " + option + "-env VAR / " + option + ")";
    }

    /** What the size and directory checks call a file of key material. */
    static final String MATERIAL_FILE = "certificate or key file";

    private Hints() {
    }
}
