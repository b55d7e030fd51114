package dev.mtlskit.gateway.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

import dev.mtlskit.revocation.RevocationMode;
import dev.mtlskit.gateway.config.YamlMap.Item;
import dev.mtlskit.policy.AllowRule;
import dev.mtlskit.policy.IpRange;
import dev.mtlskit.policy.Policy;
import dev.mtlskit.policy.PublicRoots;
import dev.mtlskit.policy.Route;

/**
 * Reads the YAML node tree of a gateway configuration into records. Every problem goes to
 * {@link ConfigErrors} with its line and reading continues; the result is only meaningful when no
 * error was reported.
 */
final class ConfigReader {

    static final List<String> TOP_KEYS = List.of("listeners", "upstreams", "access_log", "admin", "drain_delay");
    static final List<String> ADMIN_KEYS = List.of("listen", "tls", "allow", "clients_tracked");
    static final List<String> UPSTREAM_KEYS = List.of("url", "ca", "client_cert", "max_connections",
            "response_idle_timeout", "max_response_header_size");
    static final List<String> LISTENER_KEYS = List.of("name", "listen", "tls", "routes", "identity_header", "limits",
            "timeouts", "trusted_proxies");
    static final List<String> TLS_KEYS = List.of("cert", "key", "keystore", "key_pass_env", "key_pass_file",
            "client_ca", "client_auth", "protocols", "ciphers", "alpn", "provider", "crl",
            "accept_missing_client_auth_eku", "accept_v1_client_certs", "revocation");
    static final List<String> REVOCATION_KEYS = List.of("ocsp", "crl_fetch", "timeout", "refresh");
    static final List<String> ROUTE_KEYS = List.of("path", "methods", "upstream", "anonymous", "allow");
    static final List<String> IDENTITY_HEADER_KEYS = List.of("format", "include_cert", "include_chain");
    static final List<String> LIMIT_KEYS = List.of("max_header_size", "max_body_size", "max_connections",
            "max_concurrent_streams", "max_handshakes_per_source");
    static final List<String> TIMEOUT_KEYS = List.of("handshake", "idle", "upstream_connect", "request",
            "shutdown_grace", "client_hello", "request_header", "request_body", "max_connection_age");

    private static final Map<String, ClientAuthMode> CLIENT_AUTH = names(ClientAuthMode.values());
    private static final Map<String, TlsProvider> PROVIDERS = names(TlsProvider.values());
    private static final Map<String, IdentityHeaderConfig.Format> FORMATS = names(IdentityHeaderConfig.Format.values());
    private static final Map<String, RevocationMode> REVOCATION_MODES = names(RevocationMode.values());

    private final Path file;
    private final ConfigErrors errors;
    private final ConfigFiles files;

    ConfigReader(Path file, ConfigErrors errors) {
        this.file = file;
        this.errors = errors;
        this.files = new ConfigFiles(file, errors);
    }

