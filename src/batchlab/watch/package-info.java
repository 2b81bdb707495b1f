/**
 * Watching a submitted run: polls its jobs, the queue's compute environments and their instances,
 * builds the timeline and hands it to the analysis. A sibling of {@code batchlab.submit} (neither
 * imports the other): may use {@code batchlab.analysis}, {@code batchlab.run}, {@code batchlab.aws},
 * {@code batchlab.batch} and {@code batchlab.util}.
 */
package batchlab.watch;
