package io.gpjobs.rest.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The route table: path templates such as {@code rest/services/{service}/GPServer/{task}/jobs/{jobId}} declared per
 * resource group, each with the methods it accepts and a handler. A segment is a literal, a variable
 * ({@code {name}}) or a variable with a literal suffix ({@code {service}.GPServer}). Where several templates match a
 * path the most literal one wins, segment by segment from the left. Two routes of the same shape (templates equal
 * but for variable names) fail the build. Immutable and thread-safe once built.
 */
public final class Routes {

    /** Handles a matched call. */
    @FunctionalInterface
    public interface Handler {
        /** The answer; throws {@code GPException} for the error envelope. */
        RestResponse handle(Call call);
    }

    /**
     * One route.
     *
     * @param group    the resource group that declared it (services, jobs, uploads, map, admin)
     * @param methods  the methods it accepts, upper case
     * @param template the template, {@code /}-separated
     * @param handler  the handler
     */
    public record Route(String group, Set<String> methods, String template, Handler handler) {
        /** Checks and copies. */
        public Route {
            Objects.requireNonNull(group, "group");
            methods = Set.copyOf(methods);
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(handler, "handler");
        }
    }

    /** A route that matched a path, with its variables. */
    public record Match(Route route, Map<String, String> vars) {
    }

    private record Compiled(Route route, Segment[] segments) {
    }

    /** A template segment: literal when {@code var} is null; else a variable, with an optional literal suffix. */
    private record Segment(String literal, String var, String suffix) {
        int rank() {
            return var == null ? 2 : suffix.isEmpty() ? 0 : 1;
        }

        String shape() {
            return var == null ? literal : "{}" + suffix;
        }
    }

    private final List<Compiled> routes;

    private Routes(List<Compiled> routes) {
        this.routes = List.copyOf(routes);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every route, in declaration order (for documentation and tests). */
    public List<Route> all() {
        return routes.stream().map(Compiled::route).toList();
    }

    /** The best route for {@code path}, whatever the method; empty when none matches. */
    public Optional<Match> match(List<String> path) {
        Compiled best = null;
        Map<String, String> bestVars = null;
        for (Compiled c : routes) {
            Map<String, String> vars = bind(c.segments(), path);
            if (vars != null && (best == null || moreLiteral(c.segments(), best.segments()))) {
                best = c;
                bestVars = vars;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Match(best.route(), Map.copyOf(bestVars)));
    }

    private static boolean moreLiteral(Segment[] a, Segment[] b) {
        for (int i = 0; i < a.length; i++) {
            int d = a[i].rank() - b[i].rank();
            if (d != 0) {
                return d > 0;
            }
        }
        return false;
    }

    private static Map<String, String> bind(Segment[] segments, List<String> path) {
        if (segments.length != path.size()) {
            return null;
        }
        Map<String, String> vars = null;
        for (int i = 0; i < segments.length; i++) {
            Segment s = segments[i];
            String p = path.get(i);
            if (s.var() == null) {
                if (!s.literal().equals(p)) {
                    return null;
                }
                continue;
            }
            if (p.length() <= s.suffix().length() || !p.endsWith(s.suffix())) {
                return null;
            }
            if (vars == null) {
                vars = new HashMap<>();
            }
            vars.put(s.var(), p.substring(0, p.length() - s.suffix().length()));
        }
        return vars == null ? Map.of() : vars;
    }

    /** Collects routes group by group; {@link #build()} refuses duplicates. Not thread-safe. */
    public static final class Builder {
        private final List<Compiled> routes = new ArrayList<>();
        private final Map<String, String> shapes = new LinkedHashMap<>();
        private String group = "default";

        private Builder() {
        }

        /** The group the next routes belong to. */
        public Builder group(String name) {
            group = Objects.requireNonNull(name, "group");
            return this;
        }

        /**
         * Adds a route.
         *
         * @param methods  comma-separated methods, e.g. {@code "GET,POST"}
         * @param template the path template
         * @throws IllegalArgumentException when the template is malformed
         * @throws IllegalStateException    when a route of the same shape exists (naming both templates)
         */
        public Builder add(String methods, String template, Handler handler) {
            Set<String> ms = Set.of(methods.toUpperCase(Locale.ROOT).split(","));
            Segment[] segs = compile(template);
            StringBuilder shape = new StringBuilder();
            for (Segment s : segs) {
                shape.append('/').append(s.shape());
            }
            String earlier = shapes.putIfAbsent(shape.toString(), group + ": " + template);
            if (earlier != null) {
                throw new IllegalStateException("duplicate route '" + template + "' (group " + group
                        + "): same shape as '" + earlier + "'");
            }
            routes.add(new Compiled(new Route(group, ms, template, handler), segs));
            return this;
        }

        private static Segment[] compile(String template) {
            String[] parts = template.split("/", -1);
            Segment[] segs = new Segment[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("route template '" + template + "' has an empty segment");
                }
                if (p.startsWith("{")) {
                    int close = p.indexOf('}');
                    if (close < 2 || p.indexOf('{', 1) >= 0 || p.indexOf('}', close + 1) >= 0) {
                        throw new IllegalArgumentException("route template '" + template + "': bad segment '" + p
                                + "'");
                    }
                    segs[i] = new Segment(null, p.substring(1, close), p.substring(close + 1));
                } else if (p.contains("{") || p.contains("}")) {
                    throw new IllegalArgumentException("route template '" + template + "': bad segment '" + p + "'");
                } else {
                    segs[i] = new Segment(p, null, null);
                }
            }
            return segs;
        }

        /** The table. */
        public Routes build() {
            return new Routes(routes);
        }
    }
}
