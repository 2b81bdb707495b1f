/**
 * The benchmarks behind {@code batch-lab bench}: emulator, submit and synth, which print figures
 * (performance is never asserted in tests). Bench may use every package; nothing but cli imports it.
 */
package batchlab.bench;
