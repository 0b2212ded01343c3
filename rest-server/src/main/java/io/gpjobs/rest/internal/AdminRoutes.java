package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobInfo;
import io.gpjobs.JobInfoPage;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code admin} group, after the ArcGIS Server Administrator API: {@code admin/services/<svc>.GPServer/jobs}
 * with {@code query} (paged by {@code start}, 1-based, and {@code number}; {@code nextStart} is -1 on the last
 * page), {@code purgeQueue}, {@code statistics}, and a job with {@code cancel} and {@code delete}. Operations are
 * POST only; every call needs an administrator's token (checked by the router). Thread-safe.
 */
final class AdminRoutes {
    private static final String JOBS = "admin/services/{service}.GPServer/jobs";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final RestContext ctx;

    AdminRoutes(RestContext ctx) {
        this.ctx = ctx;
    }

    void register(Routes.Builder b) {
        b.add("GET,POST", JOBS, this::jobs);
        b.add("GET,POST", JOBS + "/query", this::query);
        b.add("POST", JOBS + "/purgeQueue", this::purgeQueue);
        b.add("GET,POST", JOBS + "/statistics", this::statistics);
        b.add("GET,POST", JOBS + "/{jobId}", this::job);
        b.add("POST", JOBS + "/{jobId}/cancel", this::cancel);
        b.add("POST", JOBS + "/{jobId}/delete", this::delete);
    }

    private String service(Call c) {
        return ctx.calls().service(c.var("service")).name();
    }

    private RestResponse jobs(Call c) {
        service(c);
        ObjectNode o = F.objectNode();
        o.putArray("resources").add("statistics");
        o.putArray("operations").add("query").add("purgeQueue");
        return Render.resource(c, ctx.pages(), o, c.var("service") + " jobs");
    }

    private RestResponse query(Call c) {
        String service = service(c);
        int number = integer(c, "number", 10, 1, JobQuery.MAX_LIMIT);
        int start = integer(c, "start", 1, 1, Integer.MAX_VALUE);
        Instant from = time(c, "startTime");
        Instant to = time(c, "endTime");
        JobQuery q = JobQuery.all().withService(service).withPage(start - 1, number);
        Set<JobStatus> statuses = statuses(c);
        if (!statuses.isEmpty()) {
            q = q.withStatuses(statuses);
        }
        if (from != null || to != null) {
            q = q.withSubmittedBetween(from, to);
        }
        String user = c.param("userName");
        if (user != null && !user.isBlank()) {
            q = q.withOwner(user);
        }
        JobInfoPage page = ctx.calls().jobPage(q);
        ObjectNode o = F.objectNode();
        o.put("total", page.total());
        o.put("num", page.jobs().size());
        o.put("start", start);
        o.put("nextStart", page.nextOffset() < 0 ? -1 : page.nextOffset() + 1);
        ObjectNode echo = o.putObject("query");
        echo.put("serviceName", service);
        echo.put("userName", user);
        ArrayNode st = echo.putArray("status");
        statuses.forEach(s -> st.add(s.wireName()));
        ArrayNode jobs = o.putArray("jobs");
        page.jobs().forEach(j -> jobs.add(entry(c, j)));
        return Render.resource(c, ctx.pages(), o, service + " jobs query");
    }

    private ObjectNode entry(Call c, JobInfo j) {
        ObjectNode o = F.objectNode();
        o.put("jobId", j.jobId());
        o.put("taskName", j.taskName());
        o.put("submittedTime", j.submitted() == null ? null : j.submitted().toEpochMilli());
        o.put("endTime", j.ended() == null ? null : j.ended().toEpochMilli());
        o.put("status", j.status().wireName());
        o.put("username", j.owner());
        o.put("url", c.request().baseUri() + "/" + JOBS.replace("{service}", Call.encode(j.serviceName())) + "/"
                + j.jobId());
        return o;
    }

    private RestResponse purgeQueue(Call c) {
        int n = ctx.calls().purgeQueue(service(c));
        ObjectNode o = F.objectNode().put("status", "success").put("purged", n);
        return Render.resource(c, ctx.pages(), o, "purgeQueue");
    }

    private RestResponse statistics(Call c) {
        Map<JobStatus, Integer> counts = ctx.calls().statistics(service(c));
        ObjectNode o = F.objectNode();
        o.put("total", counts.values().stream().mapToInt(Integer::intValue).sum());
        counts.forEach((s, n) -> o.put(s.wireName().substring("esriJob".length()).toLowerCase(Locale.ROOT), n));
        return Render.resource(c, ctx.pages(), o, "statistics");
    }

    private JobInfo owned(Call c) {
        String service = service(c);
        JobInfo j = ctx.calls().job(c.principal(), c.var("jobId"));
        if (!j.serviceName().equals(service)) {
            throw new JobNotFoundException(c.var("jobId"));
        }
        return j;
    }

    private RestResponse job(Call c) {
        return Render.resource(c, ctx.pages(), entry(c, owned(c)), "Job " + c.var("jobId"));
    }

    private RestResponse cancel(Call c) {
        owned(c);
        ctx.calls().cancel(c.principal(), c.var("jobId"));
        return Render.resource(c, ctx.pages(), F.objectNode().put("status", "success"), "cancel");
    }

    private RestResponse delete(Call c) {
        owned(c);
        ctx.calls().delete(c.principal(), c.var("jobId"));
        return Render.resource(c, ctx.pages(), F.objectNode().put("status", "success"), "delete");
    }

    private static int integer(Call c, String name, int dflt, int min, int max) {
        String v = c.param(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("parameter '" + name + "': expected a whole number from " + min + " to "
                + max + ", got '" + Format.clip(v) + "'");
    }

    private static Instant time(Call c, String name) {
        String v = c.param(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("parameter '" + name + "': expected epoch milliseconds, got '"
                    + Format.clip(v) + "'");
        }
    }

    private static Set<JobStatus> statuses(Call c) {
        String v = c.param("jobStatus");
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        Set<JobStatus> out = EnumSet.noneOf(JobStatus.class);
        for (String s : v.split(",")) {
            try {
                out.add(JobStatus.fromWireName(s.trim()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("parameter 'jobStatus': unknown status '" + Format.clip(s.trim())
                        + "'; expected esriJob… names such as esriJobSucceeded");
            }
        }
        return out;
    }
}
