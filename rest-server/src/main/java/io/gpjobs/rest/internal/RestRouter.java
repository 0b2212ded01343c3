package io.gpjobs.rest.internal;

import io.gpjobs.GPException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The transport-neutral GP REST router: a {@link RestRequest} in, a {@link RestResponse} out (or null when no route
 * matches, so that a host's other handlers may answer). For a matched route it answers CORS preflights, removes the
 * token from the parameters and turns it into the principal, checks the method, runs the handler, and sends every
 * failure through {@link Errors}. Every answer carries the CORS headers of its origin and {@code Cache-Control:
 * no-store}. Thread-safe.
 */
public final class RestRouter {
    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");

    private final Routes routes;
    private final RestContext ctx;

    /** A router over every resource group (services, jobs, uploads, map, admin). */
    public RestRouter(RestContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        Routes.Builder b = Routes.builder();
        new ServiceRoutes(ctx).register(b.group("services"));
        new JobRoutes(ctx).register(b.group("jobs"));
        new UploadRoutes(ctx).register(b.group("uploads"));
        new MapRoutes(ctx).register(b.group("map"));
        new AdminRoutes(ctx).register(b.group("admin"));
        this.routes = b.build();
    }

    /** The route table. */
    public Routes routes() {
        return routes;
    }

    /** Whether some route matches {@code path} (whatever the method). */
    public boolean matches(List<String> path) {
        return routes.match(path).isPresent();
    }

    /**
     * The answer to {@code request}, or null when no route matches its path.
     */
    public RestResponse handle(RestRequest request) {
        Optional<Routes.Match> m = routes.match(request.path());
        if (m.isEmpty()) {
            return null;
        }
        Map<String, String> cors = Cors.headers(ctx.cors(), request);
        if (request.method().equals("OPTIONS")) {
            return Cors.preflight(ctx.cors(), request);
        }
        Routes.Route route = m.get().route();
        boolean admin = route.group().equals("admin");
        String token = Access.token(request);
        RestRequest clean = withoutToken(request);
        RestResponse answer;
        try {
            Format format = Format.of(clean.param("f"));
            if (!route.methods().contains(clean.method())) {
                throw new GPException(405, "Method not allowed.", List.of("'" + clean.method() + "' on "
                        + route.template() + "; use " + String.join(" or ", route.methods().stream().sorted()
                        .toList())));
            }
            Map<String, String> vars = m.get().vars();
            String principal = Access.principal(ctx.verifier(), token, vars.get("service"), admin);
            answer = route.handler().handle(new Call(clean.withPrincipal(principal), vars, format));
        } catch (RuntimeException e) {
            answer = Errors.response(e, Format.lenient(clean.param("f")), clean, ctx.pages(), admin, token);
        }
        return withHeaders(answer, cors);
    }

    /**
     * The error answer for a request whose body could not be read (too large, bad multipart): the envelope of
     * {@code failure}, with the CORS headers.
     */
    public RestResponse failure(RestRequest request, GPException failure) {
        boolean admin = routes.match(request.path()).map(x -> x.route().group().equals("admin")).orElse(false);
        RestRequest clean = withoutToken(request);
        RestResponse r = Errors.response(failure, Format.lenient(clean.param("f")), clean, ctx.pages(), admin,
                Access.token(request));
        return withHeaders(r, Cors.headers(ctx.cors(), request));
    }

    private static RestResponse withHeaders(RestResponse r, Map<String, String> cors) {
        Map<String, String> h = new LinkedHashMap<>(NO_STORE);
        h.putAll(cors);
        return r.withHeaders(h);
    }

    private static RestRequest withoutToken(RestRequest r) {
        if (!r.params().containsKey("token")) {
            return r;
        }
        Map<String, String> p = new HashMap<>(r.params());
        p.remove("token");
        return new RestRequest(r.method(), r.baseUri(), r.path(), p, r.headers(), r.files(), r.body(),
                r.principal());
    }
}
