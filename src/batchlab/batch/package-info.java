/**
 * AWS Batch facts and the lab's contract, shared by every part: instance types, allocation strategies,
 * AWS name patterns, Batch limits, the stack name and job parameter the parts agree on, and what a stack
 * update does to each Batch resource ({@link batchlab.batch.UpdateRules}, {@link batchlab.batch.TemplateDiff},
 * on plain Jackson trees). Uses only util (and Jackson).
 */
package batchlab.batch;
