/**
 * What a run's attempts and samples mean: the summary (waves, waits, makespan, failed jobs), the
 * prediction from the compute environments' settings, the verdict and the summary's text. Pure
 * computation: may use {@code batchlab.run} and {@code batchlab.batch}; no AWS calls.
 */
package batchlab.analysis;
