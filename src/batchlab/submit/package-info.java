/**
 * Submitting a run exactly once: the preflight, the fan-out with its journal and rate limit, and
 * resume by name. A sibling of {@code batchlab.watch} (neither imports the other): may use {@code
 * batchlab.analysis}, {@code batchlab.run}, {@code batchlab.aws}, {@code batchlab.batch} and {@code
 * batchlab.util}; never {@code batchlab.local} or {@code batchlab.infra}.
 */
package batchlab.submit;
