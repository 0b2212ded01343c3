package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.GPJson;
import io.gpjobs.InvalidInputException;
import io.gpjobs.JobInfo;
import io.gpjobs.JobNotFoundException;
import io.gpjobs.ParameterValue;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.value.GPString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code jobs} group: a job, its cancel operation, its results and inputs. A job is only found under the task
 * that runs it (another task's URL answers "Job not found.", as for an unknown id), so a job id cannot be read
 * through a service the caller may use. Every JSON answer is {@code GPJson}'s; feature results are rendered in
 * {@code outSR} when given, else in the {@code env:outSR} the job was submitted with. Thread-safe.
 */
final class JobRoutes {
    private static final String ENV_OUT_SR = "env:outSR";
    private static final String JOB = "rest/services/{service}/GPServer/{task}/jobs/{jobId}";

    private final RestContext ctx;

    JobRoutes(RestContext ctx) {
        this.ctx = ctx;
    }

    void register(Routes.Builder b) {
        b.add("GET,POST", JOB, this::job);
        b.add("GET,POST", JOB + "/cancel", this::cancel);
        b.add("GET,POST", JOB + "/results", this::results);
        b.add("GET,POST", JOB + "/results/{param}", this::result);
        b.add("GET,POST", JOB + "/inputs", this::inputs);
        b.add("GET,POST", JOB + "/inputs/{param}", this::input);
    }

    /** The job of the call's URL, checked to belong to its service and task. */
    private JobInfo owned(Call c) {
        String id = c.var("jobId");
        JobInfo j = ctx.calls().job(c.principal(), id);
        if (!j.serviceName().equals(c.var("service")) || !j.taskName().equals(c.var("task"))) {
            throw new JobNotFoundException(id);
        }
        return j;
    }

    private String jobUrl(Call c) {
        return Call.url(c.restRoot(), List.of("services", c.var("service"), "GPServer", c.var("task"), "jobs",
                c.var("jobId")));
    }

    private RestResponse job(Call c) {
        JobInfo j = owned(c);
        ObjectNode json = GPJson.job(j, c.flag("returnMessages", true));
        if (c.format() != Format.HTML) {
            return Render.json(c, ctx.pages(), json, Render.Page.JOB, "", Map.of());
        }
        String url = jobUrl(c);
        Map<String, String> links = new LinkedHashMap<>();
        for (String r : j.resultNames()) {
            links.put("results/" + r, url + "/results/" + Call.encode(r));
        }
        for (String i : j.inputNames()) {
            links.put("inputs/" + i, url + "/inputs/" + Call.encode(i));
        }
        if (!j.isTerminal()) {
            links.put("cancel", url + "/cancel");
        }
        if (j.status() == JobStatus.SUCCEEDED && ctx.calls().service(j.serviceName()).resultMapServer()) {
            links.put("resultMap", Call.url(c.restRoot(), List.of("services", j.serviceName(), "MapServer", "jobs",
                    j.jobId())));
        }
        links.put("task", Call.url(c.restRoot(), List.of("services", j.serviceName(), "GPServer", j.taskName())));
        return Render.json(c, ctx.pages(), json, Render.Page.JOB, "Job " + j.jobId(), links);
    }

    private RestResponse cancel(Call c) {
        owned(c);
        JobInfo j = ctx.calls().cancel(c.principal(), c.var("jobId"));
        return Render.json(c, ctx.pages(), GPJson.jobStatus(j), Render.Page.RESOURCE, "Job " + j.jobId()
                + " (cancel)", Map.of("job", jobUrl(c)));
    }

    /**
     * The parameter name as the task defines it: clients may send another case ({@code output_features} for
     * {@code Output_Features}); answers always use the task's.
     */
    private String paramName(Call c) {
        String asked = c.var("param");
        return ctx.calls().service(c.var("service")).task(c.var("task"))
                .flatMap(t -> t.definition().parameters().stream().filter(p -> p.name().equalsIgnoreCase(asked))
                        .map(ParameterDefinition::name).findFirst())
                .orElse(asked);
    }

    private RestResponse result(Call c) {
        owned(c);
        ParameterValue v = Outputs.shaped(c, List.of(ctx.calls().result(c.principal(), c.var("jobId"),
                paramName(c))), keptOutSR(c), "outSR").get(0);
        return Render.json(c, ctx.pages(), GPJson.parameter(v), Render.Page.RESOURCE, v.paramName() + " (result)",
                Map.of("job", jobUrl(c)));
    }

    private RestResponse results(Call c) {
        owned(c);
        List<ParameterValue> vs = Outputs.shaped(c, ctx.calls().results(c.principal(), c.var("jobId")), keptOutSR(c),
                "outSR");
        return Render.json(c, ctx.pages(), GPJson.parameters(vs), Render.Page.RESOURCE, "Results",
                Map.of("job", jobUrl(c)));
    }

    /** The output spatial reference the job was submitted with ({@code env:outSR}), or null. */
    private Outputs.Target keptOutSR(Call c) {
        ParameterValue kept;
        try {
            kept = ctx.calls().input(c.principal(), c.var("jobId"), ENV_OUT_SR);
        } catch (InvalidInputException none) {
            return null; // submitted without one
        }
        return kept.value() instanceof GPString s ? Outputs.stored(ENV_OUT_SR, s.value()) : null;
    }

    private RestResponse input(Call c) {
        owned(c);
        ParameterValue v = ctx.calls().input(c.principal(), c.var("jobId"), paramName(c));
        return Render.json(c, ctx.pages(), GPJson.parameter(v), Render.Page.RESOURCE, v.paramName() + " (input)",
                Map.of("job", jobUrl(c)));
    }

    private RestResponse inputs(Call c) {
        owned(c);
        return Render.json(c, ctx.pages(), GPJson.parameters(ctx.calls().inputs(c.principal(), c.var("jobId"))),
                Render.Page.RESOURCE, "Inputs", Map.of("job", jobUrl(c)));
    }
}
