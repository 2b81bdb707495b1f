/**
 * A run as data and as files: the record ({@code jobs.json}), the attempts, the poll samples, the
 * timeline CSV and the {@code runs/} directory that holds them. May use {@code batchlab.aws} (only for
 * {@code SubmitException}) and {@code batchlab.util}; never the analysis, the watcher or the submitter.
 */
package batchlab.run;
