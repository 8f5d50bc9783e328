package dev.rung.job.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Sends batches of segments to Spark executors, one task per segment, as concurrent Spark jobs, and
 * delivers each segment's result as soon as its own task ends (not when its whole job ends).
 *
 * <p>Each batch is one Spark job named after its trials. Results arrive on {@link #events()}; a job
 * that Spark gives up on (a task failed {@code spark.task.maxFailures} times, e.g. executors lost
 * over and over) produces a {@link DispatchEvent.Lost} for each of its segments that had not
 * reported.
 */
public final class SparkDispatcher implements WorkDispatcher {
  private final JavaSparkContext jsc;
  private final SegmentRunner runner;
  private final BlockingQueue<DispatchEvent> events = new LinkedBlockingQueue<>();
  // Job-end callbacks only enqueue events: they run on the thread that ends the job.
  private static final ExecutionContext DIRECT = ExecutionContext.fromExecutor(Runnable::run);
  private final AtomicInteger jobs = new AtomicInteger();

  private final int slots;

  /** A dispatcher running {@code slots} segments at once through {@code jsc}. */
  public SparkDispatcher(JavaSparkContext jsc, SegmentRunner runner, int slots) {
    this.jsc = jsc;
    this.runner = runner;
    this.slots = slots;
  }

  @Override
  public int slots() {
    return slots;
  }

  /**
   * The slots plus one queued segment per two slots (at least one): Spark starts a queued task the
   * moment a core frees, so the executors do not wait for the driver's round trip of a result and
   * the next submission.
   */
  @Override
  public int capacity() {
    return slots + Math.max(1, slots / 2);
  }

  @Override
  public DispatchEvent next(long timeoutMillis) throws InterruptedException {
    return events.poll(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  @Override
  public String submit(List<SegmentTask> batch, String description) {
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    List<SegmentTask> tasks = List.copyOf(batch);
    String group = "rung-batch-" + jobs.incrementAndGet();
    jsc.setJobGroup(group, description, true);
    JavaRDD<SegmentTask> rdd = jsc.parallelize(new ArrayList<>(tasks), tasks.size());
    boolean[] reported = new boolean[tasks.size()];
    List<Object> partitions = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      partitions.add(i);
    }
    SimpleFutureAction<BoxedUnit> action =
        jsc.sc()
            .submitJob(
                rdd.rdd(),
                new RunPartition(runner),
                JavaConverters.asScalaBuffer(partitions).toSeq(),
                new AbstractFunction2<Object, SegmentResult, BoxedUnit>() {
                  @Override
                  public BoxedUnit apply(Object index, SegmentResult result) {
                    synchronized (reported) {
                      reported[(Integer) index] = true;
                    }
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
            if (outcome.isFailure()) {
              String reason = String.valueOf(outcome.failed().get().getMessage());
              synchronized (reported) {
                for (int i = 0; i < tasks.size(); i++) {
                  if (!reported[i]) {
                    events.add(new DispatchEvent.Lost(tasks.get(i), reason));
                  }
                }
              }
            }
            return BoxedUnit.UNIT;
          }
        },
        DIRECT);
    return group;
  }

  @Override
  public void cancel(String group) {
    jsc.cancelJobGroup(group);
  }

  /** Stops delivering nothing new; jobs still running go on until Spark stops. */
  @Override
  public void close() {
    events.clear();
  }

  /** The task body: runs the one segment of its partition. */
  private static final class RunPartition
      extends AbstractFunction1<scala.collection.Iterator<SegmentTask>, SegmentResult>
      implements java.io.Serializable {
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
