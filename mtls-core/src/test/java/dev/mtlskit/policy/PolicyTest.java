package dev.mtlskit.policy;

import static dev.mtlskit.policy.Certificates.client;
import static dev.mtlskit.policy.Certificates.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mtlskit.identity.PeerIdentity;
import dev.mtlskit.reason.Reason;

class PolicyTest {

    private static final Route ROOT = Route.of("/", "web", List.of());
    private static final Route API = Route.of("/api", "api", List.of());
    private static final Route API_ADMIN = Route.of("/api/admin/", "admin", List.of());
    private static final Route API_WRITE = new Route("/api", Set.of("POST", "PUT"), "api-write", List.of(), false);
    private static final Route PUBLIC = new Route("/public/", Set.of(), "web", List.of(), true);
    private static final Policy POLICY = new Policy(List.of(ROOT, API, API_ADMIN, API_WRITE, PUBLIC));

    @ParameterizedTest
    @CsvSource({
            "GET, /, web",
            "GET, '', web",
            "GET, /index.html, web",
            "GET, /api, api",
            "GET, /api/, api",
            "GET, /api/orders, api",
            "GET, /apix, web",
            "GET, /api/admin, admin",
            "GET, /api/admin/users, admin",
            "GET, /api/administrator, api",
            "POST, /api/orders, api-write",
            "DELETE, /api/orders, api",
            "POST, /api/admin/users, admin",
            "GET, /api/orders?next=/api/admin, api",
            "GET, /api/admin?x=1, admin",
            "GET, /api#frag, api",
            "GET, /public/../api/admin/x, admin",
            "GET, /public/%2e%2e/api/admin, admin",
            "GET, /public/%2E%2E/api/admin, admin",
            "GET, /api/./admin/x, admin",
            "GET, //api//admin//x, admin",
            "GET, /%61pi/admin, admin"})
    void routesByTheLongestSegmentPrefixAmongRoutesForTheMethod(String method, String path, String upstream) {
        assertThat(POLICY.route(method, path)).map(Route::upstream).contains(upstream);
    }

    @ParameterizedTest
    @CsvSource({
            "/public%2F..%2Fapi",
            "/public%2f..%2fapi",
            "/public/..%5Capi",
            "/public\\..\\api",
            "/..",
            "/public/../../api",
            "/a%00b",
            "/a%zz",
            "*",
            "http://host/api"})
    void pathsUpstreamsCouldReadInDifferentWaysMatchNoRoute(String path) {
        assertThat(POLICY.route("GET", path)).isEmpty();
    }

    /**
     * Tomcat, Jetty and Spring drop a segment's {@code ;parameters} before resolving dot-segments:
     * {@code /api/..;/admin/x} is {@code /admin/x} to them, and under {@code /api} to everyone else.
     * A dot-segment with parameters has no single reading, whatever the routes (encoded forms too).
     */
    @ParameterizedTest
    @CsvSource({
            "/api/..;/admin/x",
            "/api/..;jsessionid=1/admin/x",
            "/api/%2e%2e;/admin/x",
            "/api/%2E%2E;/admin/x",
            "/api/.%2e;/admin/x",
            "/api/..%3b/admin/x",
            "/api/..%3B/admin/x",
            "/api/%2e%2e%3b/admin/x",
            "/api/.;/x",
            "/api/.;x=1/x",
            "/api/x/..;",
            "/..;/api"})
    void dotSegmentsWithParametersAreAmbiguous(String path) {
        assertThat(POLICY.resolve("GET", path).outcome()).isEqualTo(Routing.Outcome.AMBIGUOUS_PATH);
        assertThat(Policy.canonicalPath(path)).isEmpty();
        assertThat(POLICY.route("GET", path)).isEmpty();
    }

    /** A path whose route changes once its parameters are removed is ambiguous; one whose route stays is not. */
    @ParameterizedTest
    @CsvSource({
            "/api;x/admin/users, AMBIGUOUS_PARAMETERS, ",
            "/api/admin;x/users, AMBIGUOUS_PARAMETERS, ",
            "/api/admin%3bx/users, AMBIGUOUS_PARAMETERS, ",
            "/api;/orders, AMBIGUOUS_PARAMETERS, ",
            "/api/orders;v=2, ROUTED, api",
            "/api/orders;v=2/items;page=1, ROUTED, api",
            "/api/admin/users;jsessionid=abc, ROUTED, admin",
            "/index;x.html, ROUTED, web",
            "/api/;/admin/x, AMBIGUOUS_PARAMETERS, ",
            "/api/admin/;/x, ROUTED, admin"})
    void parametersMustNotChangeTheRoute(String path, Routing.Outcome outcome, String upstream) {
        Routing routing = POLICY.resolve("GET", path);

        assertThat(routing.outcome()).isEqualTo(outcome);
        assertThat(Optional.ofNullable(routing.route()).map(Route::upstream).orElse(null)).isEqualTo(upstream);
    }

    @Test
    void withoutAnyRouteForTheParameterFreeReadingThePathIsAmbiguousToo() {
        Policy policy = new Policy(List.of(Route.of("/public;v=1/", "web", List.of()), API_ADMIN));

        assertThat(policy.resolve("GET", "/public;v=1/x").outcome()).isEqualTo(Routing.Outcome.AMBIGUOUS_PARAMETERS);
        assertThat(policy.resolve("GET", "/other").outcome()).isEqualTo(Routing.Outcome.NO_ROUTE);
        assertThat(policy.resolve("GET", "/other").canonicalPath()).isEqualTo("/other");
    }

