package io.gpjobs.map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpjobs.value.FieldType;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GPValueCodec;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.SpatialReference;
import java.util.List;
import java.util.Objects;

/**
 * The description of one layer (or table) of a result map: the map service layer resource.
 *
 * @param id               the layer id: the position among the job's geodata outputs, in output-parameter order
 * @param name             the output parameter's name
 * @param description      the output parameter's display name
 * @param type             feature layer, raster layer or table
 * @param geometryType     the geometry type of a feature layer (null for one given by reference), else null
 * @param spatialReference the spatial reference, or null when unknown (always null for a table)
 * @param fields           the fields (the object-id field first); empty for a raster layer
 * @param objectIdField    the object-id field of a feature layer or table, else null
 * @param extent           the extent of the data, or null when there is none (a table, an empty feature set)
 * @param timeField        the date field of a time-aware layer, else null
 * @param timeExtent       the first and last time of a time-aware layer, else null
 * @param count            how many features or rows it has (0 for a raster layer)
 */
public record MapLayer(int id, String name, String description, LayerType type, GeometryType geometryType,
                       SpatialReference spatialReference, List<GPField> fields, String objectIdField, Envelope extent,
                       String timeField, TimeExtent timeExtent, int count) {

    /** @throws IllegalArgumentException when the id is negative */
    public MapLayer {
        if (id < 0) {
            throw new IllegalArgumentException("layer id must be >= 0, got " + id);
        }
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(type, "type");
        fields = List.copyOf(fields);
    }

    /** Whether the layer is time-aware. */
    public boolean isTimeAware() {
        return timeField != null;
    }

    /** The layer resource JSON ({@code …/MapServer/jobs/<jobId>/<id>}). */
    public ObjectNode json(int maxRecordCount) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("id", id);
        o.put("name", name);
        o.put("type", type.wireName());
        o.put("description", description);
        if (geometryType != null) {
            o.put("geometryType", geometryType.wireName());
        }
        o.put("parentLayerId", -1);
        o.putNull("subLayers");
        o.put("defaultVisibility", type != LayerType.TABLE);
        o.put("minScale", 0);
        o.put("maxScale", 0);
        if (extent != null) {
            o.set("extent", GPValueCodec.writeGeometry(new Envelope(extent.xmin(), extent.ymin(), extent.xmax(),
                    extent.ymax(), spatialReference)));
        }
        if (spatialReference != null) {
            o.set("sourceSpatialReference", GPValueCodec.writeSpatialReference(spatialReference));
        }
        if (type == LayerType.RASTER_LAYER) {
            o.putNull("fields");
        } else {
            ArrayNode a = o.putArray("fields");
            fields.forEach(fd -> a.add(GPValueCodec.write(fd)));
            o.put("objectIdField", objectIdField);
            o.put("displayField", displayField());
        }
        if (timeField != null) {
            o.set("timeInfo", timeInfo(timeField, timeExtent));
        }
        o.put("hasAttachments", false);
        o.put("maxRecordCount", maxRecordCount);
        o.put("supportedQueryFormats", "JSON");
        o.put("capabilities", type == LayerType.RASTER_LAYER ? "Map" : type == LayerType.TABLE ? "Query,Data"
                : "Map,Query,Data");
        return o;
    }

    /** The field identify shows as a feature's value: the first string field, else the object-id field, else "". */
    public String displayField() {
        for (GPField fd : fields) {
            if (fd.type() == FieldType.STRING) {
                return fd.name();
            }
        }
        return objectIdField == null ? "" : objectIdField;
    }

    static ObjectNode timeInfo(String field, TimeExtent extent) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        if (field != null) {
            t.put("startTimeField", field);
            t.putNull("endTimeField");
            t.putNull("trackIdField");
        }
        ArrayNode ext = t.putArray("timeExtent");
        if (extent != null) {
            ext.add(extent.start().toEpochMilli());
            ext.add(extent.end().toEpochMilli());
        }
        t.putNull("timeReference");
        t.put("timeInterval", 0);
        t.put("timeIntervalUnits", "esriTimeUnitsUnknown");
        t.put("hasLiveData", false);
        return t;
    }
}
