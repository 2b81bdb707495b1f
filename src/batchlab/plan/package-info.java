/**
 * The planner ({@code ./batch-lab plan}): runs a grid of compute-environment configurations
 * (maxvCpus x instance-type sets x allocation strategies x purchase options) for one workload on the
 * emulator's own scheduler ({@link batchlab.local.TwinRun}, in-process on the manual clock), measures
 * each run, prices it with the catalogue's prices ({@link batchlab.batch.InstancePrices}) and picks the
 * Pareto front and the configurations that meet a deadline or a budget. A composing package like
 * {@code experiment}: it uses local, infra (the stack's context defaults), batch, report and util.
 */
package batchlab.plan;
