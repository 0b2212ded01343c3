package io.gpjobs.samples;

import io.gpjobs.spi.TaskContext;
import io.gpjobs.value.GPFeatureRecordSetLayer;
import io.gpjobs.value.GPField;
import io.gpjobs.value.GeometryType;
import io.gpjobs.value.SpatialReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;

/**
 * A feature set input read for processing: the value, its features' JTS geometries (null where a feature has none)
 * and how its coordinates are measured.
 *
 * @param parameter  the parameter it came from
 * @param layer      the value
 * @param geometries one JTS geometry per feature, null for features without geometry
 * @param kind       how the coordinates are measured
 */
record FeatureInputs(String parameter, GPFeatureRecordSetLayer layer, List<Geometry> geometries,
                     CoordinateSystemKind kind) {

    FeatureInputs {
        geometries = java.util.Collections.unmodifiableList(new ArrayList<>(geometries));
    }

    /**
     * Reads the feature set input {@code parameter}.
     *
     * @throws IllegalArgumentException naming the parameter when it is a layer reference rather than features, or
     *                                  its geometry type is not one of {@code allowed}
     */
    static FeatureInputs read(TaskContext context, String parameter, Set<GeometryType> allowed) {
        GPFeatureRecordSetLayer layer = context.input(parameter, GPFeatureRecordSetLayer.class);
        if (layer.reference() != null) {
            throw new IllegalArgumentException("parameter '" + parameter + "': layer references (" + describe(layer)
                    + ") are not supported by this tool; send the features as a feature set");
        }
        if (!allowed.contains(layer.geometryType())) {
            throw new IllegalArgumentException("parameter '" + parameter + "' must hold "
                    + allowed.stream().map(GeometryType::wireName).sorted().collect(Collectors.joining(" or "))
                    + " features, got " + layer.geometryType().wireName());
        }
        List<Geometry> geometries = new ArrayList<>(layer.features().size());
        for (var f : layer.features()) {
            geometries.add(EsriGeometries.toJts(f.geometry()));
        }
        SpatialReference sr = layer.spatialReference();
        CoordinateSystemKind kind = sr == null ? CoordinateSystemKind.UNKNOWN
                : CoordinateSystemKind.of(sr.wkid() != null ? sr.wkid() : sr.latestWkid(), sr.wkt());
        if (kind == CoordinateSystemKind.GEOGRAPHIC && !fitsLongitudeLatitude(geometries)) {
            // The wkid range is a heuristic (a few codes in it are projected); the coordinates decide.
            context.warning("parameter '" + parameter + "': coordinates exceed longitude/latitude bounds, so wkid "
                    + (sr.wkid() != null ? sr.wkid() : sr.latestWkid()) + " is treated as a projected system in "
                    + "meters.");
            kind = CoordinateSystemKind.PROJECTED;
        }
        return new FeatureInputs(parameter, layer, geometries, kind);
    }

    private static boolean fitsLongitudeLatitude(List<Geometry> geometries) {
        org.locationtech.jts.geom.Envelope all = new org.locationtech.jts.geom.Envelope();
        for (Geometry g : geometries) {
            if (g != null) {
                all.expandToInclude(g.getEnvelopeInternal());
            }
        }
        return all.isNull() || (all.getMinX() >= -540 && all.getMaxX() <= 540 && all.getMinY() >= -90
                && all.getMaxY() <= 90);
    }

    private static String describe(GPFeatureRecordSetLayer layer) {
        var ref = layer.reference();
        return ref.url() != null ? "url " + ref.url() : "itemID " + ref.itemID();
    }

    /** The spatial reference, or null. */
    SpatialReference spatialReference() {
        return layer.spatialReference();
    }

    /** The wkid to report and compare: latestWkid when given, else wkid; null when there is none. */
    Integer wkid() {
        SpatialReference sr = layer.spatialReference();
        if (sr == null) {
            return null;
        }
        return sr.latestWkid() != null ? sr.latestWkid() : sr.wkid();
    }

    /** Meters per coordinate unit for projected and unknown systems. */
    double metersPerUnit() {
        SpatialReference sr = layer.spatialReference();
        return sr == null ? 1.0 : CoordinateSystemKind.metersPerUnit(sr.wkt());
    }

    /** A human description of the spatial reference, for messages. */
    String describeSpatialReference() {
        SpatialReference sr = layer.spatialReference();
        if (sr == null) {
            return "no spatial reference";
        }
        return wkid() != null ? "wkid " + wkid() : "a WKT spatial reference";
    }

    /** The field of the input whose name is {@code name} (ignoring case), or null. */
    GPField field(String name) {
        for (GPField f : layer.fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** Whether a feature set has features. */
    boolean isEmpty() {
        return layer.features().isEmpty();
    }

    /** The same spatial reference as {@code other}: both absent, or the same wkid, or the same WKT. */
    boolean sameSpatialReference(FeatureInputs other) {
        SpatialReference a = spatialReference();
        SpatialReference b = other.spatialReference();
        if (a == null || b == null) {
            return a == b;
        }
        if (wkid() != null && other.wkid() != null) {
            return wkid().equals(other.wkid()) || (kind == CoordinateSystemKind.WEB_MERCATOR
                    && other.kind == CoordinateSystemKind.WEB_MERCATOR);
        }
        return a.wkt() != null && a.wkt().equals(b.wkt());
    }
}
