package batchlab.plan;

/**
 * The queue length over time as steps: from {@code times[k]} (seconds from the first submit) on,
 * {@code lengths[k]} attempts wait for an instance.
 */
public record QueueSteps(double[] times, int[] lengths) {}
