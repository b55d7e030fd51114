package dev.mtlskit.gateway.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code gateway.yaml} (see {@code docs/configuration.md}) and checks all of it before the
 * gateway starts: keys, types and values, references between listeners, routes and upstreams, and
 * every file it names (loaded with the material loaders, so a key that does not match its
 * certificate fails now). Relative paths are relative to the YAML file's directory.
 */
public final class GatewayConfigLoader {

    /** Configuration files are small; a larger one is a mistake (or an attack on the parser). */
    private static final int MAX_CODE_POINTS = 1024 * 1024;

    private GatewayConfigLoader() {
    }

    /**
     * @throws ConfigException listing every problem found, one per line, as {@code file:line: key: problem: fix}
     */
    public static GatewayConfig load(Path file) {
        requireNonNull(file, "file");
        String label = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(label + ": does not exist: check the path"));
        } catch (AccessDeniedException e) {
            throw new ConfigException(List.of(label + ": cannot be read (permission denied): check its permissions"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(label + ": is not UTF-8 text: save it as UTF-8"));
        } catch (IOException e) {
            throw new ConfigException(List.of(label + ": cannot be read (" + e.getMessage() + ")"));
        }
        ConfigErrors errors = new ConfigErrors(label);
        Node root = parse(text, label, errors);
        GatewayConfig config = null;
        if (root == null && errors.isEmpty()) {
            errors.add(1, "", "the file is empty: it needs listeners: and upstreams: (see docs/gateway.yaml)");
        } else if (root != null) {
            config = new ConfigReader(file, errors).read(root);
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors.lines());
        }
        return config;
    }

    private static Node parse(String text, String label, ConfigErrors errors) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(20).build();
        try {
            return new Compose(settings).composeString(text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(mark -> mark.getLine() + 1).orElse(0);
            errors.add(line, "", "not valid YAML: " + e.getProblem()
                    + " (check the indentation, and quote values that contain \": \" or start with * & ! | > % @ `)");
            return null;
        } catch (YamlEngineException e) {
            errors.add(0, "", "not valid YAML: " + e.getMessage());
            return null;
        }
    }
}
