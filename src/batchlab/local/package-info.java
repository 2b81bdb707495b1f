/**
 * The local AWS Batch emulator: an in-process, AWS-API-compatible twin of the Batch control plane
 * (with the ECS and CloudFormation calls a client needs), configured from a CloudFormation template.
 * It uses only {@code batchlab.batch} (AWS Batch facts) and {@code batchlab.util}; what the lab's jobs
 * do comes in as a {@link batchlab.local.WorkloadModel}.
 */
package batchlab.local;
