/**
 * The whole experiment in one command: per max vCPU value, deploy (or start the emulator), fan out,
 * watch, then report. Composes the wings: may use infra, local, the client side, report, batch, util.
 */
package batchlab.experiment;
