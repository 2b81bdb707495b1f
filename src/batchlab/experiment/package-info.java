/**
 * The whole experiment in one command: per max vCPU value, deploy (or start the emulator), fan out,
 * watch, then report. Composes the wings: may use infra, local, the client side, plan (its
 * cost model and predictions: one cost model for plan and the experiment), report, batch, util.
 */
package batchlab.experiment;