    /** The configuration, or {@code null} when a problem was reported. */
    GatewayConfig read(Node root) {
        YamlMap top = YamlMap.read(root, "", "", "a mapping with listeners:, upstreams: and access_log:", errors);
        if (top == null) {
            return null;
        }
        top.allowOnly(TOP_KEYS);
        // Upstreams first: routes refer to them, wherever they stand in the file.
        Map<String, UpstreamConfig> upstreams = upstreams(top);
        Set<String> upstreamNames = upstreamNames(top);
        List<ListenerConfig> listeners = listeners(top, upstreamNames);
        Item accessLogItem = top.item("access_log");
        // As with the flags: standard output unless the file says otherwise ("off" for none).
        String accessLog = accessLogItem == null ? "-" : files.accessLog(accessLogItem);
        AdminConfig admin = admin(top);
        Duration drainDelay = top.duration("drain_delay", GatewayConfig.DEFAULT_DRAIN_DELAY, true);
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            return new GatewayConfig(listeners, upstreams, accessLog, file, admin, drainDelay);
        } catch (IllegalArgumentException e) {
            errors.add(root, "", e.getMessage()); // a safety net: the checks above should have said it at its line
            return null;
        }
    }

    // ---- admin ----

    /** The admin listener, or {@code null} when there is none (or a problem was reported). */
    private AdminConfig admin(YamlMap top) {
        if (!top.has("admin")) {
            return null;
        }
        YamlMap map = top.map("admin", "a mapping (listen:, tls:, allow:, clients_tracked:)");
        if (map == null) {
            return null;
        }
        map.allowOnly(ADMIN_KEYS);
        Item listen = map.requiredItem("listen");
        InetSocketAddress address = null;
        if (listen != null) {
            try {
                address = ConfigValues.listenAddress(listen.text());
            } catch (IllegalArgumentException e) {
                errors.add(listen.node(), listen.path(), e.getMessage());
            }
        }
        TlsConfig tls = null;
        boolean ok = address != null;
        if (map.has("tls")) {
            YamlMap tlsMap = map.map("tls", "a mapping (cert:, key:, client_ca:, ...)");
            tls = tlsMap == null ? null : tls(tlsMap, tlsMap.choice("client_auth", CLIENT_AUTH, ClientAuthMode.REQUIRE));
            ok &= tls != null;
        }
        List<AllowRule> allow = new ArrayList<>();
        List<Node> rules = map.sequence("allow");
        if (rules != null) {
            for (int i = 0; i < rules.size(); i++) {
                AllowRule rule = allowRule(rules.get(i), map.path("allow") + "[" + i + "]");
                ok &= rule != null;
                if (rule != null) {
                    allow.add(rule);
                }
            }
        }
        int clientsTracked = map.positiveInt("clients_tracked", AdminConfig.DEFAULT_CLIENTS_TRACKED);
        if (!ok) {
            return null;
        }
        try {
            return new AdminConfig(address, tls, allow, clientsTracked);
        } catch (IllegalArgumentException e) {
            errors.add(map.node(), "", e.getMessage()); // the message names the key: admin.listen, admin.tls...
            return null;
        }
    }

    // ---- upstreams ----

    /** Every name under upstreams:, also of upstreams with errors, so that routes are not blamed for those. */
    private static Set<String> upstreamNames(YamlMap top) {
        Set<String> names = new LinkedHashSet<>();
        if (top.value("upstreams") instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    names.add(key.getValue());
                }
            }
        }
        return names;
    }

    private Map<String, UpstreamConfig> upstreams(YamlMap top) {
        Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
        if (top.required("upstreams") == null) {
            return upstreams;
        }
        YamlMap section = top.map("upstreams", "a mapping of upstream names to upstreams (orders: {url: ...})");
        if (section == null) {
            return upstreams;
        }
        for (String name : section.keys()) {
            String path = section.path(name);
            boolean plainName = UpstreamConfig.NAME.matcher(name).matches();
            if (!plainName) {
                errors.add(section.keyNode(name), path, "\"" + name + "\" is not a plain name: use letters, digits, "
                        + "dots, hyphens and underscores");
            }
            YamlMap upstream = section.required(name) == null ? null
                    : section.map(name, "an upstream (url:, ca:, client_cert:, max_connections:)");
            if (upstream != null) {
                UpstreamConfig config = upstream(name, upstream);
                if (config != null) {
                    upstreams.put(name, config);
                }
            }
        }
        return upstreams;
    }

    private UpstreamConfig upstream(String name, YamlMap map) {
        map.allowOnly(UPSTREAM_KEYS);
        Item url = map.requiredItem("url");
        URI uri = null;
        if (url != null) {
            try {
                uri = ConfigValues.upstreamUri(url.text());
            } catch (IllegalArgumentException e) {
                errors.add(url.node(), url.path(), e.getMessage());
            }
        }
        boolean https = uri != null && "https".equals(uri.getScheme());
        List<Item> caItems = map.items("ca");
        YamlMap clientCert = map.map("client_cert", "a certificate with its key (cert:, key: or keystore:)");
        if (uri != null && !https) {
            String kind = uri.equals(UpstreamConfig.ECHO) ? "the echo upstream" : "this one is http";
            if (!caItems.isEmpty()) {
                map.problem("ca", "only https upstreams are verified with ca (" + kind + ")");
            }
            if (map.has("client_cert")) {
                map.problem("client_cert", "only https upstreams get a client certificate (" + kind + ")");
            }
            caItems = List.of();
            clientCert = null;
        }
        List<Path> caFiles = files.certificateBundles(caItems);
        if (clientCert != null) {
            clientCert.allowOnly(ConfigFiles.KEY_SOURCE_KEYS);
        }
        KeySource clientKey = clientCert == null ? null : files.keySource(clientCert);
        int maxConnections = map.positiveInt("max_connections", UpstreamConfig.DEFAULT_MAX_CONNECTIONS);
        Duration responseIdleTimeout = map.duration("response_idle_timeout",
                UpstreamConfig.DEFAULT_RESPONSE_IDLE_TIMEOUT, false);
        long maxResponseHeader = map.size("max_response_header_size", UpstreamConfig.DEFAULT_MAX_RESPONSE_HEADER_BYTES,
                UpstreamConfig.MAX_RESPONSE_HEADER_BYTES);
        if (maxResponseHeader < UpstreamConfig.MIN_RESPONSE_HEADER_BYTES) {
            map.problem("max_response_header_size", "must be at least 1k (a status line and a few headers)");
            return null;
        }
        if (uri == null || (clientCert != null && clientKey == null) || caFiles.size() != caItems.size()
                || !UpstreamConfig.NAME.matcher(name).matches()) {
            return null;
        }
        try {
            return new UpstreamConfig(name, uri, clientKey, caFiles, maxConnections, responseIdleTimeout,
                    (int) maxResponseHeader);
        } catch (IllegalArgumentException e) {
            errors.add(map.node(), map.label(), e.getMessage());
            return null;
        }
    }

    // ---- listeners ----

    private List<ListenerConfig> listeners(YamlMap top, Set<String> upstreamNames) {
        List<ListenerConfig> listeners = new ArrayList<>();
        if (top.required("listeners") == null) {
            return listeners;
        }
        List<Node> nodes = top.sequence("listeners");
        if (nodes == null) {
            return listeners;
        }
        if (nodes.isEmpty()) {
            top.problem("listeners", "is empty: add at least one listener");
        }
        Map<String, Integer> nameLines = new LinkedHashMap<>();
        List<Bound> bound = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            YamlMap map = YamlMap.read(nodes.get(i), "listeners[" + i + "]", "",
                    "a listener (name:, listen:, tls:, routes:)", errors);
            if (map != null) {
                ListenerConfig listener = listener(map, upstreamNames, nameLines, bound);
                if (listener != null) {
                    listeners.add(listener);
                }
            }
        }
        return listeners;
    }

    /** A listen address already taken, and where. */
    private record Bound(InetSocketAddress address, String listener, int line) {
    }

    private ListenerConfig listener(YamlMap map, Set<String> upstreamNames, Map<String, Integer> nameLines,
                                    List<Bound> bound) {
        map.allowOnly(LISTENER_KEYS);
        Item name = map.requiredItem("name");
        if (name != null) {
            Integer first = nameLines.putIfAbsent(name.text(), ConfigErrors.line(name.node()));
            if (!UpstreamConfig.NAME.matcher(name.text()).matches()) {
                errors.add(name.node(), name.path(), "\"" + name.text() + "\" is not a plain name: use letters, "
                        + "digits, dots, hyphens and underscores (it names the listener in logs and metrics)");
            } else if (first != null) {
                errors.add(name.node(), name.path(), "\"" + name.text() + "\" is already the name of the listener on "
                        + "line " + first + ": give each listener its own name");
            }
        }
        InetSocketAddress address = listenAddress(map, name, bound);
        YamlMap tlsMap = map.required("tls") == null ? null
                : map.map("tls", "a mapping (cert:, key:, client_ca:, client_auth:, ...)");
        ClientAuthMode clientAuth = tlsMap == null ? null
                : tlsMap.choice("client_auth", CLIENT_AUTH, ClientAuthMode.REQUIRE);
        TlsConfig tls = tlsMap == null ? null : tls(tlsMap, clientAuth);
        List<ParsedRoute> routes = routes(map, clientAuth, upstreamNames);
        Policy policy = routes == null ? null : new Policy(routes.stream().map(ParsedRoute::route).toList());
        YamlMap headerMap = map.map("identity_header", "a mapping (format:, include_cert:, include_chain:)");
        IdentityHeaderConfig identityHeaders = headerMap == null ? IdentityHeaderConfig.defaults()
                : identityHeaders(headerMap);
        YamlMap limitMap = map.map("limits", "a mapping (max_header_size:, max_body_size:, ...)");
        Limits limits = limitMap == null ? Limits.defaults() : limits(limitMap);
        YamlMap timeoutMap = map.map("timeouts", "a mapping (handshake:, idle:, upstream_connect:, ...)");
        Timeouts timeouts = timeoutMap == null ? Timeouts.defaults() : timeouts(timeoutMap);
        TrustedProxies trustedProxies = trustedProxies(map);
        if (name == null || address == null || tls == null || policy == null || identityHeaders == null) {
            return null;
        }
        ListenerConfig listener = ListenerConfig.builder(name.text(), address, tls, policy)
                .identityHeaders(identityHeaders).limits(limits).timeouts(timeouts).trustedProxies(trustedProxies).build();
        return publicRootsAreNarrowed(listener, routes) ? listener : null;
    }

    /**
     * Reports each route (at its line) or allow rule (at its line) that a public root among the
     * listener's client CAs opens to strangers ({@link PublicRootRules}); whether there was none.
     */
    private boolean publicRootsAreNarrowed(ListenerConfig listener, List<ParsedRoute> routes) {
        List<PublicRoots.Exposure> exposures = PublicRootRules.exposures(listener);
        for (PublicRoots.Exposure exposure : exposures) {
            String message = exposure.problem() + ": " + PublicRootRules.fix(exposure.gap());
            for (ParsedRoute route : routes) {
                if (route.route() != exposure.route()) {
                    continue;
                }
                int rule = indexOf(route.route().allow(), exposure.rule());
                if (rule < 0) {
                    errors.add(route.node(), route.label(), message);
                } else {
                    errors.add(route.ruleNodes().get(rule), route.label() + ".allow[" + rule + "]", message);
                }
            }
        }
        return exposures.isEmpty();
    }

    /** The position of that very object (rules are values: two equal rules are still two lines). */
    private static int indexOf(List<AllowRule> rules, AllowRule rule) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == rule) {
                return i;
            }
        }
        return -1;
    }

    private InetSocketAddress listenAddress(YamlMap map, Item name, List<Bound> bound) {
        Item listen = map.requiredItem("listen");
        if (listen == null) {
            return null;
        }
        InetSocketAddress address;
        try {
            address = ConfigValues.listenAddress(listen.text());
        } catch (IllegalArgumentException e) {
            errors.add(listen.node(), listen.path(), e.getMessage());
            return null;
        }
        for (Bound other : bound) {
            if (overlaps(address, other.address())) {
                errors.add(listen.node(), listen.path(), "port " + address.getPort() + " is already used by listener \""
                        + other.listener() + "\" (line " + other.line() + "): give each listener its own port");
                return address;
            }
        }
        bound.add(new Bound(address, name == null ? "?" : name.text(), ConfigErrors.line(listen.node())));
        return address;
    }

    /** Two listeners on one port clash unless it is 0 (ephemeral) or they bind distinct specific addresses. */
    private static boolean overlaps(InetSocketAddress a, InetSocketAddress b) {
        if (a.getPort() == 0 || a.getPort() != b.getPort()) {
            return false;
        }
        return a.getAddress() == null || b.getAddress() == null || a.getAddress().isAnyLocalAddress()
                || b.getAddress().isAnyLocalAddress() || a.getAddress().equals(b.getAddress());
    }

    private TlsConfig tls(YamlMap map, ClientAuthMode clientAuth) {
        map.allowOnly(TLS_KEYS);
        KeySource serverKey = files.keySource(map);
        List<Path> clientCas = List.of();
        if (map.isEmptyList("client_ca")) {
            map.problem("client_ca", "is empty: name at least one CA bundle that issues client certificates");
            clientCas = null;
        } else if (map.required("client_ca") != null) {
            List<Item> items = map.items("client_ca");
            clientCas = files.certificateBundles(items);
            if (clientCas.size() != items.size()) {
                clientCas = null;
            }
        }
        List<String> protocols = distinctTexts(map, "protocols", TlsConfig.DEFAULT_PROTOCOLS,
                TlsConfig.ALLOWED_PROTOCOLS, "is not allowed: use TLSv1.3 and/or TLSv1.2");
        List<String> ciphers = map.items("ciphers").stream().map(Item::text).toList();
        List<String> alpn = distinctTexts(map, "alpn", TlsConfig.DEFAULT_ALPN, TlsConfig.DEFAULT_ALPN,
                "is not a protocol the gateway speaks: use h2 and/or http/1.1");
        TlsProvider provider = map.choice("provider", PROVIDERS, TlsProvider.OPENSSL);
        List<Item> crlItems = map.items("crl");
        List<Path> crls = files.crls(crlItems);
        boolean acceptMissingClientAuthEku = map.bool("accept_missing_client_auth_eku", false);
        boolean acceptV1ClientCerts = map.bool("accept_v1_client_certs", false);
        YamlMap revocationMap = map.map("revocation", "a mapping (ocsp:, crl_fetch:, timeout:, refresh:)");
        RevocationConfig revocation = revocationMap == null ? RevocationConfig.OFF : revocation(revocationMap);
        if (serverKey == null || clientCas == null || protocols == null || alpn == null
                || crls.size() != crlItems.size()) {
            return null;
        }
        return TlsConfig.builder(serverKey, clientCas).clientAuth(clientAuth).protocols(protocols)
                .cipherSuites(ciphers).alpn(alpn).provider(provider).crlFiles(crls)
                .acceptMissingClientAuthEku(acceptMissingClientAuthEku).acceptV1ClientCerts(acceptV1ClientCerts)
                .revocation(revocation).build();
    }

    /** {@code tls.revocation}: OCSP and CRL distribution points, each off, soft or hard. */
    private RevocationConfig revocation(YamlMap map) {
        map.allowOnly(REVOCATION_KEYS);
        RevocationConfig defaults = RevocationConfig.OFF;
        return new RevocationConfig(map.choice("ocsp", REVOCATION_MODES, RevocationMode.OFF),
                map.choice("crl_fetch", REVOCATION_MODES, RevocationMode.OFF),
                map.duration("timeout", defaults.timeout(), false), map.duration("refresh", defaults.refresh(), false));
    }

    /** A list of values from {@code allowed}, without repeats; {@code fallback} when absent; {@code null} on error. */
    private List<String> distinctTexts(YamlMap map, String key, List<String> fallback, List<String> allowed,
                                       String notAllowed) {
        if (!map.has(key)) {
            return fallback;
        }
        List<Item> items = map.items(key);
        if (items.isEmpty()) {
            map.problem(key, "is empty (expected: one or more of " + String.join(", ", allowed) + ")");
            return null;
        }
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (Item item : items) {
            if (!allowed.contains(item.text())) {
                errors.add(item.node(), item.path(), "\"" + item.text() + "\" " + notAllowed);
                ok = false;
            } else if (values.contains(item.text())) {
                errors.add(item.node(), item.path(), "\"" + item.text() + "\" is listed twice");
                ok = false;
            } else {
                values.add(item.text());
            }
        }
        return ok ? values : null;
    }

    /** {@code trusted_proxies: [10.0.0.0/8, 192.0.2.7]}: each entry reported at its line. */
    private TrustedProxies trustedProxies(YamlMap map) {
        List<IpRange> ranges = new ArrayList<>();
        for (Item item : map.items("trusted_proxies")) {
            try {
                ranges.add(IpRange.parse(item.text()));
            } catch (IllegalArgumentException e) {
                errors.add(item.node(), item.path(), e.getMessage());
            }
        }
        return new TrustedProxies(ranges);
    }

    private IdentityHeaderConfig identityHeaders(YamlMap map) {
        map.allowOnly(IDENTITY_HEADER_KEYS);
        IdentityHeaderConfig.Format format = map.choice("format", FORMATS, IdentityHeaderConfig.Format.XFCC);
        boolean includeCertificate = map.bool("include_cert", false);
        boolean includeChain = map.bool("include_chain", false);
        if (format == IdentityHeaderConfig.Format.RFC9440 && map.has("include_cert")) {
            map.problem("include_cert", "is only for format xfcc (RFC 9440 always sends Client-Cert): remove it");
            return null;
        }
        return new IdentityHeaderConfig(format, includeCertificate, includeChain);
    }

    private static Limits limits(YamlMap map) {
        map.allowOnly(LIMIT_KEYS);
        Limits defaults = Limits.defaults();
        return new Limits(
                (int) map.size("max_header_size", defaults.maxHeaderBytes(), Integer.MAX_VALUE),
                map.size("max_body_size", defaults.maxBodyBytes(), Long.MAX_VALUE),
                map.positiveInt("max_connections", defaults.maxConnections()),
                map.positiveInt("max_concurrent_streams", defaults.maxConcurrentStreams()),
                map.positiveInt("max_handshakes_per_source", defaults.maxHandshakesPerSource()));
    }

    private static Timeouts timeouts(YamlMap map) {
        map.allowOnly(TIMEOUT_KEYS);
        Timeouts defaults = Timeouts.defaults();
        return new Timeouts(
                map.duration("handshake", defaults.handshake(), false),
                map.duration("idle", defaults.idle(), false),
                map.duration("upstream_connect", defaults.upstreamConnect(), false),
                map.duration("request", defaults.request(), false),
                map.duration("shutdown_grace", defaults.shutdownGrace(), true),
                map.duration("client_hello", defaults.clientHello(), false),
                map.duration("request_header", defaults.requestHeader(), false),
                map.duration("request_body", defaults.requestBody(), false),
                map.duration("max_connection_age", defaults.maxConnectionAge(), true));
    }

    // ---- routes ----

    /** The routes in file order, or {@code null} when any has a problem. */
    private List<ParsedRoute> routes(YamlMap listener, ClientAuthMode clientAuth, Set<String> upstreamNames) {
        if (listener.required("routes") == null) {
            return null;
        }
        List<Node> nodes = listener.sequence("routes");
        if (nodes == null) {
            return null;
        }
        if (nodes.isEmpty()) {
            listener.problem("routes", "is empty: add at least one route (path:, upstream:)");
            return null;
        }
        List<ParsedRoute> routes = new ArrayList<>();
        List<ParsedRoute> seen = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < nodes.size(); i++) {
            String label = "routes[" + i + "]";
            YamlMap map = YamlMap.read(nodes.get(i), label, label, "a route (path:, upstream:, allow:)", errors);
            if (map == null) {
                ok = false;
                continue;
            }
            ParsedRoute parsed = route(map, label, clientAuth, upstreamNames);
            if (parsed.path() != null) {
                for (ParsedRoute other : seen) {
                    if (sameMatch(other, parsed)) {
                        map.problem("path", "\"" + parsed.path() + "\" is already routed for the same methods by the "
                                + "route on line " + other.line() + ": merge the two, or give them different methods");
                        ok = false;
                        break;
                    }
                }
                seen.add(parsed);
            }
            if (parsed.route() == null) {
                ok = false;
            } else {
                routes.add(parsed);
            }
        }
        return ok ? routes : null;
    }

    /**
     * What could be read of a route: its path and methods (for the duplicate check, even when the
     * route has other problems), and the route itself when it has none, with where it and each of
     * its allow rules stand (for problems found later).
     */
    private record ParsedRoute(String path, Set<String> methods, int line, Route route, String label, Node node,
                               List<Node> ruleNodes) {
    }

    /** Whether two routes would compete for the same requests (same prefix, overlapping methods). */
    private static boolean sameMatch(ParsedRoute a, ParsedRoute b) {
        if (!withoutTrailingSlash(a.path()).equals(withoutTrailingSlash(b.path()))) {
            return false;
        }
        if (a.methods().isEmpty() || b.methods().isEmpty()) {
            return a.methods().isEmpty() == b.methods().isEmpty();
        }
        return a.methods().stream().anyMatch(b.methods()::contains);
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private ParsedRoute route(YamlMap map, String label, ClientAuthMode clientAuth, Set<String> upstreamNames) {
        map.allowOnly(ROUTE_KEYS);
        boolean ok = true;
        Item path = map.requiredItem("path");
        boolean pathOk = path != null;
        if (path != null) {
            String problem = Route.checkPathPrefix(path.text()).orElse(null);
            if (problem != null) {
                errors.add(path.node(), path.path(), problem);
                pathOk = false;
            }
        }
        Set<String> methods = new LinkedHashSet<>();
        for (Item method : map.items("methods")) {
            String problem = Route.checkMethod(method.text()).orElse(null);
            if (problem != null) {
                errors.add(method.node(), method.path(), problem);
                ok = false;
            }
            methods.add(method.text());
        }
        Item upstream = map.requiredItem("upstream");
        if (upstream != null && !upstreamNames.contains(upstream.text())) {
            errors.add(upstream.node(), upstream.path(), "unknown upstream \"" + upstream.text() + "\" ("
                    + (upstreamNames.isEmpty() ? "no upstreams are defined: add it under upstreams:"
                    : "defined: " + String.join(", ", upstreamNames)) + ")");
            ok = false;
        }
        boolean anonymous = map.bool("anonymous", false);
        if (anonymous && clientAuth != null && clientAuth != ClientAuthMode.OPTIONAL) {
            map.problem("anonymous", "only listeners with client_auth: optional let clients without a certificate "
                    + "in (this one is " + clientAuth.name().toLowerCase(Locale.ROOT)
                    + "): remove anonymous, or make the listener optional");
            ok = false;
        }
        List<AllowRule> allow = new ArrayList<>();
        List<Node> rules = map.sequence("allow");
        if (rules != null) {
            for (int i = 0; i < rules.size(); i++) {
                AllowRule rule = allowRule(rules.get(i), map.path("allow") + "[" + i + "]");
                if (rule == null) {
                    ok = false;
                } else {
                    allow.add(rule);
                }
            }
        }
        int line = ConfigErrors.line(map.node());
        List<Node> ruleNodes = rules == null ? List.of() : rules;
        if (!ok || !pathOk || upstream == null) {
            return new ParsedRoute(pathOk ? path.text() : null, methods, line, null, label, map.node(), ruleNodes);
        }
        return new ParsedRoute(path.text(), methods, line,
                new Route(path.text(), methods, upstream.text(), allow, anonymous), label, map.node(), ruleNodes);
    }

    private AllowRule allowRule(Node node, String label) {
        YamlMap map = YamlMap.read(node, label, label, "an allow rule (e.g. cn: acme, or uri: spiffe://example.org/*)",
                errors);
        if (map == null) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        for (AllowRule.Condition condition : AllowRule.Condition.values()) {
            keys.add(condition.key());
        }
        map.allowOnly(keys);
        if (map.keys().isEmpty()) {
            errors.add(node, label, AllowRule.NO_CONDITION);
            return null;
        }
        AllowRule.Builder rule = AllowRule.builder();
        boolean ok = true;
        for (String key : map.keys()) {
            AllowRule.Condition condition = AllowRule.Condition.forKey(key);
            if (condition == null) {
                ok = false; // reported as an unknown key
                continue;
            }
            Item value = map.requiredItem(key);
            if (value == null) {
                ok = false;
                continue;
            }
            try {
                rule.set(condition, condition.normalize(value.text()));
            } catch (IllegalArgumentException e) {
                errors.add(value.node(), value.path(), e.getMessage());
                ok = false;
            }
        }
        return ok ? rule.build() : null;
    }

    /** Enum constants by their YAML names: lower case ({@code require}, {@code rfc9440}). */
    private static <E extends Enum<E>> Map<String, E> names(E[] constants) {
        Map<String, E> names = new LinkedHashMap<>();
        for (E constant : constants) {
            names.put(constant.name().toLowerCase(Locale.ROOT), constant);
        }
        return names;
    }
}
