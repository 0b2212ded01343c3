package io.gpjobs.value;

/**
 * A GP parameter value: one immutable record per data type of the GP REST contract. Read and written as wire
 * JSON by {@link GPValueCodec}.
 *
 * <p>A {@code GPComposite} parameter has no record of its own: its value is always one of its member types, and
 * is reported as that type. All implementations are immutable and thread-safe.
 */
public sealed interface GPValue
        permits GPString, GPLong, GPDouble, GPBoolean, GPDate, GPLinearUnit, GPArealUnit, GPDataFile, GPRasterDataLayer,
        GPRecordSet, GPFeatureRecordSetLayer, GPField, GPMultiValue, GPValueTable {

    /** The data type of this value as reported on the wire; never null. */
    GPDataType dataType();
}
