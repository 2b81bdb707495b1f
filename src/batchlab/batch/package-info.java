/**
 * AWS Batch facts and the lab's contract, shared by every part: instance types, allocation strategies,
 * AWS name patterns, Batch limits, the stack name and job parameter the parts agree on. Uses only util.
 */
package batchlab.batch;
