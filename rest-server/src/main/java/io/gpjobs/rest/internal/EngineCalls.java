package io.gpjobs.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.ExecuteResult;
import io.gpjobs.GPCaller;
import io.gpjobs.GPEngine;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.JobInfoPage;
import io.gpjobs.ParameterValue;
import io.gpjobs.map.ExportRequest;
import io.gpjobs.map.IdentifyRequest;
import io.gpjobs.map.LayerQuery;
import io.gpjobs.map.ResultMap;
import io.gpjobs.map.ResultMapService;
import io.gpjobs.spi.JobQuery;
import io.gpjobs.spi.JobStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every call the REST layer makes to the engine and the result map service, on behalf of a principal (null is
 * anonymous), so that a change of the engine's API touches this class only. Thread-safe (it holds thread-safe
 * services).
 */
public final class EngineCalls {
    private final GPEngine engine;
    private final ResultMapService maps;

    /** Calls on {@code engine} and {@code maps}. */
    public EngineCalls(GPEngine engine, ResultMapService maps) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.maps = Objects.requireNonNull(maps, "maps");
    }

    // ---- services (no principal: descriptions are public once the token check passed) ----

    /** The service names, sorted. */
    public List<String> serviceNames() {
        return engine.serviceNames();
    }

    /** A service. @throws io.gpjobs.GPException 404 when unknown */
    public GPService service(String name) {
        return engine.service(name);
    }

    /** The service description. */
    public ObjectNode serviceJson(String name) {
        return engine.serviceJson(name);
    }

    /** The task description. */
    public ObjectNode taskJson(String service, String task) {
        return engine.taskJson(service, task);
    }

    // ---- running and job resources ----

    /** The engine's view for {@code principal} (null: anonymous). */
    private GPCaller caller(String principal) {
        return engine.as(principal);
    }

    /** Runs a task synchronously. */
    public ExecuteResult execute(String principal, String service, String task, Map<String, ?> inputs) {
        return caller(principal).execute(service, task, inputs);
    }

    /** Submits a job. */
    public JobInfo submitJob(String principal, String service, String task, Map<String, ?> inputs) {
        return caller(principal).submitJob(service, task, inputs);
    }

    /** A job. */
    public JobInfo job(String principal, String jobId) {
        return caller(principal).job(jobId);
    }

    /** Cancels a job. */
    public JobInfo cancel(String principal, String jobId) {
        return caller(principal).cancel(jobId);
    }

    /** Deletes a job. */
    public JobInfo delete(String principal, String jobId) {
        return caller(principal).delete(jobId);
    }

    /** One result. */
    public ParameterValue result(String principal, String jobId, String param) {
        return caller(principal).result(jobId, param);
    }

    /** All results. */
    public List<ParameterValue> results(String principal, String jobId) {
        return caller(principal).results(jobId);
    }

    /** One input. */
    public ParameterValue input(String principal, String jobId, String param) {
        return caller(principal).input(jobId, param);
    }

    /** All inputs. */
    public List<ParameterValue> inputs(String principal, String jobId) {
        return caller(principal).inputs(jobId);
    }

    // ---- admin (the caller checked that the principal administers) ----

    /** A page of jobs. */
    public JobInfoPage jobPage(JobQuery query) {
        return engine.jobs(query);
    }

    /** Cancels a service's queued jobs. */
    public int purgeQueue(String service) {
        return engine.purgeQueue(service);
    }

    /** Job counts by status. */
    public Map<JobStatus, Integer> statistics(String service) {
        return engine.statistics(service);
    }

    // ---- result maps ----

    /** A job's result map. */
    public ResultMap map(String principal, String jobId) {
        return maps.map(jobId, principal);
    }

    /** A layer's description. */
    public ObjectNode layerJson(String principal, String jobId, int layer) {
        return maps.layerJson(jobId, layer, principal);
    }

    /** A layer query. */
    public ObjectNode query(String principal, String jobId, int layer, LayerQuery q) {
        return maps.query(jobId, layer, q, principal);
    }

    /** An identify. */
    public ObjectNode identify(String principal, String jobId, IdentifyRequest r) {
        return maps.identify(jobId, r, principal);
    }

    /** The legend. */
    public ObjectNode legend(String principal, String jobId) {
        return maps.legend(jobId, principal);
    }

    /** A PNG export. */
    public byte[] exportPng(String principal, String jobId, ExportRequest r) {
        return maps.exportPng(jobId, r, principal);
    }

    /** The scale of an export (0 when the map has no known spatial reference). */
    public double exportScale(String principal, String jobId, ExportRequest r) {
        return maps.scale(jobId, r, principal);
    }
}
