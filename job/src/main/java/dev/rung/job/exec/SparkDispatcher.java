package dev.rung.job.exec;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.JavaConverters;
import scala.concurrent.ExecutionContext;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Sends segments to Spark executors, each as a Spark job of one task in a job group of its own, and
 * delivers each segment's result as soon as its task ends.
 *
 * <p>One job per segment lets the driver cancel a single segment (a task that never returned)
 * without touching the others sent with it. The runner is wrapped in a {@link GuardedRunner}, which
 * enforces each segment's time limit on the executor. Results arrive through {@link #next}; a job
 * that Spark gives up on (its task failed {@code spark.task.maxFailures} times, e.g. executors lost
 * over and over, or the job was cancelled) produces a {@link DispatchEvent.Lost} for its segment.
 */
public final class SparkDispatcher extends SlotDispatcher {
  private final JavaSparkContext jsc;
  private final SegmentRunner runner;
  // Job-end callbacks only enqueue events: they run on the thread that ends the job.
  private static final ExecutionContext DIRECT = ExecutionContext.fromExecutor(Runnable::run);
  // Per batch handle: each segment's job group.
  private final Map<String, Map<String, String>> jobGroups = new ConcurrentHashMap<>();

  /**
   * A dispatcher running {@code slots} segments at once through {@code jsc}, with segments queued
   * in Spark behind them (see {@link #capacity}).
   */
  public SparkDispatcher(JavaSparkContext jsc, SegmentRunner runner, int slots) {
    this(jsc, runner, slots, true);
  }

  /**
   * As {@link #SparkDispatcher(JavaSparkContext, SegmentRunner, int)}; {@code queue} false when
   * {@code slots} is below the task slots Spark has: a queued segment would then not wait but run
   * at once, beyond the parallelism asked for (see {@link #capacity}).
   */
  public SparkDispatcher(JavaSparkContext jsc, SegmentRunner runner, int slots, boolean queue) {
    this(jsc, runner, () -> slots, queue);
  }

  /**
   * A dispatcher whose slots follow {@code slots}, counted again as Spark's executors come and go,
   * with segments queued in Spark behind them.
   */
  public SparkDispatcher(JavaSparkContext jsc, SegmentRunner runner, IntSupplier slots) {
    this(jsc, runner, slots, true);
  }

  private SparkDispatcher(
      JavaSparkContext jsc, SegmentRunner runner, IntSupplier slots, boolean queue) {
    super(slots, queue);
    this.jsc = jsc;
    this.runner = GuardedRunner.guard(runner);
  }

  @Override
  public String submit(List<SegmentTask> batch, String description) {
    String handle = handle(batch);
    Map<String, String> groups = new ConcurrentHashMap<>();
    for (SegmentTask task : batch) {
      groups.put(task.segmentId(), handle + "-" + task.segmentId());
    }
    // Every job group is in place before any job runs: a job that ends at once must not find the
    // batch's map empty and drop it while the others are still being submitted.
    jobGroups.put(handle, groups);
    for (SegmentTask task : batch) {
      submitOne(
          task, groups.get(task.segmentId()), description + " [" + task.segmentId() + "]", handle);
    }
    return handle;
  }

  /** One Spark job of one task, so that cancelling it stops no other segment. */
  private void submitOne(SegmentTask task, String group, String description, String handle) {
    jsc.setJobGroup(group, description, true);
    JavaRDD<SegmentTask> rdd = jsc.parallelize(List.of(task), 1);
    AtomicBoolean reported = new AtomicBoolean();
    SimpleFutureAction<BoxedUnit> action =
        jsc.sc()
            .submitJob(
                rdd.rdd(),
                new RunPartition(runner),
                JavaConverters.asScalaBuffer(List.<Object>of(0)).toSeq(),
                new AbstractFunction2<Object, SegmentResult, BoxedUnit>() {
                  @Override
                  public BoxedUnit apply(Object index, SegmentResult result) {
                    reported.set(true);
                    events.add(new DispatchEvent.Finished(result));
                    return BoxedUnit.UNIT;
                  }
                },
                new AbstractFunction0<BoxedUnit>() {
                  @Override
                  public BoxedUnit apply() {
                    return BoxedUnit.UNIT;
                  }
                });
    jsc.clearJobGroup();
    action.onComplete(
        new AbstractFunction1<Try<BoxedUnit>, BoxedUnit>() {
          @Override
          public BoxedUnit apply(Try<BoxedUnit> outcome) {
            jobGroups.computeIfPresent(
                handle,
                (h, groups) -> {
                  groups.remove(task.segmentId());
                  return groups.isEmpty() ? null : groups;
                });
            if (outcome.isFailure() && !reported.get()) {
              events.add(
                  new DispatchEvent.Lost(
                      task, String.valueOf(outcome.failed().get().getMessage())));
            }
            return BoxedUnit.UNIT;
          }
        },
        DIRECT);
  }

  @Override
  public void cancel(String handle) {
    Map<String, String> groups = jobGroups.remove(handle);
    if (groups != null) {
      groups.values().forEach(jsc::cancelJobGroup);
    }
  }

  /** Cancels the one Spark job of the segment: the other segments of its batch go on. */
  @Override
  public void cancel(String handle, String segmentId) {
    Map<String, String> groups = jobGroups.get(handle);
    String group = groups == null ? null : groups.get(segmentId);
    if (group != null) {
      jsc.cancelJobGroup(group);
    }
  }

  /** Stops delivering nothing new; jobs still running go on until Spark stops. */
  @Override
  public void close() {
    events.clear();
  }

  /** The task body: runs the one segment of its partition. */
  private static final class RunPartition
      extends AbstractFunction1<scala.collection.Iterator<SegmentTask>, SegmentResult>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SegmentRunner runner;

    RunPartition(SegmentRunner runner) {
      this.runner = runner;
    }

    @Override
    public SegmentResult apply(scala.collection.Iterator<SegmentTask> it) {
      SegmentTask task = it.next();
      return runner.run(task, TaskPlacement.current());
    }
  }
}
