package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.ExecuteResult;
import io.gpjobs.GPException;
import io.gpjobs.GPJson;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.spi.TaskDefinition;
import io.gpjobs.value.GPValueCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code services} group: {@code info}, the services list, a GP service, a task, and the task operations
 * {@code execute} and {@code submitJob}. Only the task's input parameters are passed to the engine (every other
 * parameter, such as {@code returnZ} or a client's own, is ignored as ArcGIS does), each after its uploaded item
 * ({@code {"itemID":…}}) is resolved to the uploaded file. The output spatial reference of {@code submitJob}
 * ({@code env:outSR}, or {@code context.outSR}) is kept with the job and applied to its results; on {@code execute}
 * it is applied to the answer. Thread-safe.
 */
final class ServiceRoutes {
    static final double CURRENT_VERSION = 11.1;
    private static final String SVC = "rest/services/{service}/GPServer";

    private final RestContext ctx;

    ServiceRoutes(RestContext ctx) {
        this.ctx = ctx;
    }

    void register(Routes.Builder b) {
        b.add("GET,POST", "rest/info", this::info);
        b.add("GET,POST", "rest/services", this::services);
        b.add("GET,POST", SVC, this::service);
        b.add("GET,POST", SVC + "/{task}", this::task);
        b.add("GET,POST", SVC + "/{task}/execute", this::execute);
        b.add("GET,POST", SVC + "/{task}/submitJob", this::submitJob);
    }

    private RestResponse info(Call c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("currentVersion", CURRENT_VERSION);
        o.put("fullVersion", "11.1.0");
        ObjectNode auth = o.putObject("authInfo");
        auth.put("isTokenBasedSecurity", ctx.verifier() != null);
        if (ctx.verifier() != null && ctx.verifier().tokenServicesUrl() != null) {
            auth.put("tokenServicesUrl", ctx.verifier().tokenServicesUrl());
        }
        return Render.resource(c, ctx.pages(), o, "Server information");
    }

    private RestResponse services(Call c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("currentVersion", CURRENT_VERSION);
        o.putArray("folders");
        var list = o.putArray("services");
        Map<String, String> links = new LinkedHashMap<>();
        for (String name : ctx.calls().serviceNames()) {
            list.addObject().put("name", name).put("type", "GPServer");
            links.put(name + " (GPServer)", Call.url(c.restRoot(), List.of("services", name, "GPServer")));
            if (ctx.calls().service(name).resultMapServer()) {
                list.addObject().put("name", name).put("type", "MapServer");
            }
        }
        return Render.json(c, ctx.pages(), o, Render.Page.RESOURCE, "Services", links);
    }

    private RestResponse service(Call c) {
        String name = c.var("service");
        ObjectNode o = ctx.calls().serviceJson(name);
        if (ctx.uploads() != null) {
            o.put("capabilities", "Uploads");
        }
        Map<String, String> links = new LinkedHashMap<>();
        for (String t : ctx.calls().service(name).taskNames()) {
            links.put(t, c.resourceUrl() + "/" + Call.encode(t));
        }
        if (ctx.uploads() != null) {
            links.put("uploads", c.resourceUrl() + "/uploads");
        }
        return Render.json(c, ctx.pages(), o, Render.Page.SERVICE, name + " (GPServer)", links);
    }

    private RestResponse task(Call c) {
        String service = c.var("service");
        String task = c.var("task");
        ObjectNode o = ctx.calls().taskJson(service, task);
        boolean sync = ctx.calls().service(service).executionType() == GPService.ExecutionType.SYNCHRONOUS;
        String op = sync ? "execute" : "submitJob";
        Map<String, String> links = new LinkedHashMap<>();
        links.put(op, c.resourceUrl() + "/" + op);
        links.put("service", c.restRoot() + "/services/" + Call.encode(service) + "/GPServer");
        return Render.json(c, ctx.pages(), o, Render.Page.TASK, task + " (Task)", links);
    }

    private RestResponse execute(Call c) {
        String service = c.var("service");
        String task = c.var("task");
        Map<String, String> inputs = inputs(c, service, task);
        Outputs.shaped(c, List.of(), null, "env:outSR"); // a malformed flag or outSR is refused before the task runs
        if (!ctx.executes().tryAcquire()) {
            throw new GPException(503, "Server busy.", List.of("all " + ctx.limits().maxConcurrentExecutes()
                    + " synchronous execute slots are in use; try again later"));
        }
        ExecuteResult r;
        try {
            r = ctx.calls().execute(c.principal(), service, task, inputs);
        } finally {
            ctx.executes().release();
        }
        r = new ExecuteResult(r.jobId(), Outputs.shaped(c, r.results(), null, "env:outSR"), r.messages());
        return Render.resource(c, ctx.pages(), GPJson.execute(r), task + " (execute)");
    }

    private RestResponse submitJob(Call c) {
        String service = c.var("service");
        String task = c.var("task");
        Map<String, String> inputs = inputs(c, service, task);
        Outputs.Target outSR = Outputs.requested(c, "env:outSR"); // refused here when unknown, before the job runs
        if (outSR != null) {
            // kept with the job and applied whenever its results are rendered, as ArcGIS does
            inputs.put("env:outSR", GPValueCodec.writeSpatialReference(outSR.sr()).toString());
        }
        JobInfo job = ctx.calls().submitJob(c.principal(), service, task, inputs);
        String jobUrl = Call.url(c.restRoot(), List.of("services", service, "GPServer", task, "jobs", job.jobId()));
        if (c.format() == Format.HTML) {
            return new RestResponse.Redirect(jobUrl, Map.of());
        }
        return Render.json(c, ctx.pages(), GPJson.job(job, true), Render.Page.JOB, "Job " + job.jobId(), Map.of());
    }

    /** The task's input parameters among the call's parameters, uploaded items resolved. */
    private Map<String, String> inputs(Call c, String service, String task) {
        TaskDefinition def = ctx.calls().service(service).task(task).orElseThrow(() -> new GPException(404,
                "Task not found.", List.of("service '" + service + "' has no task '" + task + "'"))).definition();
        Map<String, String> inputs = new LinkedHashMap<>();
        for (ParameterDefinition p : def.inputs()) {
            String v = c.param(p.name());
            if (v != null) {
                inputs.put(p.name(), ctx.uploads() == null ? v
                        : ctx.uploads().resolve(service, c.principal(), p.name(), v));
            }
        }
        return inputs;
    }
}
