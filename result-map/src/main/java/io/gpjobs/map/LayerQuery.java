package io.gpjobs.map;

import io.gpjobs.map.internal.RestParams;
import io.gpjobs.value.Geometry.Envelope;
import io.gpjobs.value.SpatialReference;
import java.util.List;

/**
 * A query of one result map layer, the parameters of the layer's {@code query} operation. Build with
 * {@link #builder()}; {@link #all()} returns every field and geometry of the first page.
 *
 * @param where             the where clause (SQL subset, see {@link ResultMapService#query}), or null for all rows
 * @param envelope          only features whose geometry intersects this envelope, or null; in the layer's spatial
 *                          reference unless it has its own (any two EPSG or ESRI wkids convert, see {@link Reprojection})
 * @param outFields         the fields to return; null or {@code ["*"]} for all (the object-id field is always returned)
 * @param returnGeometry    whether features carry their geometry
 * @param resultOffset      how many matching rows to skip
 * @param resultRecordCount how many rows to return at most, or null for the service's {@code maximumRecords}
 *                          (larger values are capped at it)
 * @param time              a time filter for time-aware layers, or null
 * @param returnCountOnly   whether to return only {@code {"count":n}}
 * @param outSpatialReference the spatial reference of returned geometries, or null for the layer's (WGS 84 and Web
 *                          Mercator convert to each other)
 */
public record LayerQuery(String where, Envelope envelope, List<String> outFields, boolean returnGeometry,
                         int resultOffset, Integer resultRecordCount, TimeExtent time, boolean returnCountOnly,
                         SpatialReference outSpatialReference) {

    /** @throws IllegalArgumentException when the offset is negative or the record count below 1 */
    public LayerQuery {
        outFields = outFields == null ? null : List.copyOf(outFields);
        if (resultOffset < 0) {
            throw new IllegalArgumentException("resultOffset must be >= 0, got " + resultOffset);
        }
        if (resultRecordCount != null && resultRecordCount < 1) {
            throw new IllegalArgumentException("resultRecordCount must be >= 1, got " + resultRecordCount);
        }
    }

    /** Every field and geometry, first page. */
    public static LayerQuery all() {
        return builder().build();
    }

    /**
     * Reads the REST parameters of a layer's {@code query} operation: {@code where}, {@code geometry}
     * ({@code xmin,ymin,xmax,ymax} or envelope JSON; {@code geometryType} must be {@code esriGeometryEnvelope} when
     * given), {@code inSR}, {@code outFields} ({@code *} or a comma-separated list), {@code returnGeometry},
     * {@code resultOffset}, {@code resultRecordCount}, {@code time} ({@code start,end} in epoch milliseconds, {@code null}
     * for an open end), {@code returnCountOnly} and {@code outSR}. Other parameters (such as {@code f}) are ignored.
     *
     * @throws io.gpjobs.InvalidInputException naming the parameter and the value when one is malformed
     */
    public static LayerQuery fromRequest(java.util.Map<String, String> params) {
        java.util.Objects.requireNonNull(params, "params");
        String gt = RestParams.get(params, "geometryType");
        if (gt != null && !gt.equals("esriGeometryEnvelope")) {
            throw RestParams.bad("geometryType", gt, "esriGeometryEnvelope (result map queries filter by envelope)");
        }
        Builder b = builder().where(RestParams.get(params, "where"))
                .envelope(RestParams.envelope(params, "geometry", RestParams.spatialReference(params, "inSR")))
                .outFields(RestParams.list(params, "outFields"))
                .returnGeometry(RestParams.bool(params, "returnGeometry", true))
                .time(RestParams.time(params, "time"))
                .returnCountOnly(RestParams.bool(params, "returnCountOnly", false))
                .outSpatialReference(RestParams.spatialReference(params, "outSR"));
        Integer offset = RestParams.integer(params, "resultOffset", 0);
        Integer count = RestParams.integer(params, "resultRecordCount", null);
        if (offset < 0) {
            throw RestParams.bad("resultOffset", String.valueOf(offset), "a number >= 0");
        }
        b.resultOffset(offset);
        if (count != null) {
            if (count < 1) {
                throw RestParams.bad("resultRecordCount", String.valueOf(count), "a number >= 1");
            }
            b.resultRecordCount(count);
        }
        return b.build();
    }

    /** A builder with the defaults: no filter, all fields, geometry returned, first page. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LayerQuery}; each setter checks its argument. Not thread-safe. */
    public static final class Builder {
        private String where;
        private Envelope envelope;
        private List<String> outFields;
        private boolean returnGeometry = true;
        private int resultOffset;
        private Integer resultRecordCount;
        private TimeExtent time;
        private boolean returnCountOnly;
        private SpatialReference outSpatialReference;

        private Builder() {
        }

        /** The where clause, e.g. {@code POP > 1000 AND NAME LIKE 'Os%'}; null or blank for all rows. */
        public Builder where(String clause) {
            this.where = clause;
            return this;
        }

        /** Keeps features intersecting {@code env} (null for no spatial filter). */
        public Builder envelope(Envelope env) {
            this.envelope = env;
            return this;
        }

        /** The fields to return (null or {@code "*"} for all). */
        public Builder outFields(List<String> fields) {
            this.outFields = fields;
            return this;
        }

        /** The fields to return (null or {@code "*"} for all). */
        public Builder outFields(String... fields) {
            this.outFields = fields == null ? null : List.of(fields);
            return this;
        }

        /** Whether features carry geometry (default true). */
        public Builder returnGeometry(boolean on) {
            this.returnGeometry = on;
            return this;
        }

        /** Rows to skip. @throws IllegalArgumentException when negative */
        public Builder resultOffset(int offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("resultOffset must be >= 0, got " + offset);
            }
            this.resultOffset = offset;
            return this;
        }

        /** Most rows to return (capped at maximumRecords). @throws IllegalArgumentException when below 1 */
        public Builder resultRecordCount(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("resultRecordCount must be >= 1, got " + count);
            }
            this.resultRecordCount = count;
            return this;
        }

        /** A time filter (null for none). */
        public Builder time(TimeExtent t) {
            this.time = t;
            return this;
        }

        /** Whether to return only the count of matching rows. */
        public Builder returnCountOnly(boolean on) {
            this.returnCountOnly = on;
            return this;
        }

        /** The spatial reference of returned geometries (null for the layer's). */
        public Builder outSpatialReference(SpatialReference sr) {
            this.outSpatialReference = sr;
            return this;
        }

        /** The query. */
        public LayerQuery build() {
            return new LayerQuery(where, envelope, outFields, returnGeometry, resultOffset, resultRecordCount, time,
                    returnCountOnly, outSpatialReference);
        }
    }
}
