package batchlab.experiment;

import batchlab.infra.ContextKey;
import batchlab.util.BadInputException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code ./batch-lab experiment --scenario} runs. {@link #ARTICLE} is the article's two runs; the
 * others are one run each on a stack with more than one queue or with a fair-share policy, and each
 * states up front what it expects and checks it ({@link ScenarioCheck}).
 */
public enum Scenario {

  /** The article: each --max-vcpus value in turn, one queue. */
  ARTICLE("article", 0, 10, Map.of()),

  /**
   * Two FIFO queues on one compute environment of maxVcpus 4: the jobs of the default queue (priority 1)
   * first, {@link #HIGH_DELAY} later as many into {@link #HIGH_QUEUE} (priority 10).
   */
  PRIORITY("priority", 4, 10, Map.of(ContextKey.QUEUES.key(), "high:10")),

  /**
   * One fair-share queue with the shares teamA (weight 1) and teamB (weight 0.5), both submitted
   * together, on maxVcpus 12: six 2-vCPU slots, so the expected 2:1 is expressible as 4:2 slots.
   * shareDecaySeconds 0 (only current usage counts, as FairsharePolicy documents) makes each
   * dispatch split the free slots by the weights alone, whatever ran before.
   */
  FAIR_SHARE("fair-share", 12, 20, Map.of(
      ContextKey.FAIR_SHARE.key(), "true",
      ContextKey.SHARES.key(), "teamA:1,teamB:0.5",
      ContextKey.SHARE_DECAY_SECONDS.key(), "0"));

  /** The extra queue of the priority scenario, as {@code -c queues} names it. */
  public static final String HIGH_QUEUE = "high";
  /** How long after the low-priority jobs the high-priority ones are submitted. */
  public static final Duration HIGH_DELAY = Duration.ofMinutes(1);
  /** The fair-share scenario's shares, in the order they are submitted; the second weighs half the first. */
  public static final List<String> SHARES = List.of("teamA", "teamB");
  /**
   * The share arriving late in the fair-share scenario's second phase. It is not in the policy's share
   * list, so it has the default weight factor 1 (FairsharePolicy shareDistribution).
   */
  public static final String LATE_SHARE = "teamC";
  /** How many jobs the late share submits: a few, enough for its first start to be the question. */
  public static final int LATE_JOBS = 3;
  /**
   * What the fair-share scenario's second phase changes on the stack: computeReservation 50 holds back
   * (50/100)^2 = 25 % of maxvCpus while two shares are active, room for a third one arriving late.
   */
  public static final Map<String, String> RESERVATION_CONTEXT = Map.of(ContextKey.COMPUTE_RESERVATION.key(), "50");
  /**
   * The job definition's scheduling priority in the fair-share scenario when -c schedulingPriority is
   * not given: AWS refuses a fair-share job without one (SubmitJob), and one value for every job keeps
   * the order within a share FIFO.
   */
  static final String DEFAULT_SCHEDULING_PRIORITY = "1";

  private final String cliName;
  private final int maxVcpus;
  private final int defaultJobs;
  private final Map<String, String> context;

  Scenario(String cliName, int maxVcpus, int defaultJobs, Map<String, String> context) {
    this.cliName = cliName;
    this.maxVcpus = maxVcpus;
    this.defaultJobs = defaultJobs;
    this.context = context;
  }

  public String cliName() {
    return cliName;
  }

  /** The compute environment's maxvCpus the scenario runs with (the article: --max-vcpus). */
  public int maxVcpus() {
    return maxVcpus;
  }

  /** Jobs per queue (priority) or per share (fair-share) when --jobs is not given. */
  public int defaultJobs() {
    return defaultJobs;
  }

  /** The context keys the scenario sets; the user may not set them too. */
  public Map<String, String> context() {
    return context;
  }

  /** The keys a second phase swaps the stack to after the first (fair-share: computeReservation); else empty. */
  public Map<String, String> phaseTwoContext() {
    return this == FAIR_SHARE ? RESERVATION_CONTEXT : Map.of();
  }

  /** The user's context with the scenario's keys (refusing the ones the scenario sets). */
  Map<String, String> contextWith(Map<String, String> user) {
    Map<String, String> owned = new LinkedHashMap<>(context);
    owned.putAll(phaseTwoContext());
    for (String key : owned.keySet()) {
      if (user.containsKey(key)) {
        throw new BadInputException("-c " + key + "=" + user.get(key) + " is set by --scenario " + cliName
            + " (" + key + "=" + owned.get(key) + "); leave it out or use --scenario article");
      }
    }
    Map<String, String> merged = new LinkedHashMap<>(user);
    merged.putAll(context);
    if (this == FAIR_SHARE) {
      merged.putIfAbsent(ContextKey.SCHEDULING_PRIORITY.key(), DEFAULT_SCHEDULING_PRIORITY);
    }
    return merged;
  }

  /** The scenario with this {@code --scenario} name. */
  public static Scenario parse(String text) {
    for (Scenario s : values()) {
      if (s.cliName.equals(text)) {
        return s;
      }
    }
    throw new BadInputException("--scenario " + text + " is not known; use one of "
        + Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", ")));
  }
}
