package dev.mtlskit.gateway.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.mtlskit.gateway.config.YamlMap.Item;
import dev.mtlskit.material.CertificateBundle;
import dev.mtlskit.material.Crls;
import dev.mtlskit.material.KeyMaterial;
import dev.mtlskit.material.MaterialException;
import dev.mtlskit.material.PasswordSource;
import dev.mtlskit.material.SessionTicketKey;

/**
 * The files a configuration names: resolved against the configuration file's directory and loaded
 * now with the material loaders, so that a missing file, a wrong password or a key that does not
 * match its certificate stops the start with the loader's message at the line that names the file.
 */
final class ConfigFiles {

    /** YAML keys are the option family for password hints: {@code key_pass_file:}, {@code key_pass_env:}. */
    static final String PASSWORD_KEY = "key_pass";
    static final List<String> KEY_SOURCE_KEYS = List.of("cert", "key", "keystore", "key_pass_env", "key_pass_file");

    private final Path directory;
    private final ConfigErrors errors;

    ConfigFiles(Path configFile, ConfigErrors errors) {
        this.directory = configFile.getParent();
        this.errors = errors;
    }

    /** A path as written, relative to the configuration file's directory; {@code null} after reporting it. */
    Path resolve(Item item) {
        try {
            Path path = Path.of(item.text());
            return path.isAbsolute() || directory == null ? path : directory.resolve(path);
        } catch (InvalidPathException e) {
            errors.add(item.node(), item.path(), "\"" + item.text() + "\" is not a valid path (" + e.getReason() + ")");
            return null;
        }
    }

    /** Certificate bundles (client CAs, upstream CAs), each loaded; only the ones that loaded are returned. */
    List<Path> certificateBundles(List<Item> items) {
        List<Path> files = new ArrayList<>();
        for (Item item : items) {
            Path file = resolve(item);
            if (file == null) {
                continue;
            }
            try {
                CertificateBundle.load(file, PasswordSource.none(PASSWORD_KEY));
                files.add(file);
            } catch (MaterialException e) {
                errors.add(item.node(), item.path(), e.getMessage());
            }
        }
        return files;
    }

    /** CRL files, each loaded. */
    List<Path> crls(List<Item> items) {
        return loadEach(items, Crls::load);
    }

    /** Session-ticket key files, each loaded (their permissions and size checked). */
    List<Path> sessionTicketKeys(List<Item> items) {
        return loadEach(items, SessionTicketKey::load);
    }

    /** The files that {@code load} accepts; each one it refuses is reported at its line. */
    private List<Path> loadEach(List<Item> items, java.util.function.Consumer<Path> load) {
        List<Path> files = new ArrayList<>();
        for (Item item : items) {
            Path file = resolve(item);
            if (file == null) {
                continue;
            }
            try {
                load.accept(file);
                files.add(file);
            } catch (MaterialException e) {
                errors.add(item.node(), item.path(), e.getMessage());
            }
        }
        return files;
    }

    /**
     * A certificate with its key: {@code cert} + {@code key} (PEM or any format the loaders read) or
     * {@code keystore}, with {@code key_pass_env} or {@code key_pass_file}. Loaded now, so that a
     * key that does not match its certificate is found at start. Unknown keys are the caller's to check.
     *
     * @return the source, or {@code null} after reporting why it cannot be used
     */
    KeySource keySource(YamlMap map) {
        Item cert = map.item("cert");
        Item key = map.item("key");
        Item store = map.item("keystore");
        Item passEnv = map.item("key_pass_env");
        Item passFile = map.item("key_pass_file");
        boolean usable = true;
        if (store != null && (cert != null || key != null)) {
            errors.add(store.node(), store.path(), "give either cert and key (PEM files) or keystore, not both");
            usable = false;
        } else if (store == null && cert == null && key == null) {
            if (!map.misspelled("cert") && !map.misspelled("key") && !map.misspelled("keystore")) {
                errors.add(map.anchor(), map.label(), "missing required keys \"cert\" and \"key\" (or \"keystore\")");
            }
            return null;
        } else if (store == null && (cert == null || key == null)) {
            if (!map.misspelled(cert == null ? "cert" : "key") && !map.misspelled("keystore")) {
                errors.add(map.anchor(), map.label(), cert == null ? "missing required key \"cert\" (the certificate of key)"
                        : "missing required key \"key\" (the private key of cert)");
            }
            usable = false;
        }
        if (passEnv != null && passFile != null) {
            errors.add(passFile.node(), passFile.path(), "give key_pass_env or key_pass_file, not both");
            usable = false;
        }
        Path passwordFile = passFile == null ? null : resolve(passFile);
        if (passwordFile != null && !Files.isRegularFile(passwordFile)) {
            errors.add(passFile.node(), passFile.path(), "password file " + passwordFile + " does not exist: check the path");
            usable = false;
        }
        Path certFile = cert == null ? null : resolve(cert);
        Path keyFile = key == null ? null : resolve(key);
        Path storeFile = store == null ? null : resolve(store);
        if (!usable || (cert != null && certFile == null) || (key != null && keyFile == null)
                || (store != null && storeFile == null) || (passFile != null && passwordFile == null)) {
            return null;
        }
        PasswordSource password = passEnv != null ? PasswordSource.fromEnvironment(passEnv.text(), PASSWORD_KEY)
                : passwordFile != null ? PasswordSource.fromFile(passwordFile, PASSWORD_KEY)
                : PasswordSource.none(PASSWORD_KEY);
        try {
            if (storeFile != null) {
                KeyMaterial.loadKeyStore(storeFile, password, null);
                return KeySource.keyStore(storeFile, password);
            }
            KeyMaterial.load(certFile, keyFile, password);
            return KeySource.pem(certFile, keyFile, password);
        } catch (MaterialException e) {
            Item culprit = e.file() == null ? (passEnv != null ? passEnv : key != null ? key : store)
                    : Objects.equals(e.file(), keyFile) ? key
                    : Objects.equals(e.file(), certFile) ? cert
                    : Objects.equals(e.file(), passwordFile) ? passFile
                    : store != null ? store : key;
            errors.add(culprit.node(), culprit.path(), e.getMessage());
            return null;
        }
    }

    /** The access log: "-" for standard output, "off" for none, else a file whose directory must exist. */
    String accessLog(Item item) {
        if (item.text().equals("-")) {
            return "-";
        }
        if (item.text().equals("off")) {
            return null;
        }
        Path file = resolve(item);
        if (file == null) {
            return null;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            errors.add(item.node(), item.path(), "directory " + parent + " does not exist: create it, or write the "
                    + "log elsewhere");
            return null;
        }
        if (Files.isDirectory(file)) {
            errors.add(item.node(), item.path(), file + " is a directory: name a file, e.g. " + file.resolve("access.log"));
            return null;
        }
        return file.toString();
    }
}
