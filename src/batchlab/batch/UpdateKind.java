package batchlab.batch;

/**
 * What a stack update does to one resource, in Batch terms, from harmless to fatal. The rules that
 * pick one are in {@link UpdateRules}; {@link TemplateDiff} applies them to two templates.
 */
public enum UpdateKind {
  /** A plain CloudFormation change of a resource that is not a Batch one (log retention, IAM, VPC). */
  CLOUDFORMATION(false, false),
  /** Updated in place with no interruption (queue priority, state, time-limit actions, UpdatePolicy). */
  IN_PLACE(false, false),
  /** A compute environment scaling update: min/max/desired vCPUs, state, service role. */
  SCALING(false, false),
  /** A job definition change: a new revision is registered and the old one deregistered. */
  NEW_REVISION(false, false),
  /** A resource the new template adds. */
  ADDED(false, false),
  /** Instances replaced as they drain (the compute environment goes UPDATING). */
  INFRASTRUCTURE(true, false),
  /** A new resource with a new name; the old one is deleted once the stack points at the new one. */
  REPLACEMENT(true, false),
  /** A resource the new template drops: it is deleted. */
  REMOVED(true, false),
  /** The update fails and CloudFormation rolls the stack back. */
  FAILURE(false, true);

  private final boolean interruptsRunningWork;
  private final boolean fails;

  UpdateKind(boolean interruptsRunningWork, boolean fails) {
    this.interruptsRunningWork = interruptsRunningWork;
    this.fails = fails;
  }

  /**
   * Whether running jobs may be stopped: instances replaced (after the UpdatePolicy's timeout, or at
   * once), or a compute environment or queue deleted with its jobs.
   */
  public boolean interruptsRunningWork() {
    return interruptsRunningWork;
  }

  public boolean fails() {
    return fails;
  }

  /** Lower case with spaces, as printed ("new revision"). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
