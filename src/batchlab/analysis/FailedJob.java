package batchlab.analysis;

/**
 * A job that ended FAILED, with what explains it: the status reason and the log stream of its last
 * attempt (null when it never ran, e.g. cancelled while RUNNABLE).
 */
public record FailedJob(String name, String id, String statusReason, Integer exitCode, String logStream) {}
