package io.gpjobs.value;

/**
 * A parameter filter of the GP contract: range, featureClass, file or field.
 *
 * <p>(Skeleton: the values issue makes this a sealed family of records.)
 */
public interface ParameterFilter {
}
