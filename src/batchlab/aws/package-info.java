/**
 * Talking to AWS (or the emulator) through the SDK: clients, endpoints, region and credentials, retries
 * with backoff, the SubmitJob rate limit, paging, stack outputs, what a queue and its compute
 * environments are, AWS error translation and the stop signal. The bottom of the client wing: knows
 * nothing of runs, uses only {@code batchlab.batch} and {@code batchlab.util}.
 */
package batchlab.aws;
