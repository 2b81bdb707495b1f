/**
 * The picocli commands of {@code ./batch-lab} and how every command ends ({@link batchlab.cli.ExitCodes}).
 * Composes every part, and is the only package that uses bench.
 */
package batchlab.cli;
