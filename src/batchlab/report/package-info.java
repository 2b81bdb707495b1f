/**
 * The experiment's report: comparison table, charts, HTML, Markdown and summary.json, from the run data
 * the client side records. Uses the client side's run data, batch and util; not infra, local or cli.
 */
package batchlab.report;