    @ParameterizedTest
    @CsvSource({
            "/a;x/b, /a",
            "/a;x/b;y, /a",
            "/a/b%3Bc/d, /a/b",
            "/a/;x/b, /a/b",
            "/plain, /plain"})
    void parametersAreCutAtTheFirstSemicolonLiteralOrEncoded(String canonical, String expectedPrefix) {
        assertThat(RoutePaths.withoutParameters(canonical)).hasValueSatisfying(
                stripped -> assertThat(stripped).startsWith(expectedPrefix).doesNotContain(";").doesNotContain("%3B"));
    }

    @Test
    void noRouteForAPathOutsideEveryPrefix() {
        Policy policy = new Policy(List.of(API));

        assertThat(policy.route("GET", "/apix")).isEmpty();
        assertThat(policy.route("GET", "/")).isEmpty();
    }

    @Test
    void methodsFilterRoutes() {
        Policy policy = new Policy(List.of(new Route("/api", Set.of("GET"), "api", List.of(), false)));

        assertThat(policy.route("GET", "/api/x")).isPresent();
        assertThat(policy.route("POST", "/api/x")).isEmpty();
        assertThat(policy.route("get", "/api/x")).isEmpty();
    }

    @Test
    void atEqualLengthTheFirstRouteWins() {
        Route first = Route.of("/api/", "first", List.of());
        Route second = Route.of("/api", "second", List.of());

        assertThat(new Policy(List.of(first, second)).route("GET", "/api/x")).contains(first);
    }

    @ParameterizedTest
    @CsvSource({
            "/api/orders?id=7, /api/orders",
            "/a/b/../c/./d, /a/c/d",
            "/a//b///, /a/b/",
            "/%7Euser/%41, /~user/A",
            "/caf%c3%a9, /caf%C3%A9",
            "'', /"})
    void canonicalPathsAreWhatRoutesAreMatchedWith(String path, String canonical) {
        assertThat(Policy.canonicalPath(path)).contains(canonical);
    }

    @Test
    void refusesPathPrefixesThatAreNotCanonical() {
        assertThatThrownBy(() -> Route.of("api", "api", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path \"api\" does not start with /: write e.g. /api");
        assertThatThrownBy(() -> Route.of("/a/../b", "api", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path \"/a/../b\" is not in canonical form (requests are matched after resolving . and .. "
                        + "and merging slashes): write /b");
        assertThatThrownBy(() -> Route.of("/a?b", "api", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path \"/a?b\" is not a plain path prefix: leave out queries, fragments, backslashes and "
                        + "encoded slashes");
        assertThatThrownBy(() -> new Route("/", Set.of("get"), "api", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("method \"get\" is not an upper-case HTTP method (expected e.g. GET or POST)");
    }

    // ---- authorize ----

    private static final PeerIdentity ACME = identity(client().organization("Acme").commonName("acme")
            .addUri("spiffe://example.org/acme"));
    private static final PeerIdentity EVE = identity(client().commonName("eve").addUri("spiffe://evil.example/eve"));
    private static final Route GUARDED = Route.of("/api/", "api", List.of(
            AllowRule.builder().commonName("acme").build(),
            AllowRule.builder().uri("spiffe://example.org/*").issuer("CN=Partner CA,O=Partner").build()));

    @Test
    void withoutACertificateOnlyAnonymousRoutesLetIn() {
        assertThat(GUARDED.authorize(null)).isEqualTo(new Decision(false, Reason.NO_CLIENT_CERT,
                "no client certificate was sent, and /api/ needs one"));
        assertThat(PUBLIC.authorize(null)).isEqualTo(Decision.allow("a client without a certificate may use /public/"));
    }

    @Test
    void withoutAllowRulesAnyVerifiedClientIsAllowed() {
        assertThat(API.authorize(EVE)).isEqualTo(Decision.allow(
                "CN=eve (spiffe://evil.example/eve) may use /api: it lets in any verified client certificate"));
    }

    @Test
    void anyMatchingRuleAllowsAndIsNamed() {
        assertThat(GUARDED.authorize(ACME)).isEqualTo(Decision.allow(
                "CN=acme,O=Acme (spiffe://example.org/acme) may use /api/: it matches cn=acme"));
        PeerIdentity other = identity(client().commonName("billing").addUri("spiffe://example.org/billing"));
        assertThat(GUARDED.authorize(other)).isEqualTo(Decision.allow("CN=billing (spiffe://example.org/billing) may "
                + "use /api/: it matches uri=spiffe://example.org/* and issuer=CN=Partner CA,O=Partner"));
    }

    @Test
    void aDenialNamesTheIdentityAndEveryRuleItFailed() {
        Decision decision = GUARDED.authorize(EVE);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo(Reason.NOT_AUTHORIZED);
        assertThat(decision.message()).isEqualTo("CN=eve (spiffe://evil.example/eve) is not allowed on /api/: it "
                + "matches none of: cn=acme; uri=spiffe://example.org/* and issuer=CN=Partner CA,O=Partner");
    }

    @Test
    void decisionsAreConsistent() {
        assertThatThrownBy(() -> new Decision(true, Reason.NOT_AUTHORIZED, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decision(false, null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Optional.of(Decision.deny(Reason.NOT_AUTHORIZED, "no")).map(Decision::allowed)).contains(false);
    }
}
