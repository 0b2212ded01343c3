/**
 * The host API of gpjobs: build a {@link io.gpjobs.GPEngine} with {@link io.gpjobs.GPService}s, run tasks with
 * {@code execute} (synchronous) or {@code submitJob} (asynchronous), and read jobs, results and inputs as
 * {@link io.gpjobs.JobInfo} and {@link io.gpjobs.ParameterValue}; {@link io.gpjobs.GPJson} renders them as the JSON
 * of the GP REST contract. Errors are {@link io.gpjobs.GPException}s carrying the GP error envelope.
 */
package io.gpjobs;
