package dev.mtlskit.material;

/**
 * Fix texts shared by several messages. An option is a CLI flag ({@code --key-pass}) or, without
 * leading dashes, a configuration-file key ({@code key_pass}, spelled {@code key_pass_file:} and
 * {@code key_pass_env:} in YAML).
 */
final class Fixes {

    /** How to give a password, e.g. "client.key is encrypted: pass " + passwordOptions("--key-pass"). */
    static String passwordOptions(String option) {
        if (isConfigurationKey(option)) {
            return option + "_file: FILE (or " + option + "_env: VAR)";
        }
        return option + "-file FILE (or " + option + "-env VAR / " + option + ")";
    }

    /** The password-file form of an option: {@code --key-pass-file FILE} or {@code key_pass_file: FILE}. */
    static String fileOption(String option, String file) {
        return isConfigurationKey(option) ? option + "_file: " + file : option + "-file " + file;
    }

    private static boolean isConfigurationKey(String option) {
        return !option.startsWith("-");
    }

    /** What the size and directory checks call a file of key material. */
    static final String MATERIAL_FILE = "certificate or key file";

    private Fixes() {
    }
}
