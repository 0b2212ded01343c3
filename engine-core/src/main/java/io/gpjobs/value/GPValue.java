package io.gpjobs.value;

/**
 * A GP parameter value: one record per data type of the GP REST contract. Read and written as wire JSON by
 * {@link GPValueCodec}.
 *
 * <p>(Skeleton: the values issue makes this a sealed family of records.)
 */
public interface GPValue {
    /** The data type of this value as reported on the wire. */
    GPDataType dataType();
}
