package dev.rung.job.driver;

import dev.rung.job.exec.DispatchEvent;
import dev.rung.job.exec.ExecutorOutcome;
import dev.rung.job.exec.SegmentResult;
import dev.rung.job.exec.SegmentTask;
import dev.rung.job.exec.WorkDispatcher;
import dev.rung.job.tables.Fence;
import dev.rung.job.tables.SegmentOutcome;
import dev.rung.job.tables.WriteGuard;
import dev.rung.pruners.AshaScheduler;
import dev.rung.pruners.FrozenPruner;
import dev.rung.pruners.RungAttrs;
import dev.rung.space.SearchSpace;
import dev.rung.study.FrozenTrial;
import dev.rung.study.History;
import dev.rung.study.Study;
import dev.rung.study.Trial;
import dev.rung.study.TrialState;
import dev.rung.training.loop.EpochMetrics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The driver's loop: keeps every slot busy, asynchronously. Whenever a slot is free it first
 * promotes a paused trial that the ASHA rule puts in the top 1/eta of its rung, else starts a new
 * trial sampled from the study's sampler (with the running ones as constant lies) in the bracket
 * the scheduler assigns. Each piece of work is a segment (epochs from..to of one trial) that
 * continues from the trial's checkpoint, so no epoch is trained twice.
 *
 * <p>Without rungs (pruner none, median, percentile, threshold or patient) each trial is one
 * segment of all epochs; the sweep's pruner then decides inside the segment, after every epoch,
 * frozen against the study as it was when the segment was sent.
 *
 * @apiNote Single-threaded: all state changes happen on the thread that calls {@link #run}.
 */
public final class SweepDriver {
  private static final System.Logger LOG = System.getLogger(SweepDriver.class.getName());

  /**
   * User attribute of a trial stopped at a rung because a constraint on a metric fixed by its
   * architecture is violated: why.
   */
  public static final String INFEASIBLE = "infeasible";

  private final Study study;
  private final SearchSpace space;
  private final SweepPolicy policy;
  private final WorkDispatcher dispatcher;
  private final SweepSink sink;
  private final Progress progress;
  private final SegmentPlan plan;
  private final long seed;

  private final Map<String, SegmentTask> inFlight = new LinkedHashMap<>();
  private final Map<String, String> batchOf = new HashMap<>();
  private final Map<String, Long> startedAt = new HashMap<>();
  private final Set<String> seen = new HashSet<>();
  private final Set<String> cancelled = new HashSet<>();
  private final Map<Integer, Integer> retriesUsed = new HashMap<>();
  private final DriverStats stats = new DriverStats();
  private final List<Paused> pausedNow = new ArrayList<>();

  /** A segment that ended at a rung below the last, recorded once the next fill has decided. */
  private record Paused(SegmentTask task, SegmentResult result) {}

  private final ArrayDeque<SegmentTask> toResume = new ArrayDeque<>();
  private final Set<Integer> promotedNow = new HashSet<>();
  private final Set<String> cut = new HashSet<>();
  private long epochsTrained;
  private long firstResultMillis = -1;
  private long epochsAtFirstResult;
  private long epochsInFlight;
  private long startMillis;
  private long millisBefore;
  private WarmStartSource warmStart = WarmStartSource.none();
  private boolean warmStartFullBracket;
  private WriteGuard guard = WriteGuard.NONE;
  private Fence fence;
  private volatile String stopRequest;
  private String stoppedBy;

  /**
   * A driver for {@code study} (whose storage may already hold trials of an earlier run of the same
   * sweep: they are continued).
   */
  public SweepDriver(
      Study study,
      SearchSpace space,
      SweepPolicy policy,
      WorkDispatcher dispatcher,
      SweepSink sink,
      Progress progress,
      String output,
      long seed) {
    this.study = study;
    this.space = space;
    this.policy = policy;
    this.dispatcher = dispatcher;
    this.sink = sink;
    this.progress = progress;
    this.plan = new SegmentPlan(output, study.name());
    this.seed = seed;
  }

  /**
   * Counts the work earlier runs of the study did against the budget: {@code epochs} epochs
   * recorded, and {@code millis} of time with segments running.
   */
  public SweepDriver continuing(long epochs, long millis) {
    this.epochsTrained = epochs;
    this.millisBefore = millis;
    return this;
  }

  /**
   * Trains the earlier sweep's best configurations of {@code source} first: each is enqueued in the
   * study just before a new trial starts, so none waits in the trials table.
   */
  public SweepDriver warmStartedFrom(WarmStartSource source, boolean fullBracket) {
    this.warmStart = source;
    this.warmStartFullBracket = fullBracket;
    return this;
  }

  /**
   * Checks {@code guard} before each round of decisions (it throws when the driver may no longer
   * write its output) and sends {@code fence} with every segment, for the executors to check before
   * they save a checkpoint.
   */
  public SweepDriver guardedBy(WriteGuard guard, Fence fence) {
    this.guard = guard;
    this.fence = fence;
    return this;
  }

  /**
   * Asks the driver to stop soon (from any thread): it sends nothing more, stops the segments in
   * flight and returns, leaving unfinished trials RUNNING so that the next run continues them.
   */
  public void requestStop(String why) {
    stopRequest = why;
  }

  /**
   * Why the last {@link #run} stopped before the end of the budget ({@link #requestStop}), or null
   * when it ran to the end.
   */
  public String stoppedBy() {
    return stoppedBy;
  }

  /** Statistics of the run: dispatch latency, decisions, utilization inputs. */
  public DriverStats stats() {
    return stats;
  }

  /** Runs the sweep to the end of its budget and returns the final trials. */
  public List<FrozenTrial> run() throws InterruptedException {
    startMillis = dispatcher.nowMillis();
    guard.check();
    resumeInterrupted();
    fill();
    while (!inFlight.isEmpty()) {
      guard.check();
      if (stopRequest != null) {
        stoppedBy = stopRequest;
        stopInFlight();
        sink.trialsChanged(study.trials());
        progress.maybePrint(this::snapshot, true);
        return study.trials();
      }
      if (timeIsUp()) {
        stopInFlight();
        break;
      }
      DispatchEvent event = dispatcher.next(1000);
      long t0 = System.nanoTime();
      boolean handled = event != null;
      while (event != null) {
        handle(event);
        event = dispatcher.next(0);
      }
      checkTimeouts();
      boolean submitted = fill();
      if (handled && submitted) {
        stats.dispatchLatencyNanos.add(System.nanoTime() - t0);
      }
      recordPaused();
      progress.maybePrint(this::snapshot, false);
    }
    guard.check();
    finish();
    progress.maybePrint(this::snapshot, true);
    return study.trials();
  }

  /** Whether the time budget, counted across runs, is spent. */
  private boolean timeIsUp() {
    return policy.budget().timeIsUp(spentMillis());
  }

  /** Time spent on the study: earlier runs' and this run's so far. */
  private long spentMillis() {
    return millisBefore + dispatcher.nowMillis() - startMillis;
  }

  /**
   * Stops every segment in flight (the time budget is spent, or a stop was asked for): none of
   * their epochs is recorded, and their trials stay where they were last recorded.
   */
  private void stopInFlight() {
    recordPaused();
    for (SegmentTask t : List.copyOf(inFlight.values())) {
      cut.add(t.segmentId());
      dispatcher.cancel(batchOf.get(t.segmentId()), t.segmentId());
      epochsInFlight -= t.epochs();
      stats.stoppedSegments++;
    }
    inFlight.clear();
    toResume.clear();
  }

  // ------------------------------------------------------------------ filling slots

  /** Fills free slots; returns whether anything was submitted. */
  private boolean fill() {
    List<SegmentTask> batch = new ArrayList<>();
    while (inFlight.size() + batch.size() < dispatcher.capacity()) {
      SegmentTask task = nextWork();
      if (task == null) {
        break;
      }
      batch.add(task);
      inFlight.put(task.segmentId(), task);
      epochsInFlight += task.epochs();
    }
    if (batch.isEmpty()) {
      return false;
    }
    String handle = dispatcher.submit(batch, describe(batch));
    long now = dispatcher.nowMillis();
    for (SegmentTask t : batch) {
      batchOf.put(t.segmentId(), handle);
      startedAt.put(t.segmentId(), now);
    }
    trialsChanged();
    return true;
  }

  private SegmentTask nextWork() {
    if (!toResume.isEmpty()) {
      return toResume.poll();
    }
    if (policy.scheduler() != null) {
      // Several objectives: the rungs rank by Pareto rank over every objective.
      AshaScheduler.Decision d = policy.scheduler().next(study.history());
      if (d instanceof AshaScheduler.Promotion p) {
        if (!budgetAllowsEpochs(p.toStep() - p.fromStep())) {
          return null;
        }
        FrozenTrial t = study.trial(p.trial());
        study.updateAttrs(p.trial(), f -> RungAttrs.promoted(f, p));
        stats.promotions++;
        promotedNow.add(p.trial());
        return segment(t, p.fromStep(), p.toStep(), 0);
      }
      AshaScheduler.NewTrial n = warmStartBracket((AshaScheduler.NewTrial) d);
      if (!budgetAllowsNewTrial(n.toStep())) {
        return null;
      }
      FrozenTrial t = startTrial(f -> RungAttrs.started(f, n));
      return t == null ? nextWork() : segment(t, 0, n.toStep(), 0);
    }
    if (!budgetAllowsNewTrial(policy.maxResource())) {
      return null;
    }
    FrozenTrial t = startTrial(Function.identity());
    return t == null ? nextWork() : segment(t, 0, policy.maxResource(), 0);
  }

  /**
   * The bracket of a new trial: Hyperband's with the fewest rungs for a configuration of the
   * earlier sweep when so configured, else {@code n}'s.
   */
  private AshaScheduler.NewTrial warmStartBracket(AshaScheduler.NewTrial n) {
    int brackets = policy.scheduler().bracketCount();
    if (warmStartFullBracket && brackets > 1 && warmStart.next(study) != null) {
      // A configuration that was the earlier sweep's best goes into the bracket that stops
      // trials least.
      return new AshaScheduler.NewTrial(
          brackets - 1, policy.scheduler().targets(brackets - 1).get(0));
    }
    return n;
  }

  /** Starts a trial and samples its parameters; null when sampling failed (the trial is FAIL). */
  private FrozenTrial startTrial(Function<FrozenTrial, FrozenTrial> attrs) {
    warmStart.enqueueNext(study);
    Trial trial = study.ask();
    try {
      space.suggest(trial);
    } catch (RuntimeException e) {
      study.tellFail(trial.number(), "sampling failed: " + e.getMessage());
      return null;
    }
    // Attributes go on after sampling: the trial handle writes its own snapshot as it suggests.
    return study.updateAttrs(
        trial.number(),
        f -> TrialSeed.with(attrs.apply(f), TrialSeed.derive(seed, trial.number())));
  }

  private SegmentTask segment(FrozenTrial t, int from, int to, int retry) {
    FrozenPruner pruner = policy.frozenPruner(schedulingHistory());
    String id = SegmentPlan.segmentId(t.number(), from, to, retry);
    return new SegmentTask(
        study.name(),
        id,
        t.number(),
        RungAttrs.bracket(t).orElse(0),
        rungOf(t, to),
        from,
        to,
        t.params(),
        TrialSeed.of(t, seed),
        from == 0 ? null : plan.checkpoint(t.number(), from),
        plan.checkpoint(t.number(), to),
        pruner,
        pruner == null ? Map.of() : t.intermediateValues().headMap(from, true),
        policy.segmentTimeoutMillis(),
        fence,
        policy.metrics().get(0));
  }

  private int rungOf(FrozenTrial t, int toStep) {
    if (policy.scheduler() == null) {
      return 0;
    }
    List<Integer> targets = policy.scheduler().targets(RungAttrs.bracket(t).orElse(0));
    int k = targets.indexOf(toStep);
    return k < 0 ? targets.size() - 1 : k;
  }

  private boolean budgetAllowsNewTrial(int epochs) {
    return stopRequest == null
        && policy
            .budget()
            .allowsTrial(
                study.trials().size(), epochsTrained + epochsInFlight, epochs, spentMillis());
  }

  private boolean budgetAllowsEpochs(int epochs) {
    return stopRequest == null
        && policy.budget().allowsEpochs(epochsTrained + epochsInFlight, epochs, spentMillis());
  }

  // ------------------------------------------------------------------ results

  private void handle(DispatchEvent event) {
    if (event instanceof DispatchEvent.Finished f) {
      finished(f.result());
    } else if (event instanceof DispatchEvent.Lost l) {
      lost(l.task(), l.reason());
    }
  }

  private void finished(SegmentResult r) {
    SegmentTask task = inFlight.remove(r.segmentId());
    if (task == null && cut.contains(r.segmentId())) {
      return; // stopped by the driver: its result comes too late to count
    }
    if (task == null || !seen.add(r.segmentId())) {
      LOG.log(
          System.Logger.Level.WARNING, "ignoring a second result of segment {0}", r.segmentId());
      return;
    }
    epochsInFlight -= task.epochs();
    epochsTrained += r.epochs().size();
    if (firstResultMillis < 0 && !r.epochs().isEmpty()) {
      // The progress estimate's rate starts here, after the start-up of executors and trials.
      firstResultMillis = dispatcher.nowMillis();
      epochsAtFirstResult = epochsTrained;
    }
    boolean failed =
        r.outcome() != ExecutorOutcome.FINISHED && r.outcome() != ExecutorOutcome.PRUNED;
    if (failed && retriesUsed.getOrDefault(task.trial(), 0) < policy.retries()) {
      // Its retry trains these epochs again from the same start: they are recorded from the try
      // that counts (the segments table keeps this one). A last try that fails keeps them.
      r = r.withoutEpochs();
    }
    for (EpochMetrics m : r.epochs()) {
      study.report(task.trial(), m.step(), m.value(task.objective()));
      recordObjectivesAtRung(task.trial(), m);
    }
    Map<String, Double> last =
        r.epochs().isEmpty() ? Map.of() : r.epochs().get(r.epochs().size() - 1).values();
    List<Double> constraints = policy.constraintValues(last);
    if (constraints != null) {
      study.setConstraints(task.trial(), constraints);
    }
    String infeasible = policy.provenInfeasible(last);
    FrozenTrial t = study.trial(task.trial());
    SegmentOutcome decision;
    switch (r.outcome()) {
      case FINISHED -> {
        if (infeasible != null && task.epochTo() < policy.maxResource()) {
          // No training makes it feasible: it stops at this rung instead of waiting there.
          study.updateAttrs(t.number(), f -> f.withUserAttr(INFEASIBLE, infeasible));
          study.tell(t.number(), TrialState.PRUNED);
          decision = SegmentOutcome.PRUNED;
          r = r.withReason(infeasible);
        } else if (task.epochTo() >= policy.maxResource()) {
          study.tell(t.number(), policy.finalValues(r));
          decision = SegmentOutcome.COMPLETED;
        } else {
          // Recorded after the next fill, which tells whether the trial goes on at once.
          pausedNow.add(new Paused(task, r));
          return;
        }
      }
      case PRUNED -> {
        study.tell(t.number(), TrialState.PRUNED);
        decision = SegmentOutcome.PRUNED;
      }
      default -> {
        retryOrFail(task, r.outcome().name().toLowerCase(Locale.ROOT) + ": " + r.reason());
        decision = failure(r);
      }
    }
    sink.segmentEnded(task, r, decision);
    trialsChanged();
  }

  private void lost(SegmentTask task, String sparkReason) {
    if (inFlight.remove(task.segmentId()) == null) {
      return;
    }
    String reason =
        cancelled.contains(task.segmentId())
            ? "no result "
                + backstopMillis(policy.segmentTimeoutMillis())
                + " ms after it was sent (segment time limit "
                + policy.segmentTimeoutMillis()
                + " ms), cancelled by the driver: "
                + sparkReason
            : sparkReason;
    epochsInFlight -= task.epochs();
    long now = dispatcher.nowMillis();
    SegmentResult r =
        new SegmentResult(
            task.segmentId(),
            task.trial(),
            ExecutorOutcome.FAILED,
            "lost: " + reason,
            List.of(),
            "unknown",
            "unknown",
            null,
            -1,
            startedAt.getOrDefault(task.segmentId(), now),
            now,
            Map.of());
    retryOrFail(task, "lost: " + reason);
    sink.segmentEnded(task, r, failure(r));
    trialsChanged();
  }

  /** How the segments table records a segment that failed, whether or not a retry follows. */
  private static SegmentOutcome failure(SegmentResult r) {
    return r.outcome() == ExecutorOutcome.TIMEOUT ? SegmentOutcome.TIMEOUT : SegmentOutcome.FAILED;
  }

  /** Tries a failed segment again while retries remain, else fails its trial. */
  private void retryOrFail(SegmentTask task, String reason) {
    int used = retriesUsed.merge(task.trial(), 1, Integer::sum);
    if (used <= policy.retries()) {
      FrozenTrial t = study.trial(task.trial());
      SegmentTask again = segment(t, task.epochFrom(), task.epochTo(), used);
      String handle = dispatcher.submit(List.of(again), "retry of " + task.segmentId());
      inFlight.put(again.segmentId(), again);
      epochsInFlight += again.epochs();
      batchOf.put(again.segmentId(), handle);
      startedAt.put(again.segmentId(), dispatcher.nowMillis());
      return;
    }
    study.tellFail(
        task.trial(),
        reason
            + (policy.retries() > 0
                ? " (after "
                    + policy.retries()
                    + " retr"
                    + (policy.retries() == 1 ? "y" : "ies")
                    + ")"
                : ""));
  }

  /**
   * The backstop for segments that never return: the executors stop a segment at its time limit
   * (plus a grace) themselves, so a result that has not come {@link #backstopMillis} after the
   * segment was sent means a task that is stuck harder (or an executor that stopped answering).
   * That segment alone is cancelled, once; it then reports a loss, retried like a failure.
   */
  private void checkTimeouts() {
    long limit = policy.segmentTimeoutMillis();
    if (limit <= 0) {
      return;
    }
    long now = dispatcher.nowMillis();
    long backstop = backstopMillis(limit);
    for (SegmentTask t : List.copyOf(inFlight.values())) {
      if (now - startedAt.getOrDefault(t.segmentId(), now) > backstop
          && cancelled.add(t.segmentId())) {
        LOG.log(
            System.Logger.Level.WARNING,
            "segment {0} has not returned {1} ms after it was sent; cancelling it",
            t.segmentId(),
            backstop);
        dispatcher.cancel(batchOf.get(t.segmentId()), t.segmentId());
      }
    }
  }

  /**
   * How long after it was sent a segment with time limit {@code limit} is cancelled by the driver:
   * twice the limit (a segment may wait in the queue while the one before it uses up its own limit)
   * plus a tenth of it, at least 30 s.
   */
  static long backstopMillis(long limit) {
    return 2 * limit + Math.max(limit / 10, 30_000);
  }

  // ------------------------------------------------------------------ start and end

  /** Trials that were in flight when an earlier driver stopped: continue them from checkpoints. */
  private void resumeInterrupted() {
    for (FrozenTrial t : study.trials()) {
      if (t.state() != TrialState.RUNNING) {
        continue;
      }
      int done = t.lastStep().orElse(0);
      int target;
      if (policy.scheduler() == null) {
        target = policy.maxResource();
      } else if (RungAttrs.targetStep(t).isPresent()) {
        target = RungAttrs.targetStep(t).getAsInt();
      } else {
        target = policy.scheduler().targets(RungAttrs.bracket(t).orElse(0)).get(0);
        int step = target;
        t = study.updateAttrs(t.number(), f -> f.withSystemAttr(RungAttrs.TARGET_STEP, step));
      }
      if (done < target) {
        toResume.add(segment(t, done, target, 0));
      }
    }
  }

  /** Records the segments that ended at a rung: promoted at once, or stopped there for now. */
  private void recordPaused() {
    for (Paused p : pausedNow) {
      sink.segmentEnded(
          p.task(),
          p.result(),
          promotedNow.contains(p.task().trial())
              ? SegmentOutcome.PROMOTED
              : SegmentOutcome.STOPPED);
    }
    if (!pausedNow.isEmpty()) {
      sink.trialsChanged(study.trials());
    }
    pausedNow.clear();
    promotedNow.clear();
  }

  /**
   * Records the trials, unless segments paused at their rung wait to be recorded: the study knows
   * their epochs already, and a snapshot must not get ahead of the segments it counts (the tables
   * would disagree if nothing more were written); {@link #recordPaused} writes it after them.
   */
  private void trialsChanged() {
    if (pausedNow.isEmpty()) {
      sink.trialsChanged(study.trials());
    }
  }

  /** Paused trials that were never promoted stop at the rung they reached. */
  private void finish() {
    recordPaused();
    for (FrozenTrial t : study.trials()) {
      if (t.state() == TrialState.RUNNING) {
        study.tell(t.number(), TrialState.PRUNED);
      }
    }
    sink.trialsChanged(study.trials());
  }

  /**
   * In a multi-objective study with rungs, the trial's objectives after an epoch that ends at a
   * rung step: what the rung's Pareto ranking reads ({@link RungAttrs#objectivesAt}). A metric the
   * epoch did not report is NaN, which ranks last.
   */
  private void recordObjectivesAtRung(int trial, EpochMetrics m) {
    List<String> metrics = policy.metrics();
    if (metrics.size() < 2
        || policy.scheduler() == null
        || !policy.scheduler().levels().contains(m.step())) {
      return;
    }
    double[] v = new double[metrics.size()];
    for (int k = 0; k < v.length; k++) {
      v[k] = m.value(metrics.get(k));
    }
    study.updateAttrs(trial, f -> RungAttrs.withObjectivesAt(f, m.step(), v));
  }

  /** The history in-segment pruners decide on: a single objective (the first metric). */
  private History schedulingHistory() {
    History h = study.history();
    return h.isMultiObjective()
        ? new History(h.studyName(), h.directions().subList(0, 1), h.trials())
        : h;
  }

  private String describe(List<SegmentTask> batch) {
    StringBuilder sb = new StringBuilder(study.name()).append(": ");
    for (int i = 0; i < batch.size(); i++) {
      SegmentTask t = batch.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      sb.append("trial ")
          .append(t.trial())
          .append(" epochs ")
          .append(t.epochFrom())
          .append('-')
          .append(t.epochTo());
    }
    return sb.toString();
  }

  Progress.Snapshot snapshot() {
    long now = dispatcher.nowMillis();
    Eta.Work work =
        new Eta.Work(
            firstResultMillis < 0 ? 0 : epochsTrained - epochsAtFirstResult,
            firstResultMillis < 0 ? 0 : now - firstResultMillis,
            epochsTrained,
            spentMillis(),
            study.trials().size(),
            new int[0],
            new int[0],
            dispatcher.slots());
    Set<Integer> training = new HashSet<>();
    inFlight.values().forEach(t -> training.add(t.trial()));
    return Progress.Snapshot.of(study, training, now - startMillis, work, policy);
  }
}
