package io.gpjobs.map.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpjobs.map.ResultMapSymbology;
import io.gpjobs.spi.Task;
import io.gpjobs.GPEngine;
import io.gpjobs.GPException;
import io.gpjobs.GPService;
import io.gpjobs.JobInfo;
import io.gpjobs.ParameterValue;
import io.gpjobs.map.LayerType;
import io.gpjobs.map.MapLayer;
import io.gpjobs.map.ResultMap;
import io.gpjobs.map.TimeExtent;
import io.gpjobs.spi.JobStatus;
import io.gpjobs.spi.ParameterDefinition;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.Feature;
import io.gpjobs.value.GPDataType;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPRasterDataLayer;
import io.gpjobs.value.GPRecordSet;
import io.gpjobs.value.GPString;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.Geometry;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.SpatialReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a job has a result map and loads it: the job's results in output-parameter order, a layer per
 * geodata output, rasters and geodataset files read through {@link GPEngine#openFile}. Stateless.
 */
public final class MapLoader {

    /** The fixed message of the error when a job has no result map. */
    public static final String NOT_AVAILABLE = "Result map not available.";

    private MapLoader() {
    }

    /**
     * Checks that the job exists, may be read by {@code principal}, belongs to an asynchronous service with
     * {@code resultMapServer} on, and succeeded.
     *
     * @return the job
     * @throws GPException 400 when it has no result map (the detail says why); as {@link GPEngine#job} otherwise
     */
    public static JobInfo check(GPEngine engine, String jobId, String principal) {
        JobInfo job = engine.as(principal).job(jobId);
        GPService svc = engine.service(job.serviceName());
        if (!svc.resultMapServer()) {
            throw new GPException(400, NOT_AVAILABLE, List.of("service '" + svc.name()
                    + "' was not published with a result map service (resultMapServer is false)"));
        }
        if (svc.executionType() != GPService.ExecutionType.ASYNCHRONOUS) {
            throw new GPException(400, NOT_AVAILABLE, List.of("service '" + svc.name()
                    + "' is synchronous; only asynchronous jobs have a result map"));
        }
        if (job.status() != JobStatus.SUCCEEDED) {
            throw new GPException(400, NOT_AVAILABLE, List.of("job '" + jobId + "' is " + job.status().wireName()
                    + "; only succeeded jobs have a result map"));
        }
        return job;
    }

    /** Loads the map of a checked job. */
    public static MapData load(GPEngine engine, JobInfo job, String principal) {
        GPService svc = engine.service(job.serviceName());
        List<LayerData> layers = new ArrayList<>();
        for (ParameterValue pv : engine.as(principal).results(job.jobId())) {
            String display = svc.task(job.taskName()).flatMap(t -> t.definition().parameter(pv.paramName()))
                    .map(ParameterDefinition::displayName).orElse(pv.paramName());
            Source src = new Source(layers.size(), pv.paramName(), display);
            LayerData d = null;
            if (pv.value() instanceof GPFeatureRecordSetLayer fs) {
                d = features(src, fs);
            } else if (pv.value() instanceof GPRecordSet rs) {
                d = table(src, rs);
            } else if (pv.value() instanceof GPRasterDataLayer r) {
                d = raster(src, engine, job.jobId(), principal, r.url(), r.format());
            } else if (pv.value() instanceof GPString s) {
                d = geodataset(src, engine, job.jobId(), principal, s.value());
            }
            if (d != null) {
                layers.add(symbolized(d, svc.task(job.taskName()).orElse(null), pv.paramName()));
            }
        }
        SpatialReference sr = null;
        Envelope full = null;
        for (LayerData d : layers) {
            if (sr == null) {
                sr = d.layer().spatialReference();
            }
            full = Geometries.union(full, d.layer().extent());
        }
        ResultMap map = new ResultMap(job.jobId(), job.serviceName(), job.taskName(),
                layers.stream().map(LayerData::layer).toList(), sr, full, svc.maximumRecords());
        return new MapData(map, layers);
    }

    /** The data with the symbology its task's author defined for the output, if any. */
    private static LayerData symbolized(LayerData d, Task task, String parameter) {
        if (!(task instanceof ResultMapSymbology author) || d.layer().type() == LayerType.TABLE) {
            return d;
        }
        JsonNode info = author.drawingInfo(parameter).orElse(null);
        if (info == null) {
            return d;
        }
        try {
            return d.withSymbology(Symbology.parse(info, parameter, d.layer().geometryType()));
        } catch (IllegalArgumentException e) {
            // the author's mistake: fail loudly, naming the task, rather than draw something else
            throw new IllegalStateException("task '" + task.definition().name() + "': " + e.getMessage(), e);
        }
    }

    private record Source(int id, String name, String display) {
    }

    private static LayerData features(Source s, GPFeatureRecordSetLayer fs) {
        if (fs.reference() != null) {
            // A layer given by URL lives in another service: the map lists it but holds no data for it.
            return new LayerData(new MapLayer(s.id(), s.name(), s.display(), LayerType.FEATURE_LAYER,
                    null, null, List.of(), null, null, null, null, 0), List.of(), null);
        }
        return rows(s, fs.fields(), fs.features(), fs.geometryType(), fs.spatialReference());
    }

    private static LayerData table(Source s, GPRecordSet rs) {
        List<Feature> rows = rs.rows().stream().map(r -> new Feature(null, r)).toList();
        return rows(s, rs.fields(), rows, null, null);
    }

    private static LayerData rows(Source s, List<GPField> fields, List<Feature> features, GeometryType type,
                                  SpatialReference sr) {
        String oid = fields.stream().filter(f -> f.type() == FieldType.OID).map(GPField::name).findFirst().orElse(null);
        List<GPField> all = new ArrayList<>(fields);
        if (oid == null) {
            oid = "OBJECTID";
            while (hasField(fields, oid)) {
                oid = oid + "_1";
            }
            all.add(0, new GPField(oid, FieldType.OID, oid, null, false, false));
        }
        String timeField = fields.stream().filter(f -> f.type() == FieldType.DATE).map(GPField::name).findFirst()
                .orElse(null);
        List<LayerData.Row> rows = new ArrayList<>(features.size());
        Envelope extent = null;
        long tmin = Long.MAX_VALUE;
        long tmax = Long.MIN_VALUE;
        for (int i = 0; i < features.size(); i++) {
            Feature f = features.get(i);
            Map<String, Object> attrs = new LinkedHashMap<>();
            if (!f.attributes().containsKey(oid)) {
                attrs.put(oid, (long) i + 1);
            }
            attrs.putAll(f.attributes());
            Long time = null;
            if (timeField != null && attrs.get(timeField) instanceof Number n) {
                time = n.longValue();
                tmin = Math.min(tmin, time);
                tmax = Math.max(tmax, time);
            }
            Geometry g = type == null ? null : f.geometry();
            extent = Geometries.union(extent, Geometries.extent(g));
            rows.add(new LayerData.Row(Collections.unmodifiableMap(attrs), g, time));
        }
        TimeExtent te = tmin <= tmax ? new TimeExtent(Instant.ofEpochMilli(tmin), Instant.ofEpochMilli(tmax)) : null;
        MapLayer layer = new MapLayer(s.id(), s.name(), s.display(), type == null ? LayerType.TABLE
                : LayerType.FEATURE_LAYER, type, type == null ? null : sr, all, oid, extent, timeField, te, rows.size());
        return new LayerData(layer, rows, null);
    }

    private static boolean hasField(List<GPField> fields, String name) {
        return fields.stream().anyMatch(f -> f.name().equalsIgnoreCase(name));
    }

    private static LayerData raster(Source s, GPEngine engine, String jobId, String principal, String url,
                                    String format) {
        String path = jobPath(jobId, url);
        Grid grid = null;
        SpatialReference sr = null;
        boolean asc = path != null && (path.toLowerCase(Locale.ROOT).endsWith(".asc")
                || "asc".equalsIgnoreCase(format));
        if (asc) {
            grid = read(engine, jobId, principal, path, in -> Grid.read(path, in)).orElse(null);
            sr = read(engine, jobId, principal, prjPath(path), in -> Prj.spatialReference(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8))).orElse(null);
        }
        Envelope extent = grid == null ? null : grid.extent();
        MapLayer layer = new MapLayer(s.id(), s.name(), s.display(), LayerType.RASTER_LAYER, null, sr, List.of(),
                null, extent, null, null, 0);
        return new LayerData(layer, List.of(), grid);
    }

    /** A GPString naming a geodataset file of the job (an ASCII grid or an Esri JSON feature set) gets a layer. */
    private static LayerData geodataset(Source s, GPEngine engine, String jobId, String principal, String value) {
        String path = jobPath(jobId, value.strip());
        if (path == null) {
            return null;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".asc")) {
            boolean exists = read(engine, jobId, principal, path, in -> Boolean.TRUE).orElse(false);
            return exists ? raster(s, engine, jobId, principal, path, "asc") : null;
        }
        if (lower.endsWith(".json")) {
            Optional<GPFeatureRecordSetLayer> fs = read(engine, jobId, principal, path, in -> {
                try {
                    return (GPFeatureRecordSetLayer) GPValueCodec.fromJson(GPDataType.FEATURE_RECORD_SET_LAYER,
                            new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    return null;
                }
            });
            return fs.filter(f -> f.reference() == null).map(f -> features(s, f)).orElse(null);
        }
        return null;
    }

    /**
     * The path of a job file a value names: a relative path ({@code scratch/grid.asc}), or a URL containing
     * {@code /jobs/<jobId>/} followed by the path; null for anything else (another service's data).
     */
    static String jobPath(String jobId, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String marker = "/jobs/" + jobId + "/";
        int i = url.indexOf(marker);
        String path;
        if (i >= 0) {
            path = url.substring(i + marker.length());
        } else if (url.matches("^[A-Za-z][A-Za-z0-9+.\\-]*:.*") || url.startsWith("/") || url.startsWith("\\")) {
            return null;
        } else {
            path = url;
        }
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        return path.isEmpty() || path.contains("\\") || path.matches("(^|.*/)\\.\\.(/.*|$)") ? null : path;
    }

    private static String prjPath(String path) {
        int dot = path.lastIndexOf('.');
        return (dot > path.lastIndexOf('/') ? path.substring(0, dot) : path) + ".prj";
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> Optional<T> read(GPEngine engine, String jobId, String principal, String path, Reader<T> r) {
        Optional<InputStream> in = engine.as(principal).openFile(jobId, path);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            return Optional.ofNullable(r.read(s));
        } catch (IllegalArgumentException e) {
            throw new GPException(500, "Unable to read result.", List.of(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read '" + path + "' of job '" + jobId + "'", e);
        }
    }
}
