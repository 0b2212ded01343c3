package io.gpjobs.value;

import java.util.List;
import java.util.Objects;

/**
 * A {@code GPFeatureRecordSetLayer} value: an Esri JSON feature set, inline
 * {@code {"geometryType":…,"spatialReference":…,"fields":[…],"features":[…],"exceededTransferLimit":false}},
 * or a layer given by reference {@code {"url":"…/FeatureServer/0","filter":"…","time":…}}.
 *
 * @param geometryType          the geometry type of every feature; null only for a reference
 * @param spatialReference      the spatial reference of every geometry, or null when unknown
 * @param hasZ                  whether geometries carry z
 * @param hasM                  whether geometries carry m
 * @param fields                the fields; empty for a reference
 * @param features              the features; empty for a reference
 * @param exceededTransferLimit whether features were left out because of the record limit
 * @param reference             the layer reference, or null for an inline feature set
 */
public record GPFeatureRecordSetLayer(GeometryType geometryType, SpatialReference spatialReference, boolean hasZ,
                                      boolean hasM, List<GPField> fields, List<Feature> features,
                                      boolean exceededTransferLimit, LayerReference reference) implements GPValue {

    /**
     * Creates the value, checking and copying its components.
     *
     * @throws IllegalArgumentException when a feature's geometry is not of the geometry type, or a reference also
     *                                  has inline content
     */
    public GPFeatureRecordSetLayer {
        fields = List.copyOf(fields);
        features = List.copyOf(features);
        if (reference != null) {
            if (geometryType != null || spatialReference != null || hasZ || hasM || !fields.isEmpty()
                    || !features.isEmpty() || exceededTransferLimit) {
                throw new IllegalArgumentException("GPFeatureRecordSetLayer: a reference cannot also have a schema "
                        + "or features");
            }
        } else {
            Objects.requireNonNull(geometryType, "geometryType");
            for (int i = 0; i < features.size(); i++) {
                Geometry g = features.get(i).geometry();
                if (g != null && g.type() != geometryType) {
                    throw new IllegalArgumentException("GPFeatureRecordSetLayer: feature " + i + " has a "
                            + g.type().wireName() + " geometry in a " + geometryType.wireName() + " feature set");
                }
            }
        }
    }

    /** An inline feature set without z or m. */
    public static GPFeatureRecordSetLayer of(GeometryType geometryType, SpatialReference spatialReference,
                                             List<GPField> fields, List<Feature> features) {
        return new GPFeatureRecordSetLayer(geometryType, spatialReference, false, false, fields, features, false, null);
    }

    /** A feature set given by reference. */
    public static GPFeatureRecordSetLayer ofReference(LayerReference reference) {
        return new GPFeatureRecordSetLayer(null, null, false, false, List.of(), List.of(), false,
                Objects.requireNonNull(reference, "reference"));
    }

    /** This feature set with other features and the same schema. */
    public GPFeatureRecordSetLayer withFeatures(List<Feature> newFeatures, boolean exceeded) {
        return new GPFeatureRecordSetLayer(geometryType, spatialReference, hasZ, hasM, fields, newFeatures, exceeded,
                reference);
    }

    /**
     * This feature set with z and m values kept only where asked; outputs are returned that way unless the
     * request sets {@code returnZ} or {@code returnM}. A reference is returned as is.
     *
     * @param keepZ whether to keep z values
     * @param keepM whether to keep m values
     */
    public GPFeatureRecordSetLayer withZM(boolean keepZ, boolean keepM) {
        if (reference != null || ((keepZ || !hasZ) && (keepM || !hasM))) {
            return this;
        }
        List<Feature> out = features.stream().map(f -> new Feature(
                f.geometry() == null ? null : f.geometry().withZM(keepZ, keepM), f.attributes())).toList();
        return new GPFeatureRecordSetLayer(geometryType, spatialReference, hasZ && keepZ, hasM && keepM, fields, out,
                exceededTransferLimit, null);
    }

    @Override
    public GPDataType dataType() {
        return GPDataType.FEATURE_RECORD_SET_LAYER;
    }
}
