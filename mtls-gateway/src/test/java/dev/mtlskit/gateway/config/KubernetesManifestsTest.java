package dev.mtlskit.gateway.config;

import static dev.mtlskit.gateway.config.Fixtures.CLIENTS_CA;
import static dev.mtlskit.gateway.config.Fixtures.INTERNAL_CA;
import static dev.mtlskit.gateway.config.Fixtures.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import dev.mtlskit.testing.Programs;
import dev.mtlskit.testing.TestPki;

/**
 * deploy/kubernetes (docs/kubernetes.md): every manifest parses and the kustomization lists each;
 * the gateway's YAML, found through the container's {@code --config} and the volume that holds
 * it, loads with the gateway's own loader once its paths are remapped into a directory of test
 * certificates; every file it names is inside a whole-volume mount (no subPath) of the gateway's
 * container whose Secret or ConfigMap is defined here and holds that file; the probes read the
 * admin listener; the grace period outlasts the drain; {@code kubectl kustomize} builds it where
 * kubectl is installed; and docs/kubernetes.md's ticket-key commands make and rotate keys.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes");
    private static final String KUSTOMIZATION = "kustomization.yaml";
    private static final Path KUBERNETES_MD = Path.of("..", "docs", "kubernetes.md");
    /** The gateway's keys that name files (docs/configuration.md: tls, key sources, upstreams). */
    private static final Set<String> FILE_KEYS = Set.of("cert", "key", "keystore", "key_pass_file", "client_ca", "crl",
            "session_ticket_keys", "ca");
    /** The keys cert-manager writes into a Certificate's Secret. */
    private static final Set<String> CERT_MANAGER_KEYS = Set.of("tls.crt", "tls.key", "ca.crt");
    private static final String KEYSTORE_PASSWORD = "k8s-test-secret";
    @TempDir
    Path dir;

    @Test
    void everyManifestParsesAndTheKustomizationListsEachOnce() throws IOException {
        Map<String, Object> kustomization = map(load(MANIFESTS.resolve(KUSTOMIZATION)).get(0), KUSTOMIZATION);
        List<String> resources = strings(kustomization.get("resources"));
        Set<String> files;
        try (Stream<Path> listing = Files.list(MANIFESTS)) {
            files = listing.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !name.equals(KUSTOMIZATION)).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(resources).as("resources of " + KUSTOMIZATION).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(resources)).as("resources of " + KUSTOMIZATION + " against the files beside it")
                .isEqualTo(files);

        List<Resource> all = Manifests.read().resources;
        assertThat(all).extracting(Resource::kind).contains("Deployment", "Service", "ConfigMap", "Certificate",
                "PodDisruptionBudget", "Namespace");
        for (Resource resource : all) {
            assertThat(resource.object.get("apiVersion")).as(resource + ": apiVersion").isInstanceOf(String.class);
            assertThat(resource.name()).as(resource.file + ": metadata.name").isNotBlank();
        }
    }

    @Test
    void theGatewayConfigurationLoadsWithTheGatewaysOwnLoader() throws Exception {
        Manifests manifests = Manifests.read();
        GatewayConfig config = loadForReal(manifests);

        assertThat(config.listeners()).isNotEmpty();
        assertThat(config.admin()).as("admin listener").isNotNull();
        assertThat(config.upstreams()).isNotEmpty();
        assertThat(config.listeners()).allSatisfy(listener -> assertThat(
                ((ListenerKind.MutualTls) listener.kind()).tls().sessionTicketKeys()).as(listener.name()
                + ": tls.session_ticket_keys (replicas share their sessions)").isNotEmpty());
    }

    @Test
    void everyFileTheGatewayReadsIsInAWholeVolumeOfItsContainer() throws Exception {
        Manifests manifests = Manifests.read();
        Deployment deployment = manifests.deployment();
        Map<String, String> files = filesNamed(manifests.gatewayYaml());
        assertThat(files).as("files named by gateway.yaml").isNotEmpty();

        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            String what = file.getValue() + " " + path;
            Map<String, Object> mount = deployment.mountOf(deployment.gateway(), path)
                    .orElseGet(() -> fail(what + " is in no volumeMount of the gateway container"));
            String mountPath = (String) mount.get("mountPath");
            String relative = path.substring(mountPath.length() + 1);
            Map<String, Object> volume = deployment.volume((String) mount.get("name"));
            Set<String> keys = manifests.keysOf(volume).orElseGet(() -> fail(what + ": volume " + volume.get("name")
                    + " is no Secret or ConfigMap volume"));
            assertThat(keys).as(what + ": the keys of volume " + volume.get("name")).contains(relative);
            if (volume.get("secret") instanceof Map<?, ?> secret) {
                assertThat(secret.get("defaultMode")).as(what + ": Secret volume " + volume.get("name")
                        + " defaultMode (0644 when left out: others could read it)").isNotNull();
                // Kubernetes reads YAML 1.1, where 0440 is octal; this parser YAML 1.2, where it is 440: the digits are the mode.
                int mode = Integer.parseInt(String.valueOf(secret.get("defaultMode")), 8);
                assertThat(mode & 0007).as(what + ": Secret volume " + volume.get("name") + " defaultMode "
                        + secret.get("defaultMode") + " lets others read it").isZero();
                assertThat(map(deployment.podSpec.get("securityContext"), "pod securityContext").get("fsGroup"))
                        .as(what + ": the non-root gateway reads root's Secret files through the pod's fsGroup")
                        .isNotNull();
            }
        }

        for (Map<String, Object> container : deployment.allContainers()) {
            for (Map<String, Object> mount : maps(container.get("volumeMounts"))) {
                assertThat(mount).as("container " + container.get("name") + ", mount " + mount.get("name")
                        + ": subPath mounts never see Secret and ConfigMap updates").doesNotContainKeys("subPath",
                        "subPathExpr");
                deployment.volume((String) mount.get("name"));
            }
        }
    }

    @Test
    void theProbesReadTheAdminListenersHealthAndReadiness() throws Exception {
        Manifests manifests = Manifests.read();
        GatewayConfig config = loadForReal(manifests);
        Map<String, Object> gateway = manifests.deployment().gateway();
        String admin = config.admin().listen().getHostString() + ":" + config.admin().listen().getPort();
        assertThat(config.admin().tls()).as("a kubelet or curl probe presents no client certificate").isNull();

        assertProbe(gateway, "readinessProbe", admin, "/readyz");
        assertProbe(gateway, "livenessProbe", admin, "/healthz");
        if (gateway.containsKey("startupProbe")) {
            assertProbe(gateway, "startupProbe", admin, "/healthz");
        }
    }

    @Test
    void theGracePeriodOutlastsTheDrainDelayAndTheLongestShutdownGrace() throws Exception {
        Manifests manifests = Manifests.read();
        GatewayConfig config = loadForReal(manifests);
        Duration longestGrace = config.listeners().stream().map(listener -> listener.timeouts().shutdownGrace())
                .max(Duration::compareTo).orElseThrow();
        Duration needed = config.drainDelay().plus(longestGrace);
        Object grace = manifests.deployment().podSpec.get("terminationGracePeriodSeconds");

        assertThat(grace).as("terminationGracePeriodSeconds (the default is 30)").isInstanceOf(Integer.class);
        assertThat(Duration.ofSeconds((Integer) grace)).as("terminationGracePeriodSeconds against drain_delay "
                + config.drainDelay() + " + shutdown_grace " + longestGrace).isGreaterThan(needed);

        // docs/configuration.md#stopping: a drain as long as the readiness probe takes to see the 503 at least.
        Map<String, Object> readiness = map(manifests.deployment().gateway().get("readinessProbe"), "readinessProbe");
        Duration noticed = Duration.ofSeconds((long) (Integer) readiness.getOrDefault("periodSeconds", 10)
                * (Integer) readiness.getOrDefault("failureThreshold", 3));
        assertThat(config.drainDelay()).as("drain_delay against the readiness probe's periodSeconds × failureThreshold")
                .isGreaterThanOrEqualTo(noticed);
    }

    @Test
    void podsAreSpreadRestrictedAndServedOnTheListenersPort() throws Exception {
        Manifests manifests = Manifests.read();
        GatewayConfig config = loadForReal(manifests);
        Deployment deployment = manifests.deployment();
        Map<String, Object> labels = map(map(deployment.template.get("metadata"), "template.metadata").get("labels"),
                "template labels");

        assertThat((Integer) deployment.spec.get("replicas")).as("replicas").isGreaterThanOrEqualTo(2);
        List<Map<String, Object>> preferred = maps(map(map(deployment.podSpec.get("affinity"), "affinity")
                .get("podAntiAffinity"), "podAntiAffinity").get("preferredDuringSchedulingIgnoredDuringExecution"));
        assertThat(preferred).as("preferred pod anti-affinity").anySatisfy(term -> {
            Map<String, Object> podTerm = map(term.get("podAffinityTerm"), "podAffinityTerm");
            assertThat(podTerm.get("topologyKey")).isEqualTo("kubernetes.io/hostname");
            assertThat(map(podTerm.get("labelSelector"), "labelSelector").get("matchLabels")).isEqualTo(labels);
        });
        Resource budget = manifests.only("PodDisruptionBudget");
        assertThat(map(budget.spec().get("selector"), "selector").get("matchLabels")).as(budget + " selector")
                .isEqualTo(labels);
        assertThat(budget.spec().get("minAvailable")).as(budget + " minAvailable").isEqualTo(1);

        Map<String, Object> pod = map(deployment.podSpec.get("securityContext"), "pod securityContext");
        assertThat(pod.get("runAsNonRoot")).as("runAsNonRoot").isEqualTo(true);
        assertThat(map(pod.get("seccompProfile"), "seccompProfile").get("type")).isEqualTo("RuntimeDefault");
        for (Map<String, Object> container : deployment.allContainers()) {
            Map<String, Object> security = map(container.get("securityContext"), container.get("name") + " securityContext");
            assertThat(security.get("allowPrivilegeEscalation")).as(container.get("name") + ": allowPrivilegeEscalation")
                    .isEqualTo(false);
            assertThat(security.get("readOnlyRootFilesystem")).as(container.get("name") + ": readOnlyRootFilesystem")
                    .isEqualTo(true);
            assertThat(strings(map(security.get("capabilities"), "capabilities").get("drop")))
                    .as(container.get("name") + ": capabilities dropped").contains("ALL");
        }
        Map<String, Object> tmp = deployment.mountOf(deployment.gateway(), "/tmp/x")
                .orElseGet(() -> fail("the JVM and netty-tcnative write to /tmp: mount an emptyDir there"));
        assertThat(deployment.volume((String) tmp.get("name"))).containsKey("emptyDir");
        assertThat(tmp.get("readOnly")).isNotEqualTo(true);

        Resource service = manifests.only("Service");
        assertThat(map(service.spec().get("selector"), "selector")).isEqualTo(labels);
        Set<Integer> listenerPorts = config.listeners().stream().map(listener -> listener.address().getPort())
                .collect(Collectors.toSet());
        for (Map<String, Object> port : maps(service.spec().get("ports"))) {
            Object target = port.get("targetPort");
            Map<String, Object> containerPort = maps(deployment.gateway().get("ports")).stream()
                    .filter(candidate -> target.equals(candidate.get("name")) || target.equals(candidate.get("containerPort")))
                    .findFirst().orElseGet(() -> fail(service + ": targetPort " + target + " is no port of the gateway"));
            assertThat(port.get("protocol")).as(service + ": TCP passthrough").isEqualTo("TCP");
            assertThat(listenerPorts).as(service + ": targetPort " + target + " is a listener's port")
                    .contains((Integer) containerPort.get("containerPort"));
        }
    }

    /** kubectl's kustomize builds the directory, with the two files a user provides, into what the pods expect. */
    @Test
    void kubectlKustomizeBuildsItWithTheFilesTheUserProvides() throws Exception {
        Programs.require("kubectl", "kubernetes-client");
        Path copy = Files.createDirectory(dir.resolve("kubernetes"));
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        TestPki.writeCertificates(copy.resolve("client-ca.pem"), CLIENTS_CA.certificate());
        Files.write(copy.resolve("ticket.keys"), randomKeys());

        Programs.Result build = Programs.run(List.of("kubectl", "kustomize", copy.toString()), Duration.ofSeconds(60));
        List<Resource> built = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(build.successfulOutput())) {
            built.add(new Resource("kubectl kustomize", map(document, "a built resource")));
        }
        Manifests manifests = Manifests.read();
        Deployment deployment = manifests.deployment();
        for (Map<String, Object> volume : deployment.volumes()) {
            for (String kind : List.of("secret", "configMap")) {
                if (volume.get(kind) instanceof Map<?, ?> source) {
                    String name = (String) (kind.equals("secret") ? source.get("secretName") : source.get("name"));
                    String builtKind = kind.equals("secret") ? "Secret" : "ConfigMap";
                    boolean byCertManager = manifests.resources.stream().anyMatch(resource -> resource.kind().equals(
                            "Certificate") && name.equals(resource.spec().get("secretName")));
                    assertThat(byCertManager || built.stream().anyMatch(resource -> resource.kind().equals(builtKind)
                            && resource.name().equals(name))).as("volume " + volume.get("name") + ": " + builtKind + " "
                            + name + " in the build (no name suffix)").isTrue();
                }
            }
        }
        assertThat(built).filteredOn(resource -> !resource.kind().equals("Namespace"))
                .allSatisfy(resource -> assertThat(map(resource.object.get("metadata"), "metadata").get("namespace"))
                        .as(resource.kind() + " " + resource.name()).isEqualTo("mtls"));
    }

    /**
     * docs/kubernetes.md's commands that make and rotate the ticket keys, run with sh and openssl
     * (without their kubectl lines): two private keys, then a third added last, then the new one
     * first and the previous second.
     */
    @Test
    void theWalkThroughsTicketKeyCommandsMakeAndRotateTheKeys() throws Exception {
        Programs.requireAll("openssl", "sh", "openssl");
        String walkThrough = Files.readString(KUBERNETES_MD);
        Path keys = dir.resolve("ticket.keys");

        runShell(section(walkThrough, "## 3. Session-ticket keys"), 0);
        byte[] made = Files.readAllBytes(keys);
        assertThat(made).hasSize(96);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");

        String rotation = section(walkThrough, "## Rotate the session-ticket keys");
        runShell(rotation, 0);
        byte[] added = Files.readAllBytes(keys);
        assertThat(added).hasSize(144);
        assertThat(Arrays.copyOf(added, 96)).as("step 1 keeps the keys in use, in their order").isEqualTo(made);

        runShell(rotation, 1);
        byte[] rotated = Files.readAllBytes(keys);
        assertThat(rotated).hasSize(96);
        assertThat(Arrays.copyOfRange(rotated, 0, 48)).as("step 2: the new key first")
                .isEqualTo(Arrays.copyOfRange(added, 96, 144));
        assertThat(Arrays.copyOfRange(rotated, 48, 96)).as("step 2: the previous one second")
                .isEqualTo(Arrays.copyOfRange(made, 0, 48));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        assertThat(dir.resolve("ticket.keys.new")).doesNotExist();

        for (String file : strings(map(load(MANIFESTS.resolve(KUSTOMIZATION)).get(0), KUSTOMIZATION).get("resources"))) {
            assertThat(walkThrough).as("docs/kubernetes.md's table of files").contains("(../deploy/kubernetes/" + file + ")");
        }
    }

    /** Runs the {@code index}th sh block of {@code markdown} in {@link #dir}, without its cd and kubectl lines. */
    private void runShell(String markdown, int index) throws Exception {
        List<String> blocks = new ArrayList<>();
        for (int start = markdown.indexOf("```sh\n"); start >= 0; start = markdown.indexOf("```sh\n", start + 1)) {
            blocks.add(markdown.substring(start + 6, markdown.indexOf("```", start + 6)));
        }
        String script = blocks.get(index).lines().filter(line -> !line.startsWith("kubectl ") && !line.startsWith("cd "))
                .collect(Collectors.joining("\n"));
        assertThat(script).as("a command besides kubectl's").isNotBlank();
        Programs.Result result = Programs.run(List.of("sh", "-euc", script), dir, "", Duration.ofSeconds(20));
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 2);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    // ---- the gateway's configuration, loaded for real ----

    /**
     * gateway.yaml with every file it names moved under {@link #dir}, where test certificates of
     * the right kind are written, loaded by {@link GatewayConfigLoader}: a wrong or misspelled key
     * fails here, as a file named under a key this test does not remap does (it does not exist).
     */
    private GatewayConfig loadForReal(Manifests manifests) throws Exception {
        GatewayYaml yaml = manifests.gatewayYaml();
        Object remapped = remap(copyOf(yaml.tree), "", null, yaml.configDirectory);
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
                .dumpToString(remapped), StandardCharsets.UTF_8);
        return GatewayConfigLoader.load(file);
    }

    /** Moves the paths under {@code key}s that name files into {@link #dir} and writes a fitting file there. */
    @SuppressWarnings("unchecked")
    private Object remap(Object node, String key, Map<String, Object> parent, String configDirectory)
            throws Exception {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = (Map<String, Object>) map;
            for (Map.Entry<String, Object> entry : copy.entrySet()) {
                entry.setValue(remap(entry.getValue(), entry.getKey(), copy, configDirectory));
            }
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                copy.add(remap(item, key, parent, configDirectory));
            }
            return copy;
        }
        if (node instanceof String path && FILE_KEYS.contains(key)) {
            Path local = dir.resolve(inPod(path, configDirectory).substring(1));
            Files.createDirectories(local.getParent());
            write(key, local, parent);
            return local.toString();
        }
        return node;
    }

    private static void write(String key, Path file, Map<String, Object> keySource) throws Exception {
        boolean passwordFile = keySource != null && keySource.containsKey("key_pass_file");
        switch (key) {
            case "cert" -> TestPki.writeChain(file, SERVER);
            case "key" -> {
                if (passwordFile) {
                    TestPki.writeEncryptedKey(file, SERVER.keyPair().getPrivate(), KEYSTORE_PASSWORD);
                } else {
                    TestPki.writeKey(file, SERVER.keyPair().getPrivate());
                }
            }
            case "keystore" -> TestPki.writePkcs12(file, SERVER, KEYSTORE_PASSWORD);
            case "key_pass_file" -> Fixtures.text(file, KEYSTORE_PASSWORD + "\n");
            case "client_ca" -> TestPki.writeCertificates(file, CLIENTS_CA.certificate());
            case "ca" -> TestPki.writeCertificates(file, INTERNAL_CA.certificate());
            case "crl" -> Fixtures.crl(file, CLIENTS_CA);
            case "session_ticket_keys" -> {
                Files.write(file, randomKeys());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            default -> throw new IllegalArgumentException(key);
        }
    }

    /** Every path named under a file key, as the pod sees it, with the key that names it. */
    private static Map<String, String> filesNamed(GatewayYaml yaml) {
        Map<String, String> files = new LinkedHashMap<>();
        collect(yaml.tree, "", yaml.configDirectory, files);
        return files;
    }

    private static void collect(Object node, String key, String configDirectory, Map<String, String> files) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> collect(value, (String) name, configDirectory, files));
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, key, configDirectory, files));
        } else if (node instanceof String path && FILE_KEYS.contains(key)) {
            files.put(inPod(path, configDirectory), key);
        }
    }

    /** Relative paths are relative to the YAML file's directory: the mount of the configuration. */
    private static String inPod(String path, String configDirectory) {
        return Path.of(configDirectory).resolve(path).normalize().toString();
    }

    @SuppressWarnings("unchecked")
    private static void assertProbe(Map<String, Object> container, String probeName, String admin, String path) {
        Map<String, Object> probe = map(container.get(probeName), "gateway container " + probeName);
        if (probe.get("exec") instanceof Map<?, ?> exec) {
            assertThat(strings(exec.get("command"))).as(probeName + " command").contains("http://" + admin + path);
        } else if (probe.get("httpGet") instanceof Map<?, ?> get) {
            assertThat(get.get("path")).as(probeName + " path").isEqualTo(path);
            assertThat(String.valueOf(get.get("port"))).as(probeName + " port").isEqualTo(admin.substring(
                    admin.lastIndexOf(':') + 1));
        } else {
            fail(probeName + " is neither exec nor httpGet: " + probe);
        }
    }

    private static byte[] randomKeys() {
        byte[] keys = new byte[96];
        new SecureRandom().nextBytes(keys);
        return keys;
    }

    // ---- the manifests ----

    private record Resource(String file, Map<String, Object> object) {

        String kind() {
            return String.valueOf(object.get("kind"));
        }

        String name() {
            return String.valueOf(map(object.get("metadata"), file + ": metadata").get("name"));
        }

        Map<String, Object> spec() {
            return map(object.get("spec"), this + ": spec");
        }

        @Override
        public String toString() {
            return file + ": " + kind() + " " + name();
        }
    }

    private record GatewayYaml(String configDirectory, Object tree) {
    }

    private static final class Manifests {

        final List<Resource> resources;
        final Map<String, Object> kustomization;

        private Manifests(List<Resource> resources, Map<String, Object> kustomization) {
            this.resources = resources;
            this.kustomization = kustomization;
        }

        static Manifests read() throws IOException {
            Map<String, Object> kustomization = map(load(MANIFESTS.resolve(KUSTOMIZATION)).get(0), KUSTOMIZATION);
            List<Resource> resources = new ArrayList<>();
            for (String file : strings(kustomization.get("resources"))) {
                for (Object document : load(MANIFESTS.resolve(file))) {
                    if (document != null) {
                        resources.add(new Resource(file, map(document, file)));
                    }
                }
            }
            return new Manifests(List.copyOf(resources), kustomization);
        }

        Resource only(String kind) {
            List<Resource> found = resources.stream().filter(resource -> resource.kind().equals(kind)).toList();
            assertThat(found).as("resources of kind " + kind).hasSize(1);
            return found.get(0);
        }

        Deployment deployment() {
            return new Deployment(only("Deployment"));
        }

        /** A ConfigMap's data, from a manifest. */
        Map<String, String> configMapData(String name) {
            Resource configMap = resources.stream().filter(resource -> resource.kind().equals("ConfigMap")
                    && resource.name().equals(name)).findFirst().orElseGet(() -> fail("no ConfigMap " + name));
            Map<String, String> data = new LinkedHashMap<>();
            map(configMap.object.get("data"), configMap + ": data").forEach((key, value) -> data.put(key, (String) value));
            return data;
        }

        /** The YAML the gateway container's --config names, through its mount, volume and ConfigMap. */
        GatewayYaml gatewayYaml() {
            Deployment deployment = deployment();
            List<String> args = deployment.commandLine(deployment.gateway());
            int option = args.indexOf("--config");
            assertThat(option).as("the gateway container's --config in " + args).isNotNegative();
            String path = args.get(option + 1);
            Map<String, Object> mount = deployment.mountOf(deployment.gateway(), path)
                    .orElseGet(() -> fail("--config " + path + " is in no volumeMount of the gateway container"));
            String mountPath = (String) mount.get("mountPath");
            assertThat(Path.of(path).getParent().toString()).as("--config " + path
                    + " directly in its mount (relative paths of gateway.yaml are relative to it)").isEqualTo(mountPath);
            Map<String, Object> volume = deployment.volume((String) mount.get("name"));
            Map<String, Object> source = map(volume.get("configMap"), "volume " + volume.get("name") + ": configMap");
            String text = configMapData((String) source.get("name")).get(Path.of(path).getFileName().toString());
            assertThat(text).as("ConfigMap " + source.get("name") + " key " + Path.of(path).getFileName()).isNotNull();
            return new GatewayYaml(mountPath, new Load(LoadSettings.builder().build()).loadFromString(text));
        }

        /**
         * The keys a Secret or ConfigMap volume shows, from the manifests, cert-manager's
         * Certificates and the kustomization's generators; empty for another kind of volume.
         * Fails when the Secret or ConfigMap is defined nowhere here.
         */
        Optional<Set<String>> keysOf(Map<String, Object> volume) {
            if (volume.get("secret") instanceof Map<?, ?> secret) {
                String name = (String) secret.get("secretName");
                Set<String> keys = new LinkedHashSet<>();
                resources.stream().filter(resource -> resource.kind().equals("Certificate")
                        && name.equals(resource.spec().get("secretName"))).findFirst()
                        .ifPresent(certificate -> keys.addAll(CERT_MANAGER_KEYS));
                resources.stream().filter(resource -> resource.kind().equals("Secret") && resource.name().equals(name))
                        .forEach(resource -> {
                            keys.addAll(map(resource.object.getOrDefault("data", Map.of()), "data").keySet());
                            keys.addAll(map(resource.object.getOrDefault("stringData", Map.of()), "stringData").keySet());
                        });
                keys.addAll(generated("secretGenerator", name));
                assertThat(keys).as("volume " + volume.get("name") + ": Secret " + name
                        + " (a Secret, a Certificate's secretName or a secretGenerator here)").isNotEmpty();
                return Optional.of(keys);
            }
            if (volume.get("configMap") instanceof Map<?, ?> configMap) {
                String name = (String) configMap.get("name");
                Set<String> keys = new LinkedHashSet<>();
                resources.stream().filter(resource -> resource.kind().equals("ConfigMap") && resource.name().equals(name))
                        .forEach(resource -> keys.addAll(configMapData(name).keySet()));
                keys.addAll(generated("configMapGenerator", name));
                assertThat(keys).as("volume " + volume.get("name") + ": ConfigMap " + name
                        + " (a ConfigMap or a configMapGenerator here)").isNotEmpty();
                return Optional.of(keys);
            }
            return Optional.empty();
        }

        /** The keys of a generator's files: {@code key=file} or the file's name. */
        private Set<String> generated(String generator, String name) {
            Set<String> keys = new LinkedHashSet<>();
            for (Map<String, Object> entry : maps(kustomization.get(generator))) {
                if (name.equals(entry.get("name"))) {
                    for (String file : strings(entry.get("files"))) {
                        keys.add(file.contains("=") ? file.substring(0, file.indexOf('='))
                                : Path.of(file).getFileName().toString());
                    }
                }
            }
            return keys;
        }
    }

    private static final class Deployment {

        final Resource resource;
        final Map<String, Object> spec;
        final Map<String, Object> template;
        final Map<String, Object> podSpec;

        Deployment(Resource resource) {
            this.resource = resource;
            this.spec = resource.spec();
            this.template = map(spec.get("template"), resource + ": template");
            this.podSpec = map(template.get("spec"), resource + ": template.spec");
        }

        List<Map<String, Object>> containers() {
            return maps(podSpec.get("containers"));
        }

        List<Map<String, Object>> initContainers() {
            return maps(podSpec.get("initContainers"));
        }

        List<Map<String, Object>> allContainers() {
            List<Map<String, Object>> all = new ArrayList<>(initContainers());
            all.addAll(containers());
            return all;
        }

        List<Map<String, Object>> volumes() {
            return maps(podSpec.get("volumes"));
        }

        /** The container that runs {@code mtls serve}. */
        Map<String, Object> gateway() {
            List<Map<String, Object>> serving = containers().stream()
                    .filter(container -> commandLine(container).contains("serve")).toList();
            assertThat(serving).as(resource + ": the containers that run serve").hasSize(1);
            return serving.get(0);
        }

        List<String> commandLine(Map<String, Object> container) {
            List<String> line = new ArrayList<>(strings(container.get("command")));
            line.addAll(strings(container.get("args")));
            return line;
        }

        /** The mount whose directory holds {@code path} (the deepest, as the container sees it). */
        Optional<Map<String, Object>> mountOf(Map<String, Object> container, String path) {
            return maps(container.get("volumeMounts")).stream()
                    .filter(mount -> path.startsWith(mount.get("mountPath") + "/"))
                    .max((a, b) -> Integer.compare(((String) a.get("mountPath")).length(),
                            ((String) b.get("mountPath")).length()));
        }

        Map<String, Object> volume(String name) {
            return volumes().stream().filter(volume -> name.equals(volume.get("name"))).findFirst()
                    .orElseGet(() -> fail(resource + ": a volumeMount names volume " + name + ", which the pod lacks"));
        }
    }

    // ---- YAML ----

    private static List<Object> load(Path file) throws IOException {
        String text = Files.readString(file);
        List<Object> documents = new ArrayList<>();
        try {
            new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadAllFromString(text)
                    .forEach(documents::add);
        } catch (RuntimeException e) {
            throw new AssertionError(file + " does not parse: " + e.getMessage(), e);
        }
        assertThat(documents).as(file + ": documents").isNotEmpty();
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        assertThat(node).as(what + " (a mapping)").isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object node) {
        if (node == null) {
            return List.of();
        }
        assertThat(node).as("a list of mappings").isInstanceOf(List.class);
        return ((List<Object>) node).stream().map(item -> map(item, "a list item")).toList();
    }

    private static List<String> strings(Object node) {
        if (node == null) {
            return List.of();
        }
        assertThat(node).as("a list").isInstanceOf(List.class);
        return ((List<?>) node).stream().map(String::valueOf).toList();
    }

    /** A deep copy, so that remapping never changes what the other checks read. */
    @SuppressWarnings("unchecked")
    private static Object copyOf(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, copyOf(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(KubernetesManifestsTest::copyOf).collect(Collectors.toCollection(ArrayList::new));
        }
        return node;
    }
}
