package io.gpjobs.map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result map of a succeeded asynchronous job: one layer per geodata output ({@code GPFeatureRecordSetLayer},
 * {@code GPRasterDataLayer}, {@code GPRecordSet}, and a {@code GPString} naming a geodataset file of the job), in
 * output-parameter order; scalar outputs have none. Immutable and thread-safe.
 *
 * @param jobId            the job id
 * @param serviceName      the GP service
 * @param taskName         the task
 * @param layers           the layers and tables, by id
 * @param spatialReference the map's spatial reference (the first layer that has one), or null
 * @param fullExtent       the union of the layers' extents, or null when no layer has one
 * @param maxRecordCount   the service's {@code maximumRecords}: the most features a query returns
 */
public record ResultMap(String jobId, String serviceName, String taskName, List<MapLayer> layers,
                        SpatialReference spatialReference, Envelope fullExtent, int maxRecordCount) {

    /** @throws IllegalArgumentException when layer ids are not 0, 1, 2… in order */
    public ResultMap {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(taskName, "taskName");
        layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).id() != i) {
                throw new IllegalArgumentException("layer " + i + " has id " + layers.get(i).id());
            }
        }
    }

    /** The layer with that id, or empty. */
    public Optional<MapLayer> layer(int id) {
        return id >= 0 && id < layers.size() ? Optional.of(layers.get(id)) : Optional.empty();
    }

    /** The layer for the output parameter {@code name}, or empty. */
    public Optional<MapLayer> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * The map service resource JSON ({@code …/MapServer/jobs/<jobId>}): {@code layers} (feature and raster layers)
     * and {@code tables}, each entry the full layer description, plus spatial reference, extents, capabilities and,
     * when a layer is time-aware, {@code timeInfo}.
     */
    public ObjectNode json() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("serviceDescription", "Result map of job " + jobId + " (" + serviceName + "/" + taskName + ")");
        o.put("mapName", taskName);
        o.put("description", "");
        o.put("copyrightText", "");
        o.put("supportsDynamicLayers", false);
        ArrayNode ls = o.putArray("layers");
        ArrayNode ts = o.putArray("tables");
        for (MapLayer l : layers) {
            (l.type() == LayerType.TABLE ? ts : ls).add(l.json(maxRecordCount));
        }
        if (spatialReference != null) {
            o.set("spatialReference", GPValueCodec.writeSpatialReference(spatialReference));
        }
        o.put("singleFusedMapCache", false);
        if (fullExtent != null) {
            Envelope e = new Envelope(fullExtent.xmin(), fullExtent.ymin(), fullExtent.xmax(), fullExtent.ymax(),
                    spatialReference);
            o.set("initialExtent", GPValueCodec.writeGeometry(e));
            o.set("fullExtent", GPValueCodec.writeGeometry(e));
        }
        timeExtent().ifPresent(t -> o.set("timeInfo", MapLayer.timeInfo(null, t)));
        o.put("units", units());
        o.put("supportedImageFormatTypes", "PNG");
        o.put("capabilities", "Map,Query,Data");
        o.put("maxRecordCount", maxRecordCount);
        o.put("maxImageHeight", ExportRequest.MAX_SIZE);
        o.put("maxImageWidth", ExportRequest.MAX_SIZE);
        return o;
    }

    /** The union of the time extents of the time-aware layers, or empty when none is. */
    public Optional<TimeExtent> timeExtent() {
        Instant start = null;
        Instant end = null;
        for (MapLayer l : layers) {
            TimeExtent t = l.timeExtent();
            if (t != null) {
                start = start == null || t.start().isBefore(start) ? t.start() : start;
                end = end == null || t.end().isAfter(end) ? t.end() : end;
            }
        }
        return start == null ? Optional.empty() : Optional.of(new TimeExtent(start, end));
    }

    private String units() {
        if (spatialReference == null) {
            return "esriUnknownUnits";
        }
        Integer wkid = spatialReference.latestWkid() != null ? spatialReference.latestWkid() : spatialReference.wkid();
        if (wkid != null && (wkid == 4326 || wkid == 4258 || wkid == 4269)) {
            return "esriDecimalDegrees";
        }
        return wkid != null && (wkid == 3857 || wkid == 102100 || (wkid >= 32601 && wkid <= 32760))
                ? "esriMeters" : "esriUnknownUnits";
    }
}
