package batchlab.submit;

/**
 * What a fan-out did.
 *
 * @param submitted jobs created by this fan-out's SubmitJob calls
 * @param adopted jobs found already on the server by name (resume, or after an ambiguous failure)
 * @param throttled SubmitJob calls refused with 429 and retried
 * @param ambiguous SubmitJob calls that failed without telling whether the job was created
 */
public record FanOutStats(int submitted, int adopted, int throttled, int ambiguous) {}
