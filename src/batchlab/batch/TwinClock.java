package batchlab.batch;

/**
 * How the emulator tells a client its virtual time: every answer it serves carries this header, the
 * instant the request was served on the emulator's clock, ISO-8601. Its job timestamps are on that clock,
 * while its HTTP Date header is real time, so a watcher that pairs its polls with job timestamps reads
 * this header when there is one. AWS never sends it (its Date header is its clock).
 */
public final class TwinClock {

  /** The response header with the emulator's virtual time, e.g. {@code 2026-12-01T16:20:26.611Z}. */
  public static final String HEADER = "x-batchlab-virtual-time";

  private TwinClock() {}
}
